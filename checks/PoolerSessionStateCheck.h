//===--- PoolerSessionStateCheck.h ------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_POOLERSESSIONSTATECHECK_H
#define CONNLEAK_CHECKS_POOLERSESSIONSTATECHECK_H

#include "ConnleakCheck.h"
#include "llvm/Support/GlobPattern.h"
#include <utility>
#include <vector>

namespace connleak {

/// Flags session-level statements (SET without LOCAL, LISTEN, session
/// advisory locks, temporary tables, PREPARE, DECLARE ... WITH HOLD) sent on
/// a connection that goes through a transaction-mode pooler such as
/// PgBouncer.
/// Documentation: docs/checks/pooler-session-state.md
class PoolerSessionStateCheck : public ConnleakCheck {
public:
  PoolerSessionStateCheck(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

  static constexpr const char *DefaultEndpoints = "*port=6432*;*pgbouncer*";
  static constexpr const char *EndpointSeparators = ";";

  /// The first PoolerEndpoints pattern that a connection string matches
  /// (case-insensitively, with spaces around '=' ignored), or "".
  std::string endpointOf(llvm::StringRef ConnString) const;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;

private:
  std::string EndpointsOption;
  /// The patterns as written, and compiled in lower case.
  std::vector<std::pair<std::string, llvm::GlobPattern>> Endpoints;
  bool SupportsPreparedStatements = true;
};

} // namespace connleak

#endif
