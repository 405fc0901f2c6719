//===--- ModelTest.cpp - unit tests for connleak resource models ----------===//
//
// Loads the built-in models and user model files through the real loader
// (ModelSet::addFile / ModelSet::get) and checks the lookup tables and the
// exact error messages, including their file:line:col.
//
//===----------------------------------------------------------------------===//
#include "connleak/model/Model.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace connleak;
using llvm::StringRef;

namespace {

/// "<ok>" if the file loads into an empty ModelSet, else the error message.
std::string loadError(StringRef Name, StringRef Text) {
  ModelSet S;
  if (llvm::Error E = S.addFile(Name, Text))
    return llvm::toString(std::move(E));
  return "<ok>";
}

/// Adds every built-in model to S, named as ModelSet::get names them.
void addBuiltins(ModelSet &S) {
  size_t N = 0;
  const BuiltinModel *B = builtinModels(N);
  for (size_t I = 0; I < N; ++I) {
    llvm::Error E = S.addFile(std::string("<builtin>/") + B[I].Name, B[I].Text);
    ASSERT_FALSE(E) << llvm::toString(std::move(E));
  }
}

/// The built-in models alone, finalized.
const ModelSet &builtins() {
  static const ModelSet *S = [] {
    auto *Set = new ModelSet;
    addBuiltins(*Set);
    Set->finalize();
    return Set;
  }();
  return *S;
}

const Family *findFamily(const ModelSet &S, StringRef Name) {
  for (const auto &F : S.families())
    if (F->Name == Name)
      return F.get();
  return nullptr;
}

/// The roles of QualName for family FamilyName, in rolesFor's order.
std::vector<CalleeRole> rolesOf(const ModelSet &S, StringRef QualName,
                                StringRef FamilyName) {
  std::vector<CalleeRole> Out;
  for (const CalleeRole &R : S.rolesFor(QualName))
    if (R.F && R.F->Name == FamilyName)
      Out.push_back(R);
  return Out;
}

size_t countKind(const std::vector<CalleeRole> &Roles, CalleeRole::KindT K) {
  return std::count_if(Roles.begin(), Roles.end(),
                       [K](const CalleeRole &R) { return R.Kind == K; });
}

/// A model file written to a fresh temporary path, removed at scope exit.
class TempModelFile {
public:
  explicit TempModelFile(StringRef Text) {
    int FD;
    std::error_code EC =
        llvm::sys::fs::createTemporaryFile("connleak-model", "yaml", FD, Path);
    if (EC) {
      ADD_FAILURE() << "cannot create a temporary file: " << EC.message();
      return;
    }
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
  }
  ~TempModelFile() { llvm::sys::fs::remove(Path); }
  std::string path() const { return std::string(Path.str()); }

private:
  llvm::SmallString<128> Path;
};

const char *const UserFamily = R"(# A user model, in the same format as models/*.yaml.
families:
  - name: acme-session
    kind: session
    type: acme_session *
    acquire:
      - function: acme_open
      - { function: acme_open_ex, handle: 1, success: [0], failure: -1 }
      - new: acme::Session
    release:
      - function: acme_close
    borrow: ['acme_get_*']
    take-ownership: [acme_adopt]
    nullable: true
    client: true
    share: "open one session at start-up"
timeouts:
  - { function: acme_open, kind: conninfo, arg: 0, require: [[timeout]] }
)";

} // namespace

//===----------------------------------------------------------------------===//
// Built-in models
//===----------------------------------------------------------------------===//

TEST(BuiltinModels, EveryModelFileIsEmbedded) {
  size_t N = 0;
  const BuiltinModel *B = builtinModels(N);
  std::vector<std::string> Embedded;
  for (size_t I = 0; I < N; ++I)
    Embedded.push_back(B[I].Name);

  std::vector<std::string> OnDisk;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(CONNLEAK_MODELS_DIR, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".yaml")
      OnDisk.push_back(std::string(llvm::sys::path::filename(It->path())));
  ASSERT_FALSE(EC) << EC.message();
  std::sort(Embedded.begin(), Embedded.end());
  std::sort(OnDisk.begin(), OnDisk.end());
  EXPECT_FALSE(OnDisk.empty());
  EXPECT_EQ(Embedded, OnDisk);

  // The embedded text is the file, byte for byte.
  for (size_t I = 0; I < N; ++I) {
    llvm::SmallString<256> P(CONNLEAK_MODELS_DIR);
    llvm::sys::path::append(P, B[I].Name);
    auto Buf = llvm::MemoryBuffer::getFile(P);
    ASSERT_TRUE(bool(Buf)) << P.str().str();
    EXPECT_EQ((*Buf)->getBuffer(), StringRef(B[I].Text)) << B[I].Name;
  }
}

