//===--- AstHelpers.h - small AST queries shared by every layer -*- C++ -*-===//
//
// The one place for the questions that the analysis, the fix-its and the
// syntactic checks all ask of the AST: which local variable an expression
// denotes, the arguments of a call with the implicit object apart, whether
// an expression is a null pointer constant, the names a type is known by,
// and walks up a ParentMap past parentheses, casts and temporaries.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_AST_ASTHELPERS_H
#define CONNLEAK_AST_ASTHELPERS_H

#include "connleak/model/Model.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace clang {
class ASTContext;
class ParentMap;
class Stmt;
class VarDecl;
} // namespace clang

namespace connleak {

/// Strips parentheses, casts (but a cast to void), temporaries and
/// std::move / std::forward: what is left denotes the same object.
const clang::Expr *strip(const clang::Expr *E);
/// True for the nodes strip() looks through (but std::move calls).
bool isTransparent(const clang::Stmt *S);

/// The local (non-reference) variable E names, looking through parentheses
/// and implicit casts only.
const clang::VarDecl *localVar(const clang::Expr *E);
/// The local variable E denotes once strip()ped.
const clang::VarDecl *varOf(const clang::Expr *E);
/// `&v` of a local variable v.
const clang::VarDecl *addressOfVar(const clang::Expr *E);
/// The local variable (a reference too) that E names or takes the address
/// of, looking through parentheses and every cast: the variable a
/// configuration call is made on (curl_easy_setopt(h, ...), setopt(&h)).
const clang::VarDecl *localVarOf(const clang::Expr *E);
/// True if S assigns, increments, decrements or takes the address of the
/// local variable V anywhere inside it.
bool changesVar(const clang::Stmt *S, const clang::VarDecl *V);

/// True if E is a null pointer constant (NULL, nullptr, 0).
bool isNullConstant(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The object and arguments of a call, with the implicit object apart.
struct CallArgs {
  const clang::Expr *Obj = nullptr;
  llvm::SmallVector<const clang::Expr *, 6> Args;
  /// The argument at a model position: -1 is the object.
  const clang::Expr *at(int Pos) const {
    if (Pos < 0)
      return Obj;
    return (unsigned)Pos < Args.size() ? Args[Pos] : nullptr;
  }
};
CallArgs callArgs(const clang::CallExpr *CE);
/// The argument a release entry takes the handle from (the object for
/// `handle: this`), or null if the call has too few arguments.
const clang::Expr *releasedArg(const ReleaseSpec &R, const CallArgs &A);

/// Walks up from S while Skip(parent) holds; returns the first parent for
/// which it does not (null at the top), and its child on the way in Child.
const clang::Stmt *
parentSkipping(const clang::ParentMap &PM, const clang::Stmt *S,
               llvm::function_ref<bool(const clang::Stmt *)> Skip,
               const clang::Stmt **Child = nullptr);
/// The nearest enclosing statement of type T, or null.
template <typename T>
const T *enclosing(const clang::ParentMap &PM, const clang::Stmt *S) {
  const clang::Stmt *P = parentSkipping(
      PM, S, [](const clang::Stmt *X) { return !llvm::isa<T>(X); });
  return llvm::dyn_cast_or_null<T>(P);
}

/// The names a type is known by, most specific first: each typedef or alias
/// in its sugar ("pqxx::connection"), then the record's qualified name
/// ("pqxx::basic_connection_base"). Pointers and references are looked
/// through when LookThroughPointers is set.
llvm::SmallVector<std::string, 3> typeNames(clang::QualType T,
                                            bool LookThroughPointers = false);
/// True if one of the type's names matches the model pattern.
bool typeMatches(clang::QualType T, llvm::StringRef Pattern,
                 bool LookThroughPointers = false);

} // namespace connleak

#endif
