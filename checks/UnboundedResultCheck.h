//===--- UnboundedResultCheck.h ---------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_UNBOUNDEDRESULTCHECK_H
#define CONNLEAK_CHECKS_UNBOUNDEDRESULTCHECK_H

#include "ConnleakCheck.h"

namespace connleak {

class BodyIndex;
struct QuerySpec;

/// Flags a query whose whole result is read into memory with no row bound
/// (a SELECT with no LIMIT, Redis KEYS, a Mongo find with no limit) inside a
/// request handler or a loop.
/// Documentation: docs/checks/unbounded-result.md
class UnboundedResultCheck : public ConnleakCheck {
public:
  using ConnleakCheck::ConnleakCheck;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;

private:
  /// One query call in a handler or a loop; Where is "inside ...".
  void judge(TUAnalysis &TU, BodyIndex &Index, const QuerySpec &Q,
             const clang::CallExpr *CE, const std::string &Where);
  void judgeSql(TUAnalysis &TU, BodyIndex &Index, const QuerySpec &Q,
                const clang::CallExpr *CE, const clang::Expr *Text,
                const clang::Expr *Handle, const std::string &Where);
  void judgeRedis(TUAnalysis &TU, BodyIndex &Index, const QuerySpec &Q,
                  const clang::CallExpr *CE, const clang::Expr *Text,
                  const std::string &Where);
  void judgeMongo(TUAnalysis &TU, BodyIndex &Index, const QuerySpec &Q,
                  const clang::CallExpr *CE, const clang::Expr *Opts,
                  const std::string &Where);
  void noteBound(const clang::CallExpr *CE, const std::string &Bound);
};

} // namespace connleak

#endif
