//===--- MissingTimeoutCheck.h ----------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H
#define CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a connect, query, RPC or HTTP transfer that has no timeout.
/// Documentation: docs/checks/missing-timeout.md
class MissingTimeoutCheck : public ConnleakCheck {
public:
  using ConnleakCheck::ConnleakCheck;

protected:
  void run(TUAnalysis &TU, clang::ASTContext &Ctx) override;
};

} // namespace connleak

#endif
