//===--- QueryTextTest.cpp - unit tests for the SQL and Redis tokenizers --===//
//
// lib/syntax/QueryText.cpp: the tokenizers that unbounded-result and
// pooler-session-state judge literal query text with.
//
//===----------------------------------------------------------------------===//
#include "connleak/syntax/QueryText.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace connleak;

namespace {

/// "Kind:text" of every token, statements separated by " ; ".
std::string dump(llvm::StringRef Sql) {
  std::string Out;
  for (const sql::Statement &S : sql::tokenize(Sql)) {
    if (!Out.empty())
      Out += " ; ";
    bool First = true;
    for (const sql::Token &T : S.Tokens) {
      if (!First)
        Out += ' ';
      First = false;
      static const char *const Kinds[] = {"W", "Q", "S", "N", "P", "."};
      Out += Kinds[static_cast<int>(T.Kind)];
      Out += ':';
      Out += T.Text.str();
    }
  }
  return Out;
}

/// The FROM of the unbounded SELECT, or "bounded" / "no select".
std::string unbounded(llvm::StringRef Sql) {
  std::vector<sql::Statement> S = sql::tokenize(Sql);
  if (S.empty())
    return "no statement";
  if (std::optional<sql::UnboundedSelect> U = sql::unboundedSelect(S[0]))
    return U->From;
  return "bounded";
}

/// The What of the session state of the first statement, or "none".
std::string session(llvm::StringRef Sql) {
  std::vector<sql::Statement> S = sql::tokenize(Sql);
  if (S.empty())
    return "no statement";
  if (std::optional<sql::SessionState> SS = sql::sessionState(S[0]))
    return SS->What;
  return "none";
}

TEST(SqlTokenizer, WordsNumbersPunctuation) {
  EXPECT_EQ(dump("select id, 1.5e3 FROM t"),
            "W:select W:id .:, N:1.5e3 W:FROM W:t");
}

TEST(SqlTokenizer, StringsWithDoubledQuotes) {
  EXPECT_EQ(dump("SELECT 'it''s; LIMIT' FROM t"),
            "W:SELECT S:'it''s; LIMIT' W:FROM W:t");
  EXPECT_EQ(dump("SELECT E'a\\'b' x"), "W:SELECT S:E'a\\'b' W:x");
}

TEST(SqlTokenizer, QuotedIdentifiers) {
  EXPECT_EQ(dump("SELECT \"LIMIT\", `x``y` FROM \"a\"\"b\""),
            "W:SELECT Q:\"LIMIT\" .:, Q:`x``y` W:FROM Q:\"a\"\"b\"");
}

TEST(SqlTokenizer, Comments) {
  EXPECT_EQ(dump("SELECT a -- LIMIT 10\nFROM t"), "W:SELECT W:a W:FROM W:t");
  EXPECT_EQ(dump("SELECT /* LIMIT /* nested */ 1 */ a FROM t"),
            "W:SELECT W:a W:FROM W:t");
}

TEST(SqlTokenizer, DollarQuotingAndParameters) {
  EXPECT_EQ(dump("DO $$ SET x = 1; $$"), "W:DO S:$$ SET x = 1; $$");
  EXPECT_EQ(dump("SELECT $body$;$body$, $1, ?, :name, a::int, %s, %ld, 10%%"),
            "W:SELECT S:$body$;$body$ .:, P:$1 .:, P:? .:, P::name .:, W:a "
            ".:: .:: W:int .:, P:%s .:, P:%ld .:, N:10 .:%%");
}

TEST(SqlTokenizer, SplitsStatements) {
  EXPECT_EQ(dump("BEGIN; ;SELECT 1;"), "W:BEGIN ; W:SELECT N:1");
  EXPECT_EQ(sql::tokenize("  -- only a comment\n").size(), 0u);
}

TEST(SqlTokenizer, UnterminatedRunsToTheEnd) {
  EXPECT_EQ(dump("SELECT 'abc"), "W:SELECT S:'abc");
  EXPECT_EQ(dump("SELECT /* abc"), "W:SELECT");
  EXPECT_EQ(dump("SELECT \"abc"), "W:SELECT Q:\"abc");
  EXPECT_EQ(dump("SELECT $$abc"), "W:SELECT S:$$abc");
}

TEST(SqlTokenizer, ParenthesisDepth) {
  std::vector<sql::Statement> S = sql::tokenize("a (b (c)) d)");
  ASSERT_EQ(S.size(), 1u);
  std::vector<unsigned> Depths;
  for (const sql::Token &T : S[0].Tokens)
    Depths.push_back(T.Depth);
  EXPECT_EQ(Depths, (std::vector<unsigned>{0, 0, 1, 1, 2, 1, 0, 0, 0}));
}

TEST(UnboundedSelect, Unbounded) {
  EXPECT_EQ(unbounded("SELECT * FROM orders"), "orders");
  EXPECT_EQ(unbounded("select id, total from public.orders where status = $1"),
            "public.orders");
  EXPECT_EQ(unbounded("SELECT 'LIMIT' FROM t"), "t");
  EXPECT_EQ(unbounded("SELECT a FROM t -- LIMIT 10"), "t");
  EXPECT_EQ(unbounded("SELECT a FROM t /* LIMIT 10 */"), "t");
  EXPECT_EQ(unbounded("SELECT \"limit\" FROM t"), "t");
  EXPECT_EQ(unbounded("SELECT * FROM t LIMIT ALL"), "t");
  EXPECT_EQ(unbounded("SELECT * FROM (SELECT * FROM t LIMIT 5) s, u"),
            "a subquery");
  EXPECT_EQ(unbounded("SELECT count(*) FROM t GROUP BY a"), "t");
  EXPECT_EQ(unbounded("SELECT count(*) OVER (), a FROM t"), "t");
  EXPECT_EQ(unbounded("SELECT json_agg(o) FROM orders o"), "orders");
  EXPECT_EQ(unbounded("SELECT * FROM t WHERE customer_id = $1"), "t");
  EXPECT_EQ(unbounded("SELECT * FROM t WHERE id = $1 OR a = 2"), "t");
  EXPECT_EQ(unbounded("WITH x AS (SELECT 1) SELECT * FROM t"), "t");
}

TEST(UnboundedSelect, Bounded) {
  EXPECT_EQ(unbounded("SELECT * FROM t LIMIT 10"), "bounded");
  EXPECT_EQ(unbounded("select * from t order by id limit $1"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM t LIMIT ?"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM t LIMIT %d"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM t FETCH FIRST 10 ROWS ONLY"), "bounded");
  EXPECT_EQ(unbounded("SELECT count(*) FROM t"), "bounded");
  EXPECT_EQ(unbounded("SELECT COUNT(*) AS n, max(a) m FROM t WHERE b"), "bounded");
  EXPECT_EQ(unbounded("SELECT 1"), "bounded");
  EXPECT_EQ(unbounded("SELECT now()"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM orders WHERE id = $1"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM orders o WHERE o.id = 5 AND o.x = 1"),
            "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM orders WHERE order_id = ?"), "bounded");
  EXPECT_EQ(unbounded("SELECT * INTO backup FROM t"), "bounded");
  EXPECT_EQ(unbounded("(SELECT * FROM t) LIMIT 5"), "bounded");
  EXPECT_EQ(unbounded("WITH x AS (SELECT * FROM t) DELETE FROM u"), "bounded");
}

TEST(UnboundedSelect, NotASelect) {
  EXPECT_EQ(unbounded("DECLARE c CURSOR FOR SELECT * FROM t"), "bounded");
  EXPECT_EQ(unbounded("UPDATE t SET a = 1"), "bounded");
  EXPECT_EQ(unbounded("-- SELECT * FROM t"), "no statement");
  EXPECT_EQ(unbounded("SELECT * FROM"), "bounded");
  EXPECT_EQ(unbounded("SELECT * FROM 'x'"), "bounded");
}

TEST(SessionState, Reported) {
  EXPECT_EQ(session("SET search_path TO app"), "'SET search_path' without LOCAL");
  EXPECT_EQ(session("set session statement_timeout = 5"),
            "'SET statement_timeout' without LOCAL");
  EXPECT_EQ(session("SET app.user_id = '7'"), "'SET app.user_id' without LOCAL");
  EXPECT_EQ(session("LISTEN orders"), "'LISTEN'");
  EXPECT_EQ(session("SELECT pg_advisory_lock(42)"), "'pg_advisory_lock'");
  EXPECT_EQ(session("select PG_TRY_ADVISORY_LOCK(1, 2)"), "'PG_TRY_ADVISORY_LOCK'");
  EXPECT_EQ(session("CREATE TEMP TABLE x (a int)"), "'CREATE TEMP TABLE'");
  EXPECT_EQ(session("create temporary table x as select 1"), "'CREATE TEMP TABLE'");
  EXPECT_EQ(session("CREATE LOCAL TEMP UNLOGGED TABLE x (a int)"),
            "'CREATE TEMP TABLE'");
  EXPECT_EQ(session("CREATE TEMP RECURSIVE VIEW v (n) AS SELECT 1"),
            "'CREATE TEMP VIEW'");
  EXPECT_EQ(session("CREATE TEMP TABLE x (a int) ON COMMIT PRESERVE ROWS"),
            "'CREATE TEMP TABLE'");
  EXPECT_EQ(session("PREPARE q AS SELECT 1"), "'PREPARE'");
  EXPECT_EQ(session("DECLARE c CURSOR WITH HOLD FOR SELECT 1"),
            "'DECLARE ... WITH HOLD'");
}

TEST(SessionState, NotReported) {
  EXPECT_EQ(session("SET LOCAL search_path TO app"), "none");
  EXPECT_EQ(session("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"), "none");
  EXPECT_EQ(session("SELECT pg_advisory_xact_lock(42)"), "none");
  EXPECT_EQ(session("CREATE TEMP TABLE x (a int) ON COMMIT DROP"), "none");
  EXPECT_EQ(session("PREPARE TRANSACTION 'tx1'"), "none");
  EXPECT_EQ(session("DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1"), "none");
  EXPECT_EQ(session("DECLARE c CURSOR FOR SELECT 'WITH HOLD'"), "none");
  EXPECT_EQ(session("SELECT 'pg_advisory_lock(1)'"), "none");
  EXPECT_EQ(session("SELECT 1 -- SET x = 1"), "none");
  EXPECT_EQ(session("CREATE TABLE x (a int)"), "none");
  EXPECT_EQ(session("UNLISTEN orders"), "none");
  EXPECT_EQ(session("CREATE TEMP"), "none");
  EXPECT_EQ(session("CREATE TEMP FUNCTION f()"), "none");
  EXPECT_EQ(session("SET"), "none");
  EXPECT_EQ(session("DECLARE"), "none");
}

std::string words(llvm::StringRef F) {
  std::string Out;
  for (const redis::Word &W : redis::tokenize(F)) {
    if (!Out.empty())
      Out += ' ';
    Out += (W.Formatted ? "%[" : "[") + W.Text.str() + "]";
  }
  return Out;
}

TEST(CString, StopsAtTheFirstNul) {
  EXPECT_EQ(cString(llvm::StringRef("SELECT 1\0 LIMIT 1", 17)), "SELECT 1");
  EXPECT_EQ(cString("SELECT 1"), "SELECT 1");
}

TEST(RedisTokenizer, Words) {
  EXPECT_EQ(words("KEYS *"), "[KEYS] [*]");
  EXPECT_EQ(words("  LRANGE  %s 0 -1 "), "[LRANGE] %[%s] [0] [-1]");
  EXPECT_EQ(words("SET user:%d 100%%"), "[SET] %[user:%d] [100%%]");
  EXPECT_EQ(words("HGETALL %b"), "[HGETALL] %[%b]");
  EXPECT_EQ(words(""), "");
}

TEST(RedisTokenizer, IntegerArguments) {
  std::vector<redis::Word> W = redis::tokenize("LRANGE k 0 -1 %d x");
  EXPECT_EQ(redis::integerArg(W, 2), std::optional<long long>(0));
  EXPECT_EQ(redis::integerArg(W, 3), std::optional<long long>(-1));
  EXPECT_EQ(redis::integerArg(W, 4), std::nullopt);
  EXPECT_EQ(redis::integerArg(W, 5), std::nullopt);
  EXPECT_EQ(redis::integerArg(W, 9), std::nullopt);
}

} // namespace
