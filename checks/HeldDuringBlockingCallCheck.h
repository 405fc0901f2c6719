//===--- HeldDuringBlockingCallCheck.h --------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_HELDDURINGBLOCKINGCALLCHECK_H
#define CONNLEAK_CHECKS_HELDDURINGBLOCKINGCALLCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a blocking call (sleep, network transfer, RPC) made while a pooled
/// connection is checked out. Documentation:
/// docs/checks/held-during-blocking-call.md
class HeldDuringBlockingCallCheck : public ConnleakCheck {
public:
  static constexpr const char *ID = "connleak-held-during-blocking-call";
  /// BlockingFunctions holds globs, separated by ';' or ','.
  static constexpr const char *BlockingSeparators = ";,";
  HeldDuringBlockingCallCheck(llvm::StringRef Name,
                              clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;
  bool readsFlowResults() const override { return true; }

private:
  std::vector<std::string> BlockingFunctions;
};

} // namespace connleak

#endif