TEST(BuiltinModels, EachLoadsOnItsOwn) {
  size_t N = 0;
  const BuiltinModel *B = builtinModels(N);
  ASSERT_GT(N, 0u);
  for (size_t I = 0; I < N; ++I) {
    ModelSet S;
    std::string Name = std::string("<builtin>/") + B[I].Name;
    llvm::Error E = S.addFile(Name, B[I].Text);
    ASSERT_FALSE(E) << Name << ": " << llvm::toString(std::move(E));
    S.finalize();
  }
}

TEST(BuiltinModels, AllLoadAndFinalizeTogether) {
  ModelSet S;
  addBuiltins(S);
  S.finalize();
  EXPECT_FALSE(S.families().empty());
  EXPECT_FALSE(S.clients().empty());
  EXPECT_FALSE(S.timeouts().empty());
  EXPECT_FALSE(S.blocking().empty());
  EXPECT_FALSE(S.pooledSessions().empty());

  llvm::StringSet<> Names;
  for (const auto &F : S.families()) {
    EXPECT_TRUE(Names.insert(F->Name).second) << F->Name;
    EXPECT_TRUE(StringRef(F->Source).starts_with("<builtin>/")) << F->Source;
    EXPECT_FALSE(F->Acquire.empty()) << F->Name;
    EXPECT_FALSE(F->Release.empty()) << F->Name;
  }
}

TEST(BuiltinModels, GetWithoutUserFilesGivesTheBuiltins) {
  auto M = ModelSet::get("");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  EXPECT_EQ((*M)->families().size(), builtins().families().size());
  EXPECT_NE(findFamily(**M, "libpq-connection"), nullptr);
}

TEST(BuiltinModels, LibpqFamily) {
  const Family *F = findFamily(builtins(), "libpq-connection");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Kind, "connection");
  EXPECT_EQ(F->Type, "PGconn");
  EXPECT_EQ(F->Source, "<builtin>/libpq.yaml");
  EXPECT_TRUE(F->Nullable);
  EXPECT_TRUE(F->ReleaseOnFailure);
  EXPECT_TRUE(F->Client);
  EXPECT_FALSE(F->Pooled);
  EXPECT_EQ(F->releaseName(), "PQfinish");
  EXPECT_EQ(F->Borrow, (std::vector<std::string>{"PQ*", "lo_*", "pg_*"}));
}

//===----------------------------------------------------------------------===//
// Lookups
//===----------------------------------------------------------------------===//

TEST(Lookup, PQconnectdbAcquiresALibpqConnection) {
  const ModelSet &S = builtins();
  std::vector<CalleeRole> Roles = S.rolesFor("PQconnectdb");
  // The exact entry comes first, then the glob matches.
  ASSERT_FALSE(Roles.empty());
  const CalleeRole &R = Roles.front();
  EXPECT_EQ(R.Kind, CalleeRole::Acquire);
  ASSERT_NE(R.F, nullptr);
  EXPECT_EQ(R.F->Name, "libpq-connection");
  ASSERT_NE(R.A, nullptr);
  EXPECT_EQ(R.A->Function, "PQconnectdb");
  EXPECT_EQ(R.A->HandleArg, -1);
  EXPECT_TRUE(R.A->Success.empty());
  EXPECT_FALSE(R.A->Failure.has_value());
  EXPECT_TRUE(R.A->When.empty());
  EXPECT_EQ(R.R, nullptr);

  EXPECT_EQ(countKind(Roles, CalleeRole::Acquire), 1u);
  EXPECT_EQ(countKind(Roles, CalleeRole::Release), 0u);
  // 'PQ*' borrows of libpq-connection, libpq-result and libpq-cancel.
  EXPECT_EQ(countKind(Roles, CalleeRole::Borrow), 3u);
  EXPECT_EQ(Roles.size(), 4u);
}

TEST(Lookup, ReleaseRole) {
  std::vector<CalleeRole> Roles =
      rolesOf(builtins(), "PQfinish", "libpq-connection");
  ASSERT_EQ(countKind(Roles, CalleeRole::Release), 1u);
  auto It = std::find_if(Roles.begin(), Roles.end(), [](const CalleeRole &R) {
    return R.Kind == CalleeRole::Release;
  });
  ASSERT_NE(It->R, nullptr);
  EXPECT_EQ(It->R->Function, "PQfinish");
  EXPECT_EQ(It->R->HandleArg, 0);
  EXPECT_FALSE(It->R->Delete);
  EXPECT_EQ(It->A, nullptr);
}

