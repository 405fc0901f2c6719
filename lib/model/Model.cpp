//===--- Model.cpp - loading and querying resource models -----------------===//
#include "connleak/model/Model.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <map>
#include <mutex>
#include <optional>

using namespace llvm;

namespace connleak {

StringRef configKindName(ConfigKind K) {
  switch (K) {
  case ConfigKind::Conninfo:
    return "conninfo";
  case ConfigKind::Uri:
    return "uri";
  case ConfigKind::Setter:
    return "setter";
  case ConfigKind::Variant:
    return "variant";
  case ConfigKind::Context:
    return "context";
  }
  return "?";
}

StringRef queryLanguageName(QueryLanguage L) {
  switch (L) {
  case QueryLanguage::Sql:
    return "sql";
  case QueryLanguage::Redis:
    return "redis";
  case QueryLanguage::Mongo:
    return "mongo";
  }
  return "?";
}

std::string Family::releaseName() const {
  if (Release.empty() && Origin == FamilyOrigin::HandleAttributes)
    return "release_handle(\"" + Type + "\")";
  for (const ReleaseSpec &R : Release) {
    if (!R.From.empty())
      continue; // a project summary's entry: messages must not depend on it
    if (R.Delete)
      return "delete";
    // Messages use the unqualified name: 'give_back', not
    // 'soci::connection_pool::give_back'.
    StringRef Name(R.Function);
    size_t Pos = Name.rfind("::");
    return (Pos == StringRef::npos ? Name : Name.substr(Pos + 2)).str();
  }
  return "?";
}

namespace {
/// Where a handle is: "return", "this" or an argument index.
struct HandleRef {
  int Index = -1;
  bool Set = false;
};

/// The whole document of one model file.
struct ModelDoc : ModelEntries {
  std::vector<Family> Families;
};
} // namespace
} // namespace connleak

using namespace connleak;

