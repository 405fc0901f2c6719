//===--- QueryText.cpp - tokenizers for literal SQL and Redis commands ----===//
#include "connleak/syntax/QueryText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace connleak {
namespace sql {

static bool isWordStart(char C) {
  return isAlpha(C) || C == '_' || static_cast<unsigned char>(C) >= 0x80;
}
static bool isWordChar(char C) {
  return isAlnum(C) || C == '_' || C == '$' ||
         static_cast<unsigned char>(C) >= 0x80;
}

/// The end of a quoted run starting at I (the opening quote); a doubled
/// quote is an escaped one, and with Backslash a backslash escapes the next
/// character. Unterminated: the end of the text.
static size_t quotedEnd(StringRef S, size_t I, char Quote, bool Backslash) {
  for (size_t J = I + 1; J < S.size(); ++J) {
    if (Backslash && S[J] == '\\') {
      ++J;
      continue;
    }
    if (S[J] != Quote)
      continue;
    if (J + 1 < S.size() && S[J + 1] == Quote) {
      ++J;
      continue;
    }
    return J + 1;
  }
  return S.size();
}

/// The end of a printf-style directive at I ('%'), or 0 when it is none.
static size_t formatEnd(StringRef S, size_t I) {
  size_t J = I + 1;
  while (J < S.size() && (isDigit(S[J]) || StringRef("-+#.lhzjtq").contains(S[J])))
    ++J;
  if (J < S.size() && StringRef("sdiuxXfFgGeEcpb").contains(S[J]))
    return J + 1;
  return 0;
}

/// A dollar-quote opening tag at I ("$$" or "$tag$"), or "".
static StringRef dollarTag(StringRef S, size_t I) {
  size_t J = I + 1;
  if (J < S.size() && isDigit(S[J]))
    return {}; // $1 is a parameter
  while (J < S.size() && (isAlnum(S[J]) || S[J] == '_'))
    ++J;
  if (J < S.size() && S[J] == '$')
    return S.slice(I, J + 1);
  return {};
}

std::vector<Statement> tokenize(StringRef S) {
  std::vector<Statement> Out;
  Statement Cur;
  unsigned Depth = 0;
  auto Push = [&](TokenKind K, size_t B, size_t E) {
    Cur.Tokens.push_back(Token{K, S.slice(B, E), Depth});
  };
  auto EndStatement = [&] {
    if (!Cur.Tokens.empty())
      Out.push_back(std::move(Cur));
    Cur = Statement();
    Depth = 0;
  };
  size_t I = 0;
  while (I < S.size()) {
    char C = S[I];
    if (isSpace(C)) {
      ++I;
      continue;
    }
    if (S.substr(I).starts_with("--")) {
      size_t E = S.find('\n', I);
      I = E == StringRef::npos ? S.size() : E + 1;
      continue;
    }
    if (S.substr(I).starts_with("/*")) {
      // PostgreSQL's block comments nest.
      unsigned Nest = 0;
      size_t J = I;
      while (J < S.size()) {
        if (S.substr(J).starts_with("/*")) {
          ++Nest;
          J += 2;
        } else if (S.substr(J).starts_with("*/")) {
          J += 2;
          if (--Nest == 0)
            break;
        } else {
          ++J;
        }
      }
      I = J;
      continue;
    }
    if (C == ';') {
      EndStatement();
      ++I;
      continue;
    }
    if (C == '\'') {
      size_t E = quotedEnd(S, I, '\'', false);
      Push(TokenKind::String, I, E);
      I = E;
      continue;
    }
    if ((C == 'E' || C == 'e') && I + 1 < S.size() && S[I + 1] == '\'') {
      size_t E = quotedEnd(S, I + 1, '\'', true);
      Push(TokenKind::String, I, E);
      I = E;
      continue;
    }
    if (C == '"' || C == '`') {
      size_t E = quotedEnd(S, I, C, false);
      Push(TokenKind::QuotedIdent, I, E);
      I = E;
      continue;
    }
    if (C == '$') {
      if (StringRef Tag = dollarTag(S, I); !Tag.empty()) {
        size_t Close = S.find(Tag, I + Tag.size());
        size_t E = Close == StringRef::npos ? S.size() : Close + Tag.size();
        Push(TokenKind::String, I, E);
        I = E;
        continue;
      }
      size_t J = I + 1;
      while (J < S.size() && isDigit(S[J]))
        ++J;
      Push(J > I + 1 ? TokenKind::Param : TokenKind::Punct, I, J);
      I = J;
      continue;
    }
    if (C == '%') {
      if (size_t E = formatEnd(S, I)) {
        Push(TokenKind::Param, I, E);
        I = E;
        continue;
      }
      size_t E = I + (S.substr(I).starts_with("%%") ? 2 : 1);
      Push(TokenKind::Punct, I, E);
      I = E;
      continue;
    }
    if (C == '?') {
      Push(TokenKind::Param, I, I + 1);
      ++I;
      continue;
    }
    if (C == ':' && I + 1 < S.size() && isWordStart(S[I + 1]) &&
        (I == 0 || S[I - 1] != ':')) {
      size_t J = I + 1;
      while (J < S.size() && isWordChar(S[J]))
        ++J;
      Push(TokenKind::Param, I, J);
      I = J;
      continue;
    }
    if (isDigit(C) || (C == '.' && I + 1 < S.size() && isDigit(S[I + 1]))) {
      size_t J = I;
      while (J < S.size() && (isDigit(S[J]) || S[J] == '.'))
        ++J;
      if (J < S.size() && (S[J] == 'e' || S[J] == 'E')) {
        size_t K = J + 1;
        if (K < S.size() && (S[K] == '+' || S[K] == '-'))
          ++K;
        if (K < S.size() && isDigit(S[K])) {
          J = K;
          while (J < S.size() && isDigit(S[J]))
            ++J;
        }
      }
      Push(TokenKind::Number, I, J);
      I = J;
      continue;
    }
    if (isWordStart(C)) {
      size_t J = I + 1;
      while (J < S.size() && isWordChar(S[J]))
        ++J;
      Push(TokenKind::Word, I, J);
      I = J;
      continue;
    }
    if (C == ')' && Depth > 0)
      --Depth;
    Push(TokenKind::Punct, I, I + 1);
    if (C == '(')
      ++Depth;
    ++I;
  }
  EndStatement();
  return Out;
}

namespace {
using Tokens = ArrayRef<Token>;

/// Index of the first top-level (depth D) token that is one of the words,
/// from From on; Tokens.size() if none.
size_t findTop(Tokens T, size_t From, unsigned D,
               std::initializer_list<StringRef> Words) {
  for (size_t I = From; I < T.size(); ++I)
    if (T[I].Depth == D && T[I].Kind == TokenKind::Word)
      for (StringRef W : Words)
        if (T[I].is(W))
          return I;
  return T.size();
}

/// Aggregates that return one bounded value for any number of rows
/// (string_agg, array_agg and json_agg are left out: they collect every row).
bool isScalarAggregate(const Token &T) {
  static const char *const Names[] = {
      "count",      "sum",        "avg",         "min",      "max",
      "bool_and",   "bool_or",    "every",       "bit_and",  "bit_or",
      "stddev",     "stddev_pop", "stddev_samp", "variance", "var_pop",
      "var_samp",   "corr",       "covar_pop",   "covar_samp"};
  return T.Kind == TokenKind::Word &&
         llvm::any_of(Names, [&](const char *N) { return T.is(N); });
}

/// The select list [B, E) at depth D has only aggregates (count(*), max(x)
/// AS m), none of them a window function.
bool aggregateOnly(Tokens T, size_t B, size_t E, unsigned D) {
  if (B >= E)
    return false;
  size_t I = B;
  while (I < E) {
    if (!isScalarAggregate(T[I]) || I + 1 >= E || !T[I + 1].isPunct('('))
      return false;
    size_t J = I + 2;
    while (J < E && T[J].Depth > D)
      ++J; // the arguments; T[J] is the closing ')'
    ++J;
    while (J < E && !(T[J].Depth == D && T[J].isPunct(','))) {
      if (T[J].is("OVER"))
        return false;
      ++J;
    }
    I = J + 1;
  }
  return true;
}

bool isValue(const Token &T) {
  return T.Kind == TokenKind::Param || T.Kind == TokenKind::Number ||
         T.Kind == TokenKind::String;
}

/// The column of an equality is the table's primary key by name: `id`, or
/// `<table>_id` for a FROM table `orders` / `order`.
bool isKeyColumn(const Token &T, StringRef Table) {
  if (T.Kind != TokenKind::Word && T.Kind != TokenKind::QuotedIdent)
    return false;
  StringRef Name = T.Text.trim("\"`");
  if (Name.equals_insensitive("id"))
    return true;
  Table = Table.rsplit('.').second.empty() ? Table : Table.rsplit('.').second;
  Table = Table.trim("\"`");
  if (Table.empty() || !Name.ends_with_insensitive("_id"))
    return false;
  StringRef Stem = Name.drop_back(3);
  return Stem.equals_insensitive(Table) ||
         (Table.ends_with_insensitive("s") &&
          Stem.equals_insensitive(Table.drop_back()));
}

/// The WHERE clause [B, E) at depth D is a lookup by primary key: an
/// equality of the key with a value, and no OR at its top level.
bool keyLookup(Tokens T, size_t B, size_t E, unsigned D, StringRef Table) {
  bool Key = false;
  for (size_t I = B; I < E; ++I) {
    if (T[I].Depth != D)
      continue;
    if (T[I].is("OR"))
      return false;
    if (!T[I].isPunct('=') || I == B || I + 1 >= E)
      continue;
    // a.id = $1 / id = 5 / $1 = id
    const Token &L = T[I - 1], &R = T[I + 1];
    if ((isKeyColumn(L, Table) && isValue(R)) ||
        (isValue(L) && isKeyColumn(R, Table)))
      Key = true;
  }
  return Key;
}

std::optional<UnboundedSelect> judgeSelect(Tokens T, size_t Sel) {
  unsigned D = T[Sel].Depth;
  size_t From = findTop(T, Sel + 1, D, {"FROM"});
  if (From == T.size())
    return std::nullopt; // SELECT 1, SELECT now(): one row
  size_t Into = findTop(T, Sel + 1, D, {"INTO"});
  if (Into < From)
    return std::nullopt; // SELECT ... INTO new_table: no rows come back
  // LIMIT n (LIMIT ALL / LIMIT NULL are no limit), FETCH FIRST, TOP.
  // (A LIMIT outside the parentheses of `(SELECT ...) LIMIT 5` counts.)
  for (size_t I = Sel + 1; I < T.size(); ++I) {
    if (T[I].Depth > D)
      continue;
    if (T[I].is("LIMIT") &&
        !(I + 1 < T.size() && (T[I + 1].is("ALL") || T[I + 1].is("NULL"))))
      return std::nullopt;
    if (T[I].is("FETCH") || T[I].is("TOP"))
      return std::nullopt;
  }
  bool Grouped = false;
  for (size_t I = From; I + 1 < T.size(); ++I)
    if (T[I].Depth == D && T[I].is("GROUP") && T[I + 1].is("BY"))
      Grouped = true;
  size_t ListBegin = Sel + 1;
  while (ListBegin < From &&
         (T[ListBegin].is("DISTINCT") || T[ListBegin].is("ALL")))
    ++ListBegin;
  if (!Grouped && aggregateOnly(T, ListBegin, From, D))
    return std::nullopt;
  // FROM a table, or a subquery; anything else is not SQL we judge.
  if (From + 1 >= T.size())
    return std::nullopt;
  const Token &First = T[From + 1];
  UnboundedSelect U;
  if (First.isPunct('(')) {
    U.From = "a subquery";
  } else if (First.Kind == TokenKind::Word ||
             First.Kind == TokenKind::QuotedIdent) {
    U.From = First.Text.str();
    for (size_t I = From + 2; I + 1 < T.size() && T[I].isPunct('.'); I += 2)
      U.From += "." + T[I + 1].Text.str();
  } else {
    return std::nullopt;
  }
  size_t Where = findTop(T, From, D, {"WHERE"});
  if (Where < T.size()) {
    size_t End = findTop(T, Where + 1, D,
                         {"GROUP", "ORDER", "HAVING", "WINDOW", "UNION",
                          "INTERSECT", "EXCEPT", "FOR", "OFFSET"});
    if (keyLookup(T, Where + 1, End, D, U.From))
      return std::nullopt;
  }
  return U;
}
} // namespace

std::optional<UnboundedSelect> unboundedSelect(const Statement &S) {
  Tokens T = S.Tokens;
  if (T.empty())
    return std::nullopt;
  size_t I = 0;
  // ( SELECT ... ) at the top: judge the inner SELECT at its depth.
  while (I < T.size() && T[I].isPunct('('))
    ++I;
  if (I < T.size() && T[I].is("WITH")) {
    // The main statement after the common table expressions.
    size_t Main = findTop(T, I + 1, T[I].Depth,
                          {"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE"});
    if (Main == T.size() || !T[Main].is("SELECT"))
      return std::nullopt;
    return judgeSelect(T, Main);
  }
  if (I < T.size() && T[I].is("SELECT"))
    return judgeSelect(T, I);
  return std::nullopt;
}

namespace {
const char *const SessionLocks[] = {"pg_advisory_lock", "pg_advisory_lock_shared",
                                    "pg_try_advisory_lock",
                                    "pg_try_advisory_lock_shared"};
} // namespace

std::optional<SessionState> sessionState(const Statement &S) {
  Tokens T = S.Tokens;
  if (T.empty())
    return std::nullopt;
  // Session advisory locks, anywhere in the statement.
  for (size_t I = 0; I + 1 < T.size(); ++I)
    for (const char *L : SessionLocks)
      if (T[I].is(L) && T[I + 1].isPunct('('))
        return SessionState{
            "'" + T[I].Text.str() + "'",
            "a session advisory lock is held by the server connection, not by "
            "this client: it outlives the transaction, and the unlock may run "
            "on another connection; use pg_advisory_xact_lock"};
  const Token &First = T[0];
  if (First.is("SET")) {
    if (T.size() < 2 || T[1].is("LOCAL") || T[1].is("TRANSACTION") ||
        T[1].is("CONSTRAINTS"))
      return std::nullopt;
    size_t Name = T[1].is("SESSION") && T.size() > 2 ? 2 : 1;
    std::string Setting = T[Name].Text.str();
    for (size_t I = Name + 1; I + 1 < T.size() && T[I].isPunct('.'); I += 2)
      Setting += "." + T[I + 1].Text.str();
    return SessionState{
        "'SET " + Setting + "' without LOCAL",
        "the setting stays on the server connection, which the pooler then "
        "hands to other clients, and this client's next transaction may run "
        "on a connection without it; use SET LOCAL inside a transaction"};
  }
  if (First.is("LISTEN"))
    return SessionState{"'LISTEN'",
                        "the server connection is subscribed, not this client: "
                        "notifications reach whichever client holds it next"};
  if (First.is("PREPARE") && !(T.size() > 1 && T[1].is("TRANSACTION")))
    return SessionState{"'PREPARE'",
                        "the prepared statement exists on one server "
                        "connection only, and the next transaction may run on "
                        "another"};
  if (First.is("DECLARE")) {
    size_t For = findTop(T, 1, 0, {"FOR"});
    for (size_t I = 1; I + 1 < For; ++I)
      if (T[I].is("WITH") && T[I + 1].is("HOLD"))
        return SessionState{"'DECLARE ... WITH HOLD'",
                            "the cursor stays open on the server connection "
                            "after the transaction, and the next transaction "
                            "may run on another connection"};
    return std::nullopt;
  }
  if (First.is("CREATE")) {
    size_t I = 1;
    if (I < T.size() && (T[I].is("GLOBAL") || T[I].is("LOCAL")))
      ++I;
    if (I >= T.size() || !(T[I].is("TEMP") || T[I].is("TEMPORARY")))
      return std::nullopt;
    size_t K = I + 1;
    if (K < T.size() && (T[K].is("UNLOGGED") || T[K].is("RECURSIVE")))
      ++K;
    if (K >= T.size() ||
        !(T[K].is("TABLE") || T[K].is("VIEW") || T[K].is("SEQUENCE")))
      return std::nullopt;
    std::string Kind = T[K].Text.upper();
    for (size_t J = I + 1; J + 2 < T.size(); ++J)
      if (T[J].Depth == 0 && T[J].is("ON") && T[J + 1].is("COMMIT") &&
          T[J + 2].is("DROP"))
        return std::nullopt;
    return SessionState{
        "'CREATE TEMP " + Kind + "'",
        "the temporary object lives as long as the server connection: "
        "other clients see it, and this client's next transaction may not; "
        "use ON COMMIT DROP inside a transaction"};
  }
  return std::nullopt;
}

} // namespace sql

namespace redis {

std::vector<Word> tokenize(StringRef F) {
  std::vector<Word> Out;
  size_t I = 0;
  while (I < F.size()) {
    if (F[I] == ' ') {
      ++I;
      continue;
    }
    Word W;
    size_t B = I;
    while (I < F.size() && F[I] != ' ') {
      if (F[I] == '%' && I + 1 < F.size()) {
        if (F[I + 1] != '%')
          W.Formatted = true;
        I += 2;
        continue;
      }
      ++I;
    }
    W.Text = F.slice(B, I);
    Out.push_back(W);
  }
  return Out;
}

std::optional<long long> integerArg(const std::vector<Word> &Words,
                                    unsigned Index) {
  if (Index >= Words.size() || Words[Index].Formatted)
    return std::nullopt;
  long long V;
  if (Words[Index].Text.getAsInteger(10, V))
    return std::nullopt;
  return V;
}

} // namespace redis
} // namespace connleak