TEST(Lookup, GlobBorrowsMatch) {
  const ModelSet &S = builtins();
  // PQstatus is in no exact entry: only the 'PQ*' borrow globs match it.
  std::vector<CalleeRole> Roles = S.rolesFor("PQstatus");
  ASSERT_EQ(Roles.size(), 3u);
  llvm::StringSet<> Families;
  for (const CalleeRole &R : Roles) {
    EXPECT_EQ(R.Kind, CalleeRole::Borrow);
    EXPECT_EQ(R.A, nullptr);
    EXPECT_EQ(R.R, nullptr);
    Families.insert(R.F->Name);
  }
  EXPECT_EQ(Families.size(), 3u);
  EXPECT_TRUE(Families.count("libpq-connection"));
  EXPECT_TRUE(Families.count("libpq-result"));
  EXPECT_TRUE(Families.count("libpq-cancel"));

  // The other libpq-connection borrow globs.
  EXPECT_EQ(countKind(rolesOf(S, "lo_open", "libpq-connection"),
                      CalleeRole::Borrow),
            1u);
  EXPECT_EQ(countKind(rolesOf(S, "pg_char_to_encoding", "libpq-connection"),
                      CalleeRole::Borrow),
            1u);
  // A glob is anchored: it matches the whole name, not a substring.
  EXPECT_TRUE(S.rolesFor("myPQstatus").empty());
  EXPECT_TRUE(S.rolesFor("pq_status").empty());
}

TEST(Lookup, QualifiedExactBorrow) {
  std::vector<CalleeRole> Roles =
      builtins().rolesFor("soci::connection_pool::at");
  ASSERT_EQ(Roles.size(), 1u);
  EXPECT_EQ(Roles[0].Kind, CalleeRole::Borrow);
  EXPECT_EQ(Roles[0].F->Name, "soci-pool-lease");
}

TEST(Lookup, IsKnown) {
  const ModelSet &S = builtins();
  EXPECT_TRUE(S.isKnown("PQconnectdb"));   // exact acquire
  EXPECT_TRUE(S.isKnown("PQfinish"));      // exact release
  EXPECT_TRUE(S.isKnown("PQstatus"));      // 'PQ*' borrow
  EXPECT_TRUE(S.isKnown("SQLExecDirect")); // 'SQL*' borrow
  EXPECT_TRUE(S.isKnown("soci::connection_pool::give_back"));
  EXPECT_FALSE(S.isKnown("fopen"));
  EXPECT_FALSE(S.isKnown("my_helper"));
  EXPECT_FALSE(S.isKnown(""));
  // Names are matched exactly, qualification included.
  EXPECT_FALSE(S.isKnown("give_back"));
  EXPECT_FALSE(S.isKnown("connection_pool::give_back"));
  // `new` types are not functions.
  EXPECT_FALSE(S.isKnown("pqxx::connection"));
}

TEST(Lookup, FamilyForNew) {
  const ModelSet &S = builtins();
  const Family *F = S.familyForNew("pqxx::connection");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Name, "cxx-new-connection");
  EXPECT_EQ(F->Kind, "connection");
  EXPECT_TRUE(F->Client);
  EXPECT_EQ(F->releaseName(), "delete");
  EXPECT_EQ(S.familyForNew("pqxx::lazyconnection"), F);
  EXPECT_EQ(S.familyForNew("connection"), nullptr);
  EXPECT_EQ(S.familyForNew("pqxx::work"), nullptr);
  EXPECT_EQ(S.familyForNew(""), nullptr);
}

TEST(Lookup, ReleaseNameStripsQualification) {
  const Family *F = findFamily(builtins(), "soci-pool-lease");
  ASSERT_NE(F, nullptr);
  ASSERT_EQ(F->Release.size(), 1u);
  EXPECT_EQ(F->Release[0].Function, "soci::connection_pool::give_back");
  EXPECT_EQ(F->releaseName(), "give_back");
  EXPECT_TRUE(F->Pooled);

  Family G;
  EXPECT_EQ(G.releaseName(), "?");
  G.Release.push_back({});
  G.Release.back().Function = "ns::inner::Pool::release";
  EXPECT_EQ(G.releaseName(), "release");
  G.Release.front().Function = "free_it";
  EXPECT_EQ(G.releaseName(), "free_it");
  G.Release.front().Delete = true;
  EXPECT_EQ(G.releaseName(), "delete");
}

