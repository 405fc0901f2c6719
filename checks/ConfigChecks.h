//===--- ConfigChecks.h - shared code of the configuration checks -*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_CONFIGCHECKS_H
#define CONNLEAK_CHECKS_CONFIGCHECKS_H

#include "connleak/analysis/Analysis.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ParentMap;
}

namespace connleak {

/// A call or construction that a model entry judges.
struct JudgedCall {
  const clang::Expr *E = nullptr;
  std::string Name;
  std::vector<const clang::Expr *> Args;
};

/// The statements of one function body in source order (lambda bodies
/// excluded), with the queries the configuration checks ask about them.
class BodyIndex {
public:
  BodyIndex(TUAnalysis &TU, const clang::FunctionDecl *FD);
  ~BodyIndex();

  const std::vector<const clang::Stmt *> &statements() const { return Stmts; }
  const clang::ParentMap &parents();

  /// S as a call of Function (a qualified-name glob) or a construction of
  /// Construct (also through std::make_unique / make_shared).
  std::optional<JudgedCall> match(const clang::Stmt *S,
                                  llvm::StringRef Function,
                                  llvm::StringRef Construct);
  /// The literal configuration string of an argument: a literal, or a local
  /// initialised by UriConstructor("literal").
  std::optional<std::string> configString(const clang::Expr *Arg,
                                          llvm::StringRef UriConstructor);
  /// The string literal configString read, when it is one literal token.
  const clang::StringLiteral *configLiteral(const clang::Expr *Arg,
                                            llvm::StringRef UriConstructor);
  /// Inserts Text as a statement of its own right before the statement that
  /// contains E, with the same indentation; none if that statement is not
  /// directly in a block.
  std::optional<clang::FixItHint> insertBeforeStatement(const clang::Expr *E,
                                                        llvm::StringRef Text);
  /// V is changed or handed to a call other than Allowed (and other than
  /// its own initialiser): its literal initial value is not the whole story.
  bool changedElsewhere(const clang::VarDecl *V, const clang::Expr *Allowed);
  /// V holds a handle acquired in this function (not a parameter, not a
  /// handle that came from an unknown function).
  bool acquiredHere(const clang::VarDecl *V);
  /// The local variable that E initialises or is assigned to, if any.
  const clang::VarDecl *initialisedVar(const clang::Expr *E);
  /// V is passed to one of the Setters anywhere in the function.
  bool configuredBy(const clang::VarDecl *V,
                    const std::vector<std::string> &Setters);
  /// V is passed to a function that is not modelled, anywhere.
  bool escapesAnywhere(const clang::VarDecl *V);
  /// V is passed to a function with no body and no model before At.
  bool escapesBefore(const clang::VarDecl *V, const clang::Expr *At);
  /// The Require groups none of whose options is set on V by one of the
  /// Setters (before At when Before is set, anywhere otherwise).
  std::vector<std::vector<std::string>>
  missingOptions(const clang::VarDecl *V, const clang::Expr *At,
                 const std::vector<std::string> &Setters, int OptionArg,
                 const std::vector<std::vector<std::string>> &Require,
                 bool Before);
  /// One of Options ("OPTION", or "OPTION=value" when the argument after
  /// the option must be that integer) is set on V by one of the Setters
  /// before At.
  bool optionSetBefore(const clang::VarDecl *V, const clang::Expr *At,
                       const std::vector<std::string> &Setters, int OptionArg,
                       const std::vector<std::string> &Options);
  /// One of the Setters is called on V before At with an option that is not
  /// a constant (a variable: options read from the configuration), so
  /// which options are set is not known.
  bool variableOptionBefore(const clang::VarDecl *V, const clang::Expr *At,
                            const std::vector<std::string> &Setters,
                            int OptionArg);
  /// For a "context" timeout: the local context object passed to the call.
  const clang::VarDecl *contextArg(const clang::CallExpr *CE,
                                   const TimeoutSpec &T);
  bool contextConfigured(const clang::VarDecl *V, const clang::CallExpr *At,
                         const TimeoutSpec &T);
  /// The calls that take V (or &V) as an argument, in source order.
  const std::vector<const clang::CallExpr *> &callsWith(const clang::VarDecl *V);
  /// The assignments of the body, in source order.
  const std::vector<const clang::BinaryOperator *> &assignments() const {
    return Assignments;
  }
  /// A is before B in the translation unit.
  bool before(const clang::Stmt *A, const clang::Stmt *B) const;

private:
  /// The calls of one of the Setters with V as their first argument and an
  /// option argument (before At when Before is set).
  std::vector<const clang::CallExpr *>
  setterCalls(const clang::VarDecl *V, const clang::Expr *At,
              const std::vector<std::string> &Setters, int OptionArg,
              bool Before);

  TUAnalysis &TU;
  const clang::FunctionDecl *FD;
  std::vector<const clang::Stmt *> Stmts;
  llvm::DenseMap<const clang::VarDecl *, std::vector<const clang::CallExpr *>>
      CallsByVar;
  std::vector<const clang::BinaryOperator *> Assignments;
  /// Non-const member calls on, address-of and ++/-- of local variables.
  std::vector<std::pair<const clang::Stmt *, const clang::VarDecl *>> Changes;
  std::unique_ptr<clang::ParentMap> PM;
};

/// The Require groups none of whose keys the conninfo/URI string sets.
std::vector<std::vector<std::string>>
missingKeys(llvm::StringRef S, const std::vector<std::vector<std::string>> &Require);
/// "'a' or 'b', and no 'c'".
std::string describeMissing(const std::vector<std::vector<std::string>> &G);

} // namespace connleak

#endif
