//===--- UnboundedPoolCheck.h -----------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_UNBOUNDEDPOOLCHECK_H
#define CONNLEAK_CHECKS_UNBOUNDEDPOOLCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a pool whose literal configuration has no size limit or no
/// checkout timeout. Documentation: docs/checks/unbounded-pool.md
class UnboundedPoolCheck : public ConnleakCheck {
public:
  UnboundedPoolCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;

private:
  /// A pool with `grows-by` entries that gets members in loops whose
  /// constant trip counts multiply to at most this many is not judged.
  unsigned ConstantLoopLimit;
};

} // namespace connleak

#endif