TEST(Lookup, OdbcWhenConditions) {
  const ModelSet &S = builtins();
  std::vector<CalleeRole> Roles = S.rolesFor("SQLAllocHandle");
  // One acquire per ODBC handle family, each guarded by its handle type,
  // plus the four 'SQL*' borrows.
  EXPECT_EQ(countKind(Roles, CalleeRole::Acquire), 4u);
  EXPECT_EQ(countKind(Roles, CalleeRole::Borrow), 4u);

  const std::pair<const char *, const char *> Expected[] = {
      {"odbc-statement", "SQL_HANDLE_STMT"},
      {"odbc-connection", "SQL_HANDLE_DBC"},
      {"odbc-environment", "SQL_HANDLE_ENV"},
      {"odbc-descriptor", "SQL_HANDLE_DESC"}};
  for (const auto &[Name, HandleType] : Expected) {
    SCOPED_TRACE(Name);
    std::vector<CalleeRole> Mine = rolesOf(S, "SQLAllocHandle", Name);
    ASSERT_EQ(countKind(Mine, CalleeRole::Acquire), 1u);
    const AcquireSpec *A = Mine.front().A;
    ASSERT_NE(A, nullptr);
    EXPECT_EQ(A->HandleArg, 2);
    EXPECT_EQ(A->Success, (std::vector<int64_t>{0, 1}));
    ASSERT_TRUE(A->Failure.has_value());
    EXPECT_EQ(*A->Failure, -1);
    ASSERT_EQ(A->When.size(), 1u);
    EXPECT_EQ(A->When[0].Arg, 0u);
    EXPECT_EQ(A->When[0].Is, HandleType);
  }

  std::vector<CalleeRole> Free = rolesOf(S, "SQLFreeHandle", "odbc-statement");
  ASSERT_EQ(countKind(Free, CalleeRole::Release), 1u);
  const ReleaseSpec *R = Free.front().R;
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->HandleArg, 1);
  ASSERT_EQ(R->When.size(), 1u);
  EXPECT_EQ(R->When[0].Arg, 0u);
  EXPECT_EQ(R->When[0].Is, "SQL_HANDLE_STMT");

  std::vector<CalleeRole> Drop = rolesOf(S, "SQLFreeStmt", "odbc-statement");
  ASSERT_EQ(countKind(Drop, CalleeRole::Release), 1u);
  ASSERT_NE(Drop.front().R, nullptr);
  EXPECT_EQ(Drop.front().R->HandleArg, 0);
  ASSERT_EQ(Drop.front().R->When.size(), 1u);
  EXPECT_EQ(Drop.front().R->When[0].Arg, 1u);
  EXPECT_EQ(Drop.front().R->When[0].Is, "SQL_DROP");
}

TEST(Lookup, MatchesPatternExact) {
  EXPECT_TRUE(matchesPattern("PQfinish", "PQfinish"));
  EXPECT_FALSE(matchesPattern("PQfinish", "PQfinis"));
  EXPECT_FALSE(matchesPattern("PQfinish", "PQfinish2"));
  EXPECT_FALSE(matchesPattern("PQfinish", "pqfinish"));
  EXPECT_TRUE(matchesPattern("soci::connection_pool::give_back",
                             "soci::connection_pool::give_back"));
  EXPECT_FALSE(matchesPattern("soci::connection_pool::give_back", "give_back"));
  EXPECT_TRUE(matchesPattern("", ""));
  EXPECT_FALSE(matchesPattern("", "x"));
}

TEST(Lookup, MatchesPatternGlob) {
  EXPECT_TRUE(matchesPattern("PQ*", "PQexec"));
  EXPECT_TRUE(matchesPattern("PQ*", "PQ"));
  EXPECT_FALSE(matchesPattern("PQ*", "xPQexec"));
  EXPECT_FALSE(matchesPattern("PQ*", "pqexec"));
  EXPECT_TRUE(matchesPattern("lo_?pen", "lo_open"));
  EXPECT_FALSE(matchesPattern("lo_?pen", "lo_oopen"));
  EXPECT_TRUE(matchesPattern("SQL[AF]*", "SQLAllocHandle"));
  EXPECT_TRUE(matchesPattern("SQL[AF]*", "SQLFreeHandle"));
  EXPECT_FALSE(matchesPattern("SQL[AF]*", "SQLConnect"));
  // '*' also spans scope separators.
  EXPECT_TRUE(matchesPattern("grpc::*", "grpc::ClientContext::set_deadline"));
  EXPECT_TRUE(matchesPattern("*::lease", "soci::connection_pool::lease"));
  // A malformed glob matches nothing, not even its own spelling.
  EXPECT_FALSE(matchesPattern("PQ[", "PQ["));
  EXPECT_FALSE(matchesPattern("PQ[", "PQx"));
}

//===----------------------------------------------------------------------===//
// User model files
//===----------------------------------------------------------------------===//