LLVM_YAML_IS_SEQUENCE_VECTOR(std::vector<std::string>)
LLVM_YAML_IS_SEQUENCE_VECTOR(ArgCondition)
LLVM_YAML_IS_SEQUENCE_VECTOR(AcquireSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(ReleaseSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(ReuseSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(StatusSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(Family)
LLVM_YAML_IS_SEQUENCE_VECTOR(ClientSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(RequestContextSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(TimeoutSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(PoolLimitSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(BlockingSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(PooledSessionSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(QuerySpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(RedisCommandSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(PoolerConnectSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(ProtocolPrepareSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(FunctionSpec)

namespace llvm {
namespace yaml {

template <> struct ScalarTraits<HandleRef> {
  static void output(const HandleRef &V, void *, raw_ostream &OS) {
    if (V.Index < 0)
      OS << "return";
    else
      OS << V.Index;
  }
  static StringRef input(StringRef S, void *, HandleRef &V) {
    V.Set = true;
    if (S == "return" || S == "this") {
      V.Index = -1;
      return {};
    }
    unsigned N;
    if (S.getAsInteger(10, N))
      return "expected 'return', 'this' or an argument index";
    V.Index = static_cast<int>(N);
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct MappingTraits<ArgCondition> {
  static void mapping(IO &IO, ArgCondition &C) {
    IO.mapRequired("arg", C.Arg);
    IO.mapRequired("is", C.Is);
  }
};

template <> struct MappingTraits<NullWhenSetSpec> {
  static void mapping(IO &IO, NullWhenSetSpec &N) {
    unsigned Arg = 0;
    IO.mapRequired("arg", Arg);
    IO.mapRequired("field", N.Field);
    N.Arg = static_cast<int>(Arg);
  }
  static std::string validate(IO &, NullWhenSetSpec &N) {
    if (N.Field.empty())
      return "'null-when-set' needs a non-empty 'field'";
    return {};
  }
};

template <> struct MappingTraits<AcquireSpec> {
  static void mapping(IO &IO, AcquireSpec &A) {
    IO.mapOptional("function", A.Function);
    IO.mapOptional("new", A.New);
    HandleRef H;
    H.Index = A.HandleArg;
    IO.mapOptional("handle", H);
    if (H.Set)
      A.HandleArg = H.Index;
    IO.mapOptional("success", A.Success);
    IO.mapOptional("failure", A.Failure);
    IO.mapOptional("when", A.When);
    IO.mapOptional("null-when-set", A.NullWhenSet);
    IO.mapOptional("nullable", A.Nullable);
    IO.mapOptional("release-on-failure", A.ReleaseOnFailure);
    IO.mapOptional("from", A.From);
  }
  static std::string validate(IO &, AcquireSpec &A) {
    if (A.Function.empty() == A.New.empty())
      return "an acquire entry needs exactly one of 'function' or 'new'";
    if (!A.New.empty() && A.HandleArg >= 0)
      return "'new' acquires return the handle; 'handle' must be 'return'";
    if (!A.Success.empty() && !A.Failure)
      return "'success' needs a 'failure' value as well";
    if (A.NullWhenSet.Arg >= 0 && A.HandleArg >= 0 && A.Success.empty())
      return "'null-when-set' on an out-parameter handle needs 'success'";
    return {};
  }
};

template <> struct MappingTraits<ReleaseSpec> {
  static void mapping(IO &IO, ReleaseSpec &R) {
    IO.mapOptional("function", R.Function);
    IO.mapOptional("delete", R.Delete, false);
    HandleRef H;
    H.Index = 0;
    IO.mapOptional("handle", H);
    R.HandleArg = H.Set ? H.Index : 0;
    IO.mapOptional("when", R.When);
    IO.mapOptional("from", R.From);
  }
  static std::string validate(IO &, ReleaseSpec &R) {
    if (R.Function.empty() == !R.Delete)
      return "a release entry needs exactly one of 'function' or 'delete: true'";
    return {};
  }
};

template <> struct MappingTraits<ReuseSpec> {
  static void mapping(IO &IO, ReuseSpec &R) {
    IO.mapRequired("function", R.Function);
    unsigned Arg = 0, OptionArg = 1;
    IO.mapOptional("arg", Arg, 0u);
    IO.mapOptional("option", R.Option);
    IO.mapOptional("option-arg", OptionArg, 1u);
    IO.mapOptional("share-setter", R.ShareSetter);
    IO.mapOptional("share-needs", R.ShareNeeds);
    R.Arg = static_cast<int>(Arg);
    R.OptionArg = static_cast<int>(OptionArg);
  }
  static std::string validate(IO &, ReuseSpec &R) {
    if (R.ShareSetter.empty() != R.ShareNeeds.empty())
      return "'share-setter' and 'share-needs' go together";
    if (!R.ShareSetter.empty() && R.Option.empty())
      return "'share-setter' needs 'option' (the share object follows it)";
    return {};
  }
};

template <> struct MappingTraits<StatusSpec> {
  static void mapping(IO &IO, StatusSpec &S) {
    IO.mapOptional("function", S.Function);
    unsigned Arg = 0;
    IO.mapOptional("arg", Arg, 0u);
    S.Arg = static_cast<int>(Arg);
    IO.mapOptional("field", S.Field);
    IO.mapOptional("ok", S.Ok);
    IO.mapOptional("failed", S.Failed);
  }
  static std::string validate(IO &, StatusSpec &S) {
    if (S.Function.empty() == S.Field.empty())
      return "a status entry needs exactly one of 'function' or 'field'";
    if (S.Ok.empty() && S.Failed.empty())
      return "a status entry needs 'ok' or 'failed' values";
    return {};
  }
};

template <> struct MappingTraits<Family> {
  static void mapping(IO &IO, Family &F) {
    // `extends: <family>` adds entries to a family declared before (in a
    // built-in or an earlier file); such an entry has only the lists.
    IO.mapOptional("extends", F.Extends);
    if (!F.Extends.empty()) {
      IO.mapOptional("acquire", F.Acquire);
      IO.mapOptional("release", F.Release);
      IO.mapOptional("borrow", F.Borrow);
      IO.mapOptional("take-ownership", F.TakeOwnership);
      return;
    }
    IO.mapRequired("name", F.Name);
    IO.mapOptional("kind", F.Kind, std::string("handle"));
    IO.mapOptional("type", F.Type);
    IO.mapRequired("acquire", F.Acquire);
    IO.mapRequired("release", F.Release);
    IO.mapOptional("borrow", F.Borrow);
    IO.mapOptional("take-ownership", F.TakeOwnership);
    IO.mapOptional("nullable", F.Nullable, false);
    IO.mapOptional("release-on-failure", F.ReleaseOnFailure, false);
    // Accepted for old model files; it never had an effect.
    bool ReleaseAcceptsNull = true;
    IO.mapOptional("release-accepts-null", ReleaseAcceptsNull, true);
    IO.mapOptional("client", F.Client, false);
    IO.mapOptional("pooled", F.Pooled, false);
    IO.mapOptional("share", F.Share);
    IO.mapOptional("reuses-connections", F.ReusesConnections);
    IO.mapOptional("status", F.Status);
  }
  static std::string validate(IO &, Family &F) {
    if (!F.Extends.empty()) {
      if (F.Acquire.empty() && F.Release.empty() && F.Borrow.empty() &&
          F.TakeOwnership.empty())
        return "'extends: " + F.Extends +
               "' adds nothing (no acquire, release, borrow or take-ownership)";
      return {};
    }
    if (F.Name.empty())
      return "a family needs a non-empty 'name'";
    if (F.Acquire.empty())
      return "family '" + F.Name + "' has no acquire entry";
    if (F.Release.empty())
      return "family '" + F.Name + "' has no release entry";
    return {};
  }
};

template <> struct MappingTraits<ClientSpec> {
  static void mapping(IO &IO, ClientSpec &C) {
    IO.mapOptional("function", C.Function);
    IO.mapOptional("construct", C.Construct);
    IO.mapOptional("kind", C.Kind, std::string("client"));
    IO.mapOptional("share", C.Share);
    IO.mapOptional("from", C.From);
  }
  static std::string validate(IO &, ClientSpec &C) {
    if (C.Function.empty() == C.Construct.empty())
      return "a client entry needs exactly one of 'function' or 'construct'";
    return {};
  }
};

template <> struct MappingTraits<RequestContextSpec> {
  static void mapping(IO &IO, RequestContextSpec &R) {
    IO.mapRequired("type", R.Type);
  }
};

/// A timeout or pool-limit kind, read as a typed scalar: an unknown name
/// is an error at the value, with the names the entry accepts.
template <> struct ScalarTraits<ConfigKind> {
  static void output(const ConfigKind &K, void *, raw_ostream &OS) {
    OS << configKindName(K);
  }
  static StringRef input(StringRef S, void *, ConfigKind &K) {
    for (ConfigKind C : {ConfigKind::Conninfo, ConfigKind::Uri,
                         ConfigKind::Setter, ConfigKind::Variant,
                         ConfigKind::Context})
      if (S == configKindName(C)) {
        K = C;
        return {};
      }
    static thread_local std::string Error;
    Error = ("unknown kind '" + S +
             "' (expected conninfo, uri, setter, variant or context)")
                .str();
    return Error;
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

/// Checks the ${...} placeholders of a fix template: ${handle}, ${argN},
/// or an option of connleak-missing-timeout.
static std::string checkTemplate(StringRef Key, StringRef T) {
  for (size_t Pos = T.find("${"); Pos != StringRef::npos;
       Pos = T.find("${", Pos + 2)) {
    size_t End = T.find('}', Pos);
    if (End == StringRef::npos)
      return ("'" + Key + "': unclosed '${' in '" + T + "'").str();
    StringRef Name = T.slice(Pos + 2, End);
    unsigned Index;
    if (Name == "handle" ||
        (Name.starts_with("arg") && !Name.drop_front(3).getAsInteger(10, Index)) ||
        llvm::any_of(FixTemplateOptions,
                     [&](const FixTemplateOption &O) { return Name == O.Name; }))
      continue;
    std::string Known;
    for (const FixTemplateOption &O : FixTemplateOptions)
      Known += (Known.empty() ? "${" : ", ${") + std::string(O.Name) + "}";
    return ("'" + Key + "': unknown placeholder '${" + Name +
            "}' (expected ${handle}, ${argN} or an option: " + Known + ")")
        .str();
  }
  return {};
}

template <> struct MappingTraits<TimeoutSpec> {
  static void mapping(IO &IO, TimeoutSpec &T) {
    IO.mapOptional("function", T.Function);
    IO.mapOptional("construct", T.Construct);
    IO.mapRequired("kind", T.Kind);
    IO.mapOptional("arg", T.Arg, 0);
    HandleRef H;
    H.Index = 0;
    IO.mapOptional("handle", H);
    T.HandleArg = H.Set ? H.Index : 0;
    IO.mapOptional("require", T.Require);
    IO.mapOptional("setters", T.Setters);
    IO.mapOptional("option-arg", T.OptionArg, 1);
    IO.mapOptional("bounded-when", T.BoundedWhen);
    IO.mapOptional("context-type", T.ContextType);
    IO.mapOptional("returns", T.Returns);
    IO.mapOptional("variant", T.Variant);
    IO.mapOptional("uri-constructor", T.UriConstructor);
    IO.mapOptional("fix-keys", T.FixKeys);
    IO.mapOptional("fix-insert", T.FixInsert);
    IO.mapOptional("fix-call", T.FixCall);
    IO.mapOptional("note", T.Note);
    IO.mapOptional("library-defaults", T.LibraryDefaults);
    IO.mapOptional("disabled-value", T.DisabledValue);
    IO.mapOptional("default-value", T.DefaultValue);
  }
  static std::string validate(IO &, TimeoutSpec &T) {
    if (!T.LibraryDefaults.empty() && T.Kind != ConfigKind::Conninfo &&
        T.Kind != ConfigKind::Uri)
      return "'library-defaults' applies to 'conninfo' and 'uri' timeouts";
    if (!T.BoundedWhen.empty() && T.Kind != ConfigKind::Setter)
      return "'bounded-when' applies to 'setter' timeouts";
    for (const std::string &B : T.BoundedWhen) {
      auto [Opt, Value] = StringRef(B).split('=');
      long long V;
      if (Opt.empty() || (B.find('=') != std::string::npos &&
                          Value.getAsInteger(0, V)))
        return "a 'bounded-when' entry must be 'OPTION' or 'OPTION=integer', "
               "got '" + B + "'";
    }
    for (const std::string &K : T.LibraryDefaults) {
      auto [Key, Ms] = StringRef(K).split('=');
      unsigned long long V;
      if (Key.empty() || Ms.empty() || Ms.getAsInteger(10, V))
        return "a 'library-defaults' entry must be 'key=milliseconds', got '" +
               K + "'";
    }
    for (const std::string &K : T.FixKeys) {
      if (K.find('=') == std::string::npos)
        return "a 'fix-keys' entry must be 'key=value', got '" + K + "'";
      if (std::string E = checkTemplate("fix-keys", K); !E.empty())
        return E;
    }
    if (std::string E = checkTemplate("fix-insert", T.FixInsert); !E.empty())
      return E;
    if (std::string E = checkTemplate("fix-call", T.FixCall); !E.empty())
      return E;
    if (T.Kind == ConfigKind::Context) {
      if (T.ContextType.empty())
        return "a 'context' timeout needs 'context-type'";
      return {};
    }
    if (T.Function.empty() == T.Construct.empty())
      return "a timeout entry needs exactly one of 'function' or 'construct'";
    if (T.Kind == ConfigKind::Variant && T.Variant.empty())
      return "a 'variant' timeout needs 'variant'";
    if ((T.Kind == ConfigKind::Conninfo || T.Kind == ConfigKind::Uri ||
         T.Kind == ConfigKind::Setter) &&
        T.Require.empty() && T.LibraryDefaults.empty())
      return ("a '" + configKindName(T.Kind) + "' timeout needs 'require'").str();
    if (T.Kind == ConfigKind::Setter && T.Setters.empty())
      return "a 'setter' timeout needs 'setters'";
    return {};
  }
};

template <> struct MappingTraits<PoolLimitSpec> {
  static void mapping(IO &IO, PoolLimitSpec &P) {
    IO.mapRequired("function", P.Function);
    IO.mapRequired("kind", P.Kind);
    IO.mapOptional("arg", P.Arg, 0);
    IO.mapRequired("require", P.Require);
    IO.mapOptional("setters", P.Setters);
    IO.mapOptional("option-arg", P.OptionArg, 1);
    IO.mapOptional("uri-constructor", P.UriConstructor);
    IO.mapOptional("grows-by", P.GrowsBy);
  }
  static std::string validate(IO &, PoolLimitSpec &P) {
    if (P.Kind != ConfigKind::Uri && P.Kind != ConfigKind::Setter)
      return ("a pool limit's kind is uri or setter, not '" +
              configKindName(P.Kind) + "'")
          .str();
    if (P.Kind == ConfigKind::Setter && P.Setters.empty())
      return "a 'setter' pool limit needs 'setters'";
    return {};
  }
};

template <> struct MappingTraits<BlockingSpec> {
  static void mapping(IO &IO, BlockingSpec &B) {
    IO.mapOptional("function", B.Function);
    IO.mapOptional("arg-type", B.ArgType);
    IO.mapOptional("from", B.From);
  }
  static std::string validate(IO &, BlockingSpec &B) {
    if (B.Function.empty() == B.ArgType.empty())
      return "a blocking entry needs exactly one of 'function' or 'arg-type'";
    return {};
  }
};

template <> struct MappingTraits<PooledSessionSpec> {
  static void mapping(IO &IO, PooledSessionSpec &P) {
    IO.mapRequired("type", P.Type);
    IO.mapOptional("from-type", P.FromType);
    IO.mapOptional("function", P.Function);
  }
  static std::string validate(IO &, PooledSessionSpec &P) {
    if (P.FromType.empty() == P.Function.empty())
      return "a pooled session needs exactly one of 'from-type' or 'function'";
    return {};
  }
};

template <> struct ScalarTraits<QueryLanguage> {
  static void output(const QueryLanguage &L, void *, raw_ostream &OS) {
    OS << queryLanguageName(L);
  }
  static StringRef input(StringRef S, void *, QueryLanguage &L) {
    for (QueryLanguage C :
         {QueryLanguage::Sql, QueryLanguage::Redis, QueryLanguage::Mongo})
      if (S == queryLanguageName(C)) {
        L = C;
        return {};
      }
    static thread_local std::string Error;
    Error = ("unknown language '" + S + "' (expected sql, redis or mongo)").str();
    return Error;
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct MappingTraits<QuerySpec> {
  static void mapping(IO &IO, QuerySpec &Q) {
    IO.mapRequired("function", Q.Function);
    IO.mapRequired("language", Q.Language);
    IO.mapOptional("arg", Q.Arg, 1);
    HandleRef H;
    H.Index = 0;
    IO.mapOptional("handle", H);
    Q.HandleArg = H.Set ? H.Index : 0;
    IO.mapOptional("reads", Q.Reads, true);
    IO.mapOptional("session", Q.Session, false);
    IO.mapOptional("streamed-by", Q.StreamedBy);
    IO.mapOptional("fetched-by", Q.FetchedBy);
    IO.mapOptional("iterated-by", Q.IteratedBy);
    IO.mapOptional("bound-keys", Q.BoundKeys);
    IO.mapOptional("builders", Q.Builders);
    IO.mapOptional("bound", Q.Bound);
  }
  static std::string validate(IO &, QuerySpec &Q) {
    if (Q.Arg < 0)
      return "a query's 'arg' must be an argument index";
    if (Q.Language == QueryLanguage::Mongo && Q.BoundKeys.empty())
      return "a 'mongo' query needs 'bound-keys'";
    if (Q.Session && Q.Language != QueryLanguage::Sql)
      return "'session: true' needs 'language: sql'";
    return {};
  }
};

template <> struct MappingTraits<FunctionSpec> {
  static void mapping(IO &IO, FunctionSpec &F) {
    IO.mapRequired("function", F.Function);
    IO.mapOptional("sink", F.Sink);
    IO.mapOptional("from", F.From);
  }
  static std::string validate(IO &, FunctionSpec &F) {
    if (F.Function.empty())
      return "a functions entry needs a non-empty 'function'";
    return {};
  }
};

template <> struct MappingTraits<RedisCommandSpec> {
  static void mapping(IO &IO, RedisCommandSpec &R) {
    IO.mapRequired("command", R.Command);
    IO.mapOptional("stop-arg", R.StopArg, -1);
    IO.mapOptional("unless", R.Unless);
    IO.mapRequired("what", R.What);
    IO.mapOptional("bound", R.Bound);
  }
  static std::string validate(IO &, RedisCommandSpec &R) {
    if (R.Command.empty() || R.Command.find(' ') != std::string::npos)
      return "a redis command is one non-empty word";
    return {};
  }
};

template <> struct MappingTraits<PoolerConnectSpec> {
  static void mapping(IO &IO, PoolerConnectSpec &P) {
    IO.mapOptional("function", P.Function);
    IO.mapOptional("construct", P.Construct);
    IO.mapOptional("arg", P.Arg, -1);
  }
  static std::string validate(IO &, PoolerConnectSpec &P) {
    if (P.Function.empty() == P.Construct.empty())
      return "a pooler connect needs exactly one of 'function' or 'construct'";
    return {};
  }
};

template <> struct MappingTraits<ProtocolPrepareSpec> {
  static void mapping(IO &IO, ProtocolPrepareSpec &P) {
    IO.mapRequired("function", P.Function);
    HandleRef H;
    H.Index = 0;
    IO.mapOptional("handle", H);
    P.HandleArg = H.Set ? H.Index : 0;
  }
};

template <> struct MappingTraits<ModelDoc> {
  static void mapping(IO &IO, ModelDoc &D) {
    IO.mapOptional("families", D.Families);
    IO.mapOptional("clients", D.Clients);
    IO.mapOptional("request-contexts", D.RequestContexts);
    IO.mapOptional("timeouts", D.Timeouts);
    IO.mapOptional("pool-limits", D.PoolLimits);
    IO.mapOptional("blocking", D.Blocking);
    IO.mapOptional("pooled-sessions", D.PooledSessions);
    IO.mapOptional("queries", D.Queries);
    IO.mapOptional("redis-commands", D.RedisCommands);
    IO.mapOptional("pooler-connects", D.PoolerConnects);
    IO.mapOptional("protocol-prepares", D.ProtocolPrepares);
    IO.mapOptional("functions", D.Functions);
  }
};

} // namespace yaml
} // namespace llvm

namespace connleak {

bool matchesPattern(StringRef Pattern, StringRef Name) {
  if (Pattern.find_first_of("*?[") == StringRef::npos)
    return Pattern == Name;
  // Compiled once per thread: the CLI analyses translation units in
  // parallel, and patterns are few.
  thread_local StringMap<std::optional<GlobPattern>> Compiled;
  auto [It, Inserted] = Compiled.try_emplace(Pattern);
  if (Inserted) {
    Expected<GlobPattern> G = GlobPattern::create(Pattern);
    if (G)
      It->second = std::move(*G);
    else
      consumeError(G.takeError());
  }
  return It->second && It->second->match(Name);
}

static bool isGlob(StringRef S) {
  return S.find_first_of("*?[") != StringRef::npos;
}

std::string exactPattern(StringRef Name) {
  if (!isGlob(Name))
    return Name.str();
  std::string E;
  for (char C : Name) {
    if (StringRef("\\*?[]").contains(C))
      E += '\\';
    E += C;
  }
  return E;
}

/// The one name a pattern matches when each of its glob characters is
/// escaped with `\` (exactPattern; `Pool::operator\[\]`, as `connleak
/// summarize` writes C++ operators): such an entry names a function, it is
/// not a pattern.
static std::optional<std::string> literalName(StringRef Pattern) {
  std::string Out;
  for (size_t I = 0; I < Pattern.size(); ++I) {
    char C = Pattern[I];
    if (C == '\\' && I + 1 < Pattern.size())
      C = Pattern[++I];
    else if (C == '*' || C == '?' || C == '[')
      return std::nullopt;
    Out += C;
  }
  return Out;
}

Error ModelSet::addFile(StringRef FileName, StringRef Text) {
  ModelDoc Doc;
  std::string Message;
  auto Handler = [](const SMDiagnostic &D, void *Ctx) {
    auto *Out = static_cast<std::string *>(Ctx);
    if (!Out->empty())
      return;
    *Out = formatv("{0}:{1}:{2}: {3}", D.getFilename(), D.getLineNo(),
                   D.getColumnNo() + 1, D.getMessage())
               .str();
  };
  std::unique_ptr<MemoryBuffer> Buf =
      MemoryBuffer::getMemBuffer(Text, FileName, /*RequiresNull=*/false);
  yaml::Input In(Buf->getMemBufferRef(), nullptr, Handler, &Message);
  In >> Doc;
  if (In.error()) {
    if (Message.empty())
      Message = (FileName + ": malformed model file").str();
    return createStringError(inconvertibleErrorCode(), Message);
  }
  // Family names are unique across files: a later file may not silently
  // shadow a built-in family.
  for (Family &F : Doc.Families) {
    if (!F.Extends.empty()) {
      if (Error E = addExtension(FileName, F))
        return E;
      continue;
    }
    for (const auto &Existing : Families)
      if (Existing->Name == F.Name)
        return createStringError(
            inconvertibleErrorCode(),
            formatv("{0}: family '{1}' is already defined in {2}", FileName,
                    F.Name, Existing->Source)
                .str());
    if (Error E = checkEntries(FileName, F.Name, F))
      return E;
    F.Source = FileName.str();
    Families.push_back(std::make_unique<Family>(std::move(F)));
  }
  // The patterns of the query entries must compile too.
  for (const QuerySpec &Q : Doc.Queries) {
    std::vector<std::string> Patterns{Q.Function};
    for (const auto *L : {&Q.StreamedBy, &Q.FetchedBy, &Q.IteratedBy, &Q.Builders})
      Patterns.insert(Patterns.end(), L->begin(), L->end());
    for (const std::string &G : Patterns)
      if (isGlob(G))
        if (Expected<GlobPattern> P = GlobPattern::create(G); !P)
          return createStringError(
              inconvertibleErrorCode(),
              formatv("{0}: query '{1}': bad pattern '{2}': {3}", FileName,
                      Q.Function, G, toString(P.takeError()))
                  .str());
  }
  for (const FunctionSpec &Fn : Doc.Functions)
    if (isGlob(Fn.Function))
      if (Expected<GlobPattern> P = GlobPattern::create(Fn.Function); !P)
        return createStringError(
            inconvertibleErrorCode(),
            formatv("{0}: functions: bad pattern '{1}': {2}", FileName,
                    Fn.Function, toString(P.takeError()))
                .str());
  Entries.append(std::move(Doc), FileName);
  return Error::success();
}

void ModelEntries::append(ModelEntries &&Src, StringRef Source) {
  auto Append = [&](auto &Dst, auto &From) {
    for (auto &E : From) {
      E.Source = Source.str();
      Dst.push_back(std::move(E));
    }
  };
  Append(Clients, Src.Clients);
  Append(RequestContexts, Src.RequestContexts);
  Append(Timeouts, Src.Timeouts);
  Append(PoolLimits, Src.PoolLimits);
  Append(Blocking, Src.Blocking);
  Append(PooledSessions, Src.PooledSessions);
  Append(Queries, Src.Queries);
  Append(RedisCommands, Src.RedisCommands);
  Append(PoolerConnects, Src.PoolerConnects);
  Append(ProtocolPrepares, Src.ProtocolPrepares);
  Append(Functions, Src.Functions);
}

Error ModelSet::checkEntries(StringRef FileName, StringRef Name,
                             const Family &F) const {
  // Every pattern must compile, wherever it is used.
  std::vector<std::string> Patterns(F.Borrow);
  Patterns.insert(Patterns.end(), F.TakeOwnership.begin(),
                  F.TakeOwnership.end());
  for (const AcquireSpec &A : F.Acquire)
    Patterns.push_back(A.Function);
  for (const ReleaseSpec &R : F.Release)
    Patterns.push_back(R.Function);
  for (const ReuseSpec &R : F.ReusesConnections)
    Patterns.push_back(R.Function);
  for (const StatusSpec &S : F.Status)
    Patterns.push_back(S.Function);
  for (const std::string &G : Patterns)
    if (isGlob(G))
      if (Expected<GlobPattern> P = GlobPattern::create(G); !P)
        return createStringError(
            inconvertibleErrorCode(),
            formatv("{0}: family '{1}': bad pattern '{2}': {3}", FileName,
                    Name, G, toString(P.takeError()))
                .str());
  // A `new` type belongs to one family: a later file may not take it over.
  for (const AcquireSpec &A : F.Acquire)
    if (!A.New.empty())
      for (const auto &Existing : Families)
        for (const AcquireSpec &B : Existing->Acquire)
          if (B.New == A.New)
            return createStringError(
                inconvertibleErrorCode(),
                formatv("{0}: family '{1}': 'new {2}' is already acquired by "
                        "family '{3}' in {4}",
                        FileName, Name, A.New, Existing->Name,
                        Existing->Source)
                    .str());
  return Error::success();
}

Error ModelSet::addExtension(StringRef FileName, Family &Ext) {
  Family *Target = nullptr;
  for (const auto &Existing : Families)
    if (Existing->Name == Ext.Extends)
      Target = Existing.get();
  if (!Target) {
    // Project summaries name the families of the model files they were
    // made with; a directory whose ModelFiles lack one simply does not use
    // those derived entries. An entry written by hand must name a family.
    bool AllDerived =
        Ext.Borrow.empty() && Ext.TakeOwnership.empty() &&
        llvm::all_of(Ext.Acquire,
                     [](const AcquireSpec &A) { return !A.From.empty(); }) &&
        llvm::all_of(Ext.Release,
                     [](const ReleaseSpec &R) { return !R.From.empty(); });
    if (AllDerived)
      return Error::success();
    return createStringError(
        inconvertibleErrorCode(),
        formatv("{0}: 'extends: {1}': no such family (it must be declared in "
                "a built-in model or an earlier model file)",
                FileName, Ext.Extends)
            .str());
  }
  if (Error E = checkEntries(FileName, Target->Name, Ext))
    return E;
  for (AcquireSpec &A : Ext.Acquire)
    Target->Acquire.push_back(std::move(A));
  for (ReleaseSpec &R : Ext.Release)
    Target->Release.push_back(std::move(R));
  for (std::string &B : Ext.Borrow)
    Target->Borrow.push_back(std::move(B));
  for (std::string &T : Ext.TakeOwnership)
    Target->TakeOwnership.push_back(std::move(T));
  return Error::success();
}

void ModelSet::finalize() {
  Exact.clear();
  Globs.clear();
  NewTypes.clear();
  auto Add = [&](StringRef Name, CalleeRole Role) {
    if (!isGlob(Name))
      Exact[Name].push_back(Role);
    else if (std::optional<std::string> L = literalName(Name))
      Exact[*L].push_back(Role);
    else {
      Role.FromGlob = true;
      Globs.emplace_back(Name.str(), Role);
    }
  };
  for (const auto &FP : Families) {
    const Family &F = *FP;
    for (const AcquireSpec &A : F.Acquire) {
      if (!A.New.empty()) {
        NewTypes[A.New] = &F;
        continue;
      }
      CalleeRole Role{CalleeRole::Acquire, &F, &A, nullptr};
      Role.Derived = !A.From.empty();
      Add(A.Function, Role);
    }
    for (const ReleaseSpec &R : F.Release)
      if (!R.Delete) {
        CalleeRole Role{CalleeRole::Release, &F, nullptr, &R};
        Role.Derived = !R.From.empty();
        Add(R.Function, Role);
      }
    for (const std::string &B : F.Borrow)
      Add(B, {CalleeRole::Borrow, &F, nullptr, nullptr});
    for (const std::string &T : F.TakeOwnership)
      Add(T, {CalleeRole::TakeOwnership, &F, nullptr, nullptr});
  }
  for (const FunctionSpec &Fn : Entries.Functions) {
    CalleeRole Role{CalleeRole::Uses, nullptr, nullptr, nullptr};
    Role.Fn = &Fn;
    Role.Derived = !Fn.From.empty();
    Add(Fn.Function, Role);
  }
  // A derived entry (a project summary) never overrides an entry written by
  // hand that names the same function: the hand-written ones decide alone.
  for (auto &KV : Exact) {
    std::vector<CalleeRole> &Rs = KV.second;
    if (llvm::any_of(Rs, [](const CalleeRole &R) { return !R.Derived; }))
      llvm::erase_if(Rs, [](const CalleeRole &R) { return R.Derived; });
  }
}

std::vector<CalleeRole> ModelSet::rolesFor(StringRef QualName) const {
  std::vector<CalleeRole> Out;
  auto It = Exact.find(QualName);
  if (It != Exact.end())
    Out = It->second;
  for (const auto &[Pattern, Role] : Globs)
    if (matchesPattern(Pattern, QualName))
      Out.push_back(Role);
  return Out;
}

bool ModelSet::isKnown(StringRef QualName) const {
  if (Exact.count(QualName))
    return true;
  for (const auto &G : Globs)
    if (matchesPattern(G.first, QualName))
      return true;
  return false;
}

const Family *ModelSet::familyForNew(StringRef QualType) const {
  auto It = NewTypes.find(QualType);
  return It == NewTypes.end() ? nullptr : It->second;
}


// The extra model files: per thread once a thread set them (the CLI's
// fixed point gives each translation unit the summary in force when it
// starts, docs/project-summaries.md), else the last ones any thread set.
static std::mutex ExtraMu;
static std::string GlobalExtra;
static thread_local std::optional<std::string> ThreadExtra;

static std::string extraModelFiles() {
  if (ThreadExtra)
    return *ThreadExtra;
  std::lock_guard<std::mutex> Lock(ExtraMu);
  return GlobalExtra;
}

void ModelSet::setExtraModelFiles(StringRef Files) {
  ThreadExtra = Files.str();
  std::lock_guard<std::mutex> Lock(ExtraMu);
  GlobalExtra = Files.str();
}

Expected<std::shared_ptr<const ModelSet>> ModelSet::get(StringRef UserFiles) {
  static std::mutex Mu;
  // Per list of files. The built-in models and the user's files are parsed
  // once per list (Base); the extra files (the CLI's summary in force,
  // which changes while a run goes on) are added to a copy of it, and only
  // the last few such sets are kept.
  static std::map<std::string, std::shared_ptr<const ModelSet>> Base;
  static std::map<std::string, std::shared_ptr<const ModelSet>> WithExtra;
  std::lock_guard<std::mutex> Lock(Mu);
  auto AddFiles = [](ModelSet &Set, StringRef Files) -> Error {
    SmallVector<StringRef, 4> Paths;
    SplitString(Files, Paths, ";,");
    for (StringRef P : Paths) {
      P = P.trim();
      if (P.empty())
        continue;
      ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(P);
      if (!Buf)
        return createStringError(inconvertibleErrorCode(),
                                 formatv("{0}: cannot read model file: {1}", P,
                                         Buf.getError().message())
                                     .str());
      if (Error E = Set.addFile(P, (*Buf)->getBuffer()))
        return E;
    }
    return Error::success();
  };

  std::shared_ptr<const ModelSet> B;
  if (auto It = Base.find(UserFiles.str()); It != Base.end()) {
    B = It->second;
  } else {
    auto Set = std::make_shared<ModelSet>();
    size_t N = 0;
    const BuiltinModel *BM = builtinModels(N);
    for (size_t I = 0; I < N; ++I)
      if (Error E = Set->addFile((Twine("<builtin>/") + BM[I].Name).str(),
                                 BM[I].Text))
        return std::move(E);
    if (Error E = AddFiles(*Set, UserFiles))
      return std::move(E);
    Set->finalize();
    B = std::move(Set);
    Base.emplace(UserFiles.str(), B);
  }
  std::string Extra = extraModelFiles();
  if (Extra.empty())
    return B;
  std::string Key = UserFiles.str() + ";" + Extra;
  if (auto It = WithExtra.find(Key); It != WithExtra.end())
    return It->second;
  // A copy of the base set; the lookup tables are built again (finalize).
  auto Set = std::make_shared<ModelSet>();
  for (const auto &F : B->Families)
    Set->Families.push_back(std::make_unique<Family>(*F));
  Set->Entries = B->Entries;
  if (Error E = AddFiles(*Set, Extra))
    return std::move(E);
  Set->finalize();
  // The analyses that use an older set hold it; it is not needed again.
  if (WithExtra.size() >= 8)
    WithExtra.clear();
  std::shared_ptr<const ModelSet> Result = std::move(Set);
  WithExtra.emplace(Key, Result);
  return Result;
}

} // namespace connleak
