//===--- Config.h - helpers for the configuration checks --------*- C++ -*-===//
//
// Shared by per-request-client, missing-timeout, unbounded-pool,
// held-during-blocking-call, unbounded-result and pooler-session-state:
// recognising request handlers, walking a body, reading literal connection
// strings, and recognising option names as written in the source.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_CONFIG_H
#define CONNLEAK_CONFIG_H

#include "connleak/ast/AstHelpers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak {

/// "request handler 'PlaceOrder'" (or "a request handler lambda") when a
/// parameter's type, through pointers and references, is one of the
/// models' request-contexts; "" when FD is not a request handler.
std::string requestHandlerContext(const ModelSet &M,
                                  const clang::FunctionDecl *FD);

/// Visits every statement of a body, in source order, without entering
/// lambda bodies (they are analysed as functions of their own). InLoop tells
/// whether the statement runs once per iteration of a loop of this body
/// (`do { ... } while (0)` is not a loop: it runs once).
/// Static local variables' initializers are skipped: they run once.
void walkBody(const clang::Stmt *Body,
              llvm::function_ref<void(const clang::Stmt *, bool InLoop)> Fn);

/// A loop statement that repeats: for, while, range-for, and do-while but
/// `do { ... } while (0)` (and `while (false)`), which runs once.
bool isRepeatingLoop(const clang::Stmt *S);

/// The number of times a loop's body runs when it is a constant: a `for`
/// that counts a variable from a constant to a constant by a constant step
/// (and changes it nowhere else), a range-`for` over an array of known size,
/// a braced list or a std::array, `do { ... } while (0)`. std::nullopt when
/// it depends on anything else.
std::optional<uint64_t> constantTripCount(const clang::Stmt *Loop,
                                          clang::ASTContext &Ctx);

/// The string literal an argument denotes: a literal, a std::string (or
/// other one-argument class) built from one, or a local variable
/// initialised with one. std::nullopt when it is not a literal.
std::optional<std::string> literalString(const clang::Expr *E);

/// The single-token string literal an argument denotes, following local
/// variables and one-argument constructions as literalString does.
const clang::StringLiteral *literalExpr(const clang::Expr *E);

/// True if a conninfo ("key=value key=value") or URI ("...?key=value&...")
/// string sets the key (case-insensitively).
bool connStringHasKey(llvm::StringRef S, llvm::StringRef Key);
/// The value a conninfo or URI string gives the key (case-insensitive key;
/// the text up to the next separator; for a conninfo libpq accepts, its
/// pairs as libpq reads them, so that a key inside a quoted value is not a
/// key, the text between the quotes of a quoted value, and the last value
/// of a repeated key), or std::nullopt when it has none.
std::optional<llvm::StringRef> connStringValue(llvm::StringRef S,
                                               llvm::StringRef Key);

/// True if S parses as a conninfo: a URI (it contains "://"; its own
/// syntax is not checked), or a keyword/value string as libpq's
/// conninfo_parse reads it (white space around '=', values quoted with '
/// and escaped with \\). False for a string libpq rejects before any I/O:
/// a keyword not followed by '=', an unterminated quoted value. Keywords
/// are not checked against a list.
bool conninfoParses(llvm::StringRef S);

/// True if an option argument is spelled Name: an enumerator, a macro, or an
/// integer value, looking through local variables initialised with one
/// (curl's type-checking macros copy the option into a local).
bool spelledAs(const clang::Expr *E, llvm::StringRef Name,
               clang::ASTContext &Ctx);

/// For a call std::make_unique<T>(...) / std::make_shared<T>(...): T as written (keeping aliases such
/// as pqxx::connection), or the canonical argument when it is not written.
clang::QualType madeTypeAsWritten(const clang::CallExpr *CE);

/// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
/// A member `A+B` (all parts needed) reads 'A' with 'B'.
std::string quoteAlternatives(const std::vector<std::string> &Names,
                              llvm::StringRef Conjunction = "or");

} // namespace connleak

#endif