TEST(UserModels, ValidFamilyLoadsInTheSameFormat) {
  ModelSet S;
  addBuiltins(S);
  size_t Builtin = S.families().size();
  llvm::Error E = S.addFile("acme.yaml", UserFamily);
  ASSERT_FALSE(E) << llvm::toString(std::move(E));
  S.finalize();
  ASSERT_EQ(S.families().size(), Builtin + 1);

  const Family *F = findFamily(S, "acme-session");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Source, "acme.yaml");
  EXPECT_EQ(F->Kind, "session");
  EXPECT_EQ(F->Type, "acme_session *");
  EXPECT_TRUE(F->Nullable);
  EXPECT_TRUE(F->Client);
  EXPECT_FALSE(F->ReleaseOnFailure);
  EXPECT_EQ(F->Share, "open one session at start-up");
  EXPECT_EQ(F->releaseName(), "acme_close");
  ASSERT_EQ(F->Acquire.size(), 3u);
  EXPECT_EQ(F->Acquire[1].HandleArg, 1);
  EXPECT_EQ(F->Acquire[1].Success, std::vector<int64_t>{0});
  EXPECT_EQ(F->Acquire[1].Failure, std::optional<int64_t>(-1));

  std::vector<CalleeRole> Open = S.rolesFor("acme_open");
  ASSERT_EQ(Open.size(), 1u);
  EXPECT_EQ(Open[0].Kind, CalleeRole::Acquire);
  EXPECT_EQ(Open[0].F, F);
  EXPECT_EQ(S.rolesFor("acme_close").at(0).Kind, CalleeRole::Release);
  EXPECT_EQ(S.rolesFor("acme_get_name").at(0).Kind, CalleeRole::Borrow);
  EXPECT_EQ(S.rolesFor("acme_adopt").at(0).Kind, CalleeRole::TakeOwnership);
  EXPECT_TRUE(S.isKnown("acme_get_name"));
  EXPECT_EQ(S.familyForNew("acme::Session"), F);

  ASSERT_FALSE(S.timeouts().empty());
  const TimeoutSpec &T = S.timeouts().back();
  EXPECT_EQ(T.Function, "acme_open");
  EXPECT_EQ(T.Kind, ConfigKind::Conninfo);
  EXPECT_EQ(T.Source, "acme.yaml");
  EXPECT_EQ(T.Require, (std::vector<std::vector<std::string>>{{"timeout"}}));
}

TEST(UserModels, ValidFamilyThroughGet) {
  TempModelFile File(UserFamily);
  auto M = ModelSet::get(File.path());
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  const Family *F = findFamily(**M, "acme-session");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Source, File.path());
  EXPECT_NE(findFamily(**M, "libpq-connection"), nullptr);
  EXPECT_EQ((*M)->families().size(), builtins().families().size() + 1);
}

TEST(UserModels, EmptyAndCommentOnlyFilesAreValid) {
  EXPECT_EQ(loadError("u.yaml", ""), "<ok>");
  EXPECT_EQ(loadError("u.yaml", "# nothing yet\n"), "<ok>");
  EXPECT_EQ(loadError("u.yaml", "families:\n"), "<ok>");
}

TEST(UserModelErrors, MalformedYaml) {
  EXPECT_EQ(loadError("u.yaml", "families: [\n"),
            "u.yaml:1:12: Could not find closing ]!");
  EXPECT_EQ(loadError("u.yaml", "families:\n  - name: x\n   acquire: []\n"),
            "u.yaml:3:11: Unexpected token. Expected Block Entry or Block End.");
}

TEST(UserModelErrors, NotAMapping) {
  EXPECT_EQ(loadError("u.yaml", "- families\n"), "u.yaml:1:1: not a mapping");
}

TEST(UserModelErrors, UnknownKey) {
  EXPECT_EQ(loadError("u.yaml", "familes: []\n"),
            "u.yaml:1:1: unknown key 'familes'");
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    bogus: 1\n"
                                "    acquire:\n"
                                "      - function: f\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:3:5: unknown key 'bogus'");
}

TEST(UserModelErrors, MissingRequiredKey) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:2:5: missing required key 'acquire'");
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f, when: [{ arg: 0 }] }]\n"
                                "    release: [{ function: g }]\n"),
            "u.yaml:3:39: missing required key 'is'");
}

TEST(UserModelErrors, EmptyAcquireList) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: []\n"
                                "    release: [{ delete: true }]\n"),
            "u.yaml:2:5: family 'x' has no acquire entry");
}

TEST(UserModelErrors, AcquireWithBothFunctionAndNew) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire:\n"
                                "      - function: f\n"
                                "        new: T\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:4:9: an acquire entry needs exactly one of 'function' or "
            "'new'");
}

TEST(UserModelErrors, AcquireWithNeitherFunctionNorNew) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire:\n"
                                "      - handle: 0\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:4:9: an acquire entry needs exactly one of 'function' or "
            "'new'");
}

TEST(UserModelErrors, NewWithOutParameterHandle) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ new: T, handle: 1 }]\n"
                                "    release: [{ delete: true }]\n"),
            "u.yaml:3:17: 'new' acquires return the handle; 'handle' must be "
            "'return'");
}

TEST(UserModelErrors, SuccessWithoutFailure) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire:\n"
                                "      - function: f\n"
                                "        success: [0]\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:4:9: 'success' needs a 'failure' value as well");
}

