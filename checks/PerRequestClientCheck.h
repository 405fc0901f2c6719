//===--- PerRequestClientCheck.h --------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_PERREQUESTCLIENTCHECK_H
#define CONNLEAK_CHECKS_PERREQUESTCLIENTCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a client, connection or pool built inside a request handler, inside
/// a loop, or in the constructor of a class that is itself built per request.
/// Documentation: docs/checks/per-request-client.md
class PerRequestClientCheck : public ConnleakCheck {
public:
  using ConnleakCheck::ConnleakCheck;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;
};

} // namespace connleak

#endif
