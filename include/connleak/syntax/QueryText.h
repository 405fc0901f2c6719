//===--- QueryText.h - tokenizers for literal SQL and Redis commands -*- C++ -*-===//
//
// Small tokenizers for the query text that unbounded-result and
// pooler-session-state judge: SQL (string literals with '' escapes, E'...'
// strings, quoted identifiers, dollar quoting, -- and /* */ comments,
// parameters, statements split on ;) and hiredis command formats (words
// split on spaces, % directives filled in at run time). They never look for
// substrings: `SELECT 'LIMIT'` has no LIMIT, and `-- LIMIT 10` is a comment.
//
// Depends on LLVM's ADT only (the unit tests link it on its own).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_SYNTAX_QUERYTEXT_H
#define CONNLEAK_SYNTAX_QUERYTEXT_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak {

/// The text a C API receives from a string literal: up to its first NUL.
inline llvm::StringRef cString(llvm::StringRef Literal) {
  return Literal.substr(0, Literal.find('\0'));
}

namespace sql {

enum class TokenKind {
  Word,        ///< keyword or identifier: SELECT, orders, pg_advisory_lock
  QuotedIdent, ///< "Orders" or `orders`
  String,      ///< 'text', E'text', $$text$$
  Number,      ///< 10, 1.5
  Param,       ///< $1, ?, :name, %s, %d (a value supplied at run time)
  Punct,       ///< any other character: ( ) , . = * ...
};

struct Token {
  TokenKind Kind = TokenKind::Punct;
  /// The token as written (for String and QuotedIdent, with its quotes).
  llvm::StringRef Text;
  /// Parenthesis depth within its statement (0 at the top level).
  unsigned Depth = 0;

  /// A keyword or identifier spelled Word in any case.
  bool is(llvm::StringRef Word) const {
    return Kind == TokenKind::Word && Text.equals_insensitive(Word);
  }
  bool isPunct(char C) const {
    return Kind == TokenKind::Punct && Text.size() == 1 && Text[0] == C;
  }
};

/// One statement of a (possibly multi-statement) SQL string.
struct Statement {
  std::vector<Token> Tokens;
};

/// Splits SQL into statements at every ';' outside strings, quoted
/// identifiers and comments, and each statement into tokens. Empty
/// statements are dropped; unterminated strings and comments run to the
/// end. The tokens point into Sql, which must outlive them.
std::vector<Statement> tokenize(llvm::StringRef Sql);

/// A SELECT that returns every row it finds: no LIMIT / FETCH FIRST / TOP,
/// not an aggregate-only select list, not a lookup by primary key.
struct UnboundedSelect {
  /// The first table of its FROM clause as written ("orders",
  /// "public.orders"), or "a subquery".
  std::string From;
};

/// The statement as an unbounded SELECT (a WITH query's main SELECT
/// included), or nullopt when it is bounded or not a SELECT.
std::optional<UnboundedSelect> unboundedSelect(const Statement &S);

/// Session-level state that a transaction-mode pooler does not keep
/// (PgBouncer's list of features incompatible with transaction pooling).
struct SessionState {
  std::string What; ///< "'SET search_path' without LOCAL"
  std::string Why;  ///< why it breaks under transaction pooling
};

/// The session state a statement creates, or nullopt: SET without LOCAL,
/// LISTEN, session advisory locks, CREATE TEMP without ON COMMIT DROP,
/// PREPARE, DECLARE ... WITH HOLD.
std::optional<SessionState> sessionState(const Statement &S);

} // namespace sql

namespace redis {

/// One argument of a hiredis command format.
struct Word {
  llvm::StringRef Text;
  /// Holds a % directive (%s, %b, %d, ...): filled in at run time.
  bool Formatted = false;
};

/// Splits a hiredis format string into its arguments the way
/// redisFormatCommand does: at spaces, with "%%" a literal '%'.
std::vector<Word> tokenize(llvm::StringRef Format);

/// The argument as an integer when it is a literal one.
std::optional<long long> integerArg(const std::vector<Word> &Words,
                                    unsigned Index);

} // namespace redis
} // namespace connleak

#endif