TEST(UserModelErrors, NullWhenSetOnOutParameterWithoutSuccess) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire:\n"
                                "      - function: f\n"
                                "        handle: 1\n"
                                "        null-when-set: { arg: 0, field: err }\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:4:9: 'null-when-set' on an out-parameter handle needs "
            "'success'");
}

TEST(UserModelErrors, ReleaseWithBothFunctionAndDelete) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f }]\n"
                                "    release: [{ function: g, delete: true }]\n"),
            "u.yaml:4:17: a release entry needs exactly one of 'function' or "
            "'delete: true'");
}

TEST(UserModelErrors, DuplicateOfBuiltinFamily) {
  ModelSet S;
  addBuiltins(S);
  llvm::Error E = S.addFile("user.yaml", "families:\n"
                                         "  - name: libpq-connection\n"
                                         "    acquire: [{ function: my_connect }]\n"
                                         "    release: [{ function: my_close }]\n");
  ASSERT_TRUE(bool(E));
  // NOTE: unlike the other loader errors this one has no line:col.
  EXPECT_EQ(llvm::toString(std::move(E)),
            "user.yaml: family 'libpq-connection' is already defined in "
            "<builtin>/libpq.yaml");
}

TEST(UserModelErrors, DuplicateOfBuiltinFamilyThroughGet) {
  TempModelFile File("families:\n"
                     "  - name: libpq-connection\n"
                     "    acquire: [{ function: my_connect }]\n"
                     "    release: [{ function: my_close }]\n");
  auto M = ModelSet::get(File.path());
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(llvm::toString(M.takeError()),
            File.path() + ": family 'libpq-connection' is already defined in "
                          "<builtin>/libpq.yaml");
}

TEST(UserModelErrors, DuplicateFamilyInOneFile) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f }]\n"
                                "    release: [{ delete: true }]\n"
                                "  - name: x\n"
                                "    acquire: [{ function: g }]\n"
                                "    release: [{ delete: true }]\n"),
            "u.yaml: family 'x' is already defined in u.yaml");
}

TEST(UserModelErrors, BadBorrowPattern) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f }]\n"
                                "    release: [{ delete: true }]\n"
                                "    borrow: ['PQ[']\n"),
            "u.yaml: family 'x': bad pattern 'PQ[': invalid glob pattern, "
            "unmatched '['");
}

TEST(UserModelErrors, UnknownTimeoutKind) {
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - function: f\n"
                                "    kind: bogus\n"),
            "u.yaml:3:11: unknown kind 'bogus' (expected conninfo, "
            "uri, setter, variant or context)");
  // The position is that of the value, in a flow mapping too.
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - { function: f, kind: bogus }\n"),
            "u.yaml:2:26: unknown kind 'bogus' (expected conninfo, "
            "uri, setter, variant or context)");
}

TEST(UserModelErrors, PoolLimitKind) {
  EXPECT_EQ(loadError("u.yaml", "pool-limits:\n"
                                "  - { function: f, kind: variant, require: [[a]] }\n"),
            "u.yaml:2:7: a pool limit's kind is uri or setter, not 'variant'");
}

TEST(UserModelErrors, FixTemplatePlaceholders) {
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - { function: f, kind: setter, require: [[A]],\n"
                                "      setters: [s], fix-insert: 's(${handle}, ${Timeout});' }\n"),
            "u.yaml:2:7: 'fix-insert': unknown placeholder '${Timeout}' "
            "(expected ${handle}, ${argN} or an option: "
            "${ConnectTimeoutSeconds}, ${ConnectTimeoutMs}, "
            "${SocketTimeoutMs}, ${TransferTimeoutMs}, ${LowSpeedLimit}, "
            "${LowSpeedTimeSeconds})");
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - { function: f, kind: conninfo, arg: 0, require: [[t]],\n"
                                "      fix-keys: ['t=${ConnectTimeoutSeconds'] }\n"),
            "u.yaml:2:7: 'fix-keys': unclosed '${' in 't=${ConnectTimeoutSeconds'");
  // Every placeholder the built-in models use is accepted (they load).
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - { function: f, kind: variant, variant: g,\n"
                                "      fix-call: 'g(${arg0}, ${TransferTimeoutMs})' }\n"),
            "<ok>");
}

TEST(UserModelErrors, TimeoutMissingRequire) {
  EXPECT_EQ(loadError("u.yaml", "timeouts:\n"
                                "  - { function: f, kind: conninfo }\n"),
            "u.yaml:2:7: a 'conninfo' timeout needs 'require'");
}

