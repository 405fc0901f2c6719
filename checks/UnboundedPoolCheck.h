//===--- UnboundedPoolCheck.h -----------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_UNBOUNDEDPOOLCHECK_H
#define CONNLEAK_CHECKS_UNBOUNDEDPOOLCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a pool whose literal configuration has no size limit or no
/// checkout timeout. Documentation: docs/checks/unbounded-pool.md
class UnboundedPoolCheck : public ConnleakCheck {
public:
  using ConnleakCheck::ConnleakCheck;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;
};

} // namespace connleak

#endif