TEST(UserModelErrors, BadHandleValue) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire:\n"
                                "      - function: f\n"
                                "        handle: first\n"
                                "    release:\n"
                                "      - function: g\n"),
            "u.yaml:5:17: expected 'return', 'this' or an argument index");
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f, handle: -1 }]\n"
                                "    release: [{ function: g }]\n"),
            "u.yaml:3:38: expected 'return', 'this' or an argument index");
}

TEST(UserModelErrors, BadScalars) {
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f }]\n"
                                "    release: [{ function: g }]\n"
                                "    nullable: maybe\n"),
            "u.yaml:5:15: invalid boolean");
  EXPECT_EQ(loadError("u.yaml", "families:\n"
                                "  - name: x\n"
                                "    acquire: [{ function: f, success: [0], failure: no }]\n"
                                "    release: [{ function: g }]\n"),
            "u.yaml:3:53: invalid number");
}

TEST(UserModelErrors, DuplicatedKey) {
  EXPECT_EQ(loadError("u.yaml", "families: []\nfamilies: []\n"),
            "u.yaml:2:1: duplicated mapping key 'families'");
}

TEST(UserModelErrors, MissingFileThroughGet) {
  auto M = ModelSet::get("nonexistent.yaml");
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(llvm::toString(M.takeError()),
            "nonexistent.yaml: cannot read model file: No such file or "
            "directory");
}

TEST(UserModelErrors, MissingFileAmongOthers) {
  TempModelFile File(UserFamily);
  auto M = ModelSet::get(File.path() + "; nonexistent.yaml");
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(llvm::toString(M.takeError()),
            "nonexistent.yaml: cannot read model file: No such file or "
            "directory");
}

//===----------------------------------------------------------------------===//
// ModelSet::get caching
//===----------------------------------------------------------------------===//

TEST(ModelSetGet, SameListGivesTheSamePointer) {
  auto A = ModelSet::get("");
  auto B = ModelSet::get("");
  ASSERT_TRUE(bool(A)) << llvm::toString(A.takeError());
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_EQ(A->get(), B->get());

  TempModelFile File(UserFamily);
  auto C = ModelSet::get(File.path());
  auto D = ModelSet::get(File.path());
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  ASSERT_TRUE(bool(D)) << llvm::toString(D.takeError());
  EXPECT_EQ(C->get(), D->get());
  EXPECT_NE(C->get(), A->get());
}

TEST(ModelSetGet, SeparatorsAndBlanks) {
  TempModelFile One(UserFamily);
  TempModelFile Two("families:\n"
                    "  - name: acme-cursor\n"
                    "    acquire: [{ function: acme_cursor_open }]\n"
                    "    release: [{ function: acme_cursor_close }]\n");
  for (const std::string &List :
       {One.path() + ";" + Two.path(), One.path() + "," + Two.path(),
        " " + One.path() + " ;; " + Two.path() + " ;"}) {
    SCOPED_TRACE(List);
    auto M = ModelSet::get(List);
    ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
    EXPECT_NE(findFamily(**M, "acme-session"), nullptr);
    EXPECT_NE(findFamily(**M, "acme-cursor"), nullptr);
    EXPECT_EQ((*M)->families().size(), builtins().families().size() + 2);
  }
}

TEST(ModelSetGet, ErrorsAreNotCached) {
  // A failed load is retried (and fails again the same way).
  for (int I = 0; I < 2; ++I) {
    auto M = ModelSet::get("nonexistent.yaml");
    ASSERT_FALSE(bool(M));
    llvm::consumeError(M.takeError());
  }
}

//===----------------------------------------------------------------------===//
// queries, redis-commands, pooler-connects, protocol-prepares
//===----------------------------------------------------------------------===//

namespace {
const QuerySpec *findQuery(const ModelSet &M, StringRef Function) {
  for (const QuerySpec &Q : M.queries())
    if (Q.Function == Function)
      return &Q;
  return nullptr;
}
} // namespace

TEST(BuiltinModels, Queries) {
  const QuerySpec *Exec = findQuery(builtins(), "PQexec");
  ASSERT_NE(Exec, nullptr);
  EXPECT_EQ(Exec->Language, QueryLanguage::Sql);
  EXPECT_EQ(Exec->Arg, 1);
  EXPECT_EQ(Exec->HandleArg, 0);
  EXPECT_TRUE(Exec->Reads);
  EXPECT_TRUE(Exec->Session);
  EXPECT_EQ(Exec->Source, "<builtin>/libpq.yaml");
  const QuerySpec *Send = findQuery(builtins(), "PQsendQuery");
  ASSERT_NE(Send, nullptr);
  EXPECT_EQ(Send->StreamedBy[0], "PQsetSingleRowMode");
  const QuerySpec *My = findQuery(builtins(), "mysql_query");
  ASSERT_NE(My, nullptr);
  EXPECT_EQ(My->FetchedBy, (std::vector<std::string>{"mysql_store_result"}));
  EXPECT_FALSE(My->Session);
  const QuerySpec *Pqxx = findQuery(builtins(), "pqxx::transaction_base::exec");
  ASSERT_NE(Pqxx, nullptr);
  EXPECT_EQ(Pqxx->Arg, 0);
  EXPECT_EQ(Pqxx->HandleArg, -1);
  const QuerySpec *Find =
      findQuery(builtins(), "mongoc_collection_find_with_opts");
  ASSERT_NE(Find, nullptr);
  EXPECT_EQ(Find->Language, QueryLanguage::Mongo);
  EXPECT_EQ(Find->BoundKeys, (std::vector<std::string>{"limit"}));
  EXPECT_EQ(findQuery(builtins(), "redisCommand")->Language,
            QueryLanguage::Redis);
}

TEST(BuiltinModels, RedisCommandsAndPoolerConnects) {
  bool Keys = false, Lrange = false;
  for (const RedisCommandSpec &R : builtins().redisCommands()) {
    Keys |= R.Command == "KEYS" && R.StopArg == -1;
    Lrange |= R.Command == "LRANGE" && R.StopArg == 3;
  }
  EXPECT_TRUE(Keys);
  EXPECT_TRUE(Lrange);
  bool Connectdb = false, Pqxx = false;
  for (const PoolerConnectSpec &P : builtins().poolerConnects()) {
    Connectdb |= P.Function == "PQconnectdb" && P.Arg == 0;
    Pqxx |= P.Construct == "pqxx::connection" && P.Arg == 0;
  }
  EXPECT_TRUE(Connectdb);
  EXPECT_TRUE(Pqxx);
  ASSERT_FALSE(builtins().protocolPrepares().empty());
  EXPECT_EQ(builtins().protocolPrepares()[0].Function, "PQprepare");
}

TEST(UserModels, QuerySections) {
  ModelSet S;
  ASSERT_FALSE(bool(S.addFile("u.yaml",
                              "queries:\n"
                              "  - { function: 'acme::Db::query', language: sql,"
                              " arg: 0, handle: this, reads: false, session: true }\n"
                              "redis-commands:\n"
                              "  - { command: SMEMBERS, what: x, unless: [COUNT] }\n"
                              "pooler-connects:\n"
                              "  - function: acme_connect\n"
                              "protocol-prepares:\n"
                              "  - { function: acme_prepare, handle: 1 }\n")));
  ASSERT_EQ(S.queries().size(), 1u);
  EXPECT_EQ(S.queries()[0].HandleArg, -1);
  EXPECT_FALSE(S.queries()[0].Reads);
  EXPECT_EQ(S.queries()[0].Source, "u.yaml");
  ASSERT_EQ(S.poolerConnects().size(), 1u);
  EXPECT_EQ(S.poolerConnects()[0].Arg, -1);
  EXPECT_EQ(S.protocolPrepares()[0].HandleArg, 1);
  EXPECT_EQ(S.redisCommands()[0].Unless, (std::vector<std::string>{"COUNT"}));
}

TEST(UserModelErrors, QuerySections) {
  EXPECT_EQ(loadError("u.yaml", "queries:\n"
                                "  - { function: f, language: cobol }\n"),
            "u.yaml:2:30: unknown language 'cobol' (expected sql, redis or "
            "mongo)");
  EXPECT_EQ(loadError("u.yaml", "queries:\n"
                                "  - { function: f, language: mongo }\n"),
            "u.yaml:2:7: a 'mongo' query needs 'bound-keys'");
  EXPECT_EQ(loadError("u.yaml", "queries:\n"
                                "  - { function: f, language: redis, session: true }\n"),
            "u.yaml:2:7: 'session: true' needs 'language: sql'");
  EXPECT_EQ(loadError("u.yaml", "queries:\n"
                                "  - { function: 'f[', language: sql }\n"),
            "u.yaml: query 'f[': bad pattern 'f[': invalid glob pattern, "
            "unmatched '['");
  EXPECT_EQ(loadError("u.yaml", "redis-commands:\n"
                                "  - { command: 'ZRANGE BYSCORE', what: x }\n"),
            "u.yaml:2:7: a redis command is one non-empty word");
  EXPECT_EQ(loadError("u.yaml", "redis-commands:\n"
                                "  - { command: KEYS }\n"),
            "u.yaml:2:7: missing required key 'what'");
  EXPECT_EQ(loadError("u.yaml", "pooler-connects:\n"
                                "  - { function: f, construct: T }\n"),
            "u.yaml:2:7: a pooler connect needs exactly one of 'function' or "
            "'construct'");
  EXPECT_EQ(loadError("u.yaml", "protocol-prepares:\n"
                                "  - { function: f, handel: 0 }\n"),
            "u.yaml:2:20: unknown key 'handel'");
}
