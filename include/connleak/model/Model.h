//===--- Model.h - connleak resource models ---------------------*- C++ -*-===//
//
// Resource models describe, as data, what library functions do with handles:
// which calls acquire a connection, result, statement, cursor or pool checkout,
// which release it, which only borrow it, and (for the configuration checks)
// which constructions are expensive clients, which calls need a timeout, which
// calls block, and which parameter types mark a request handler.
//
// Built-in models (models/*.yaml) and user models use exactly the same format,
// documented in docs/models.md, and are read with LLVM's YAML I/O.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_MODEL_H
#define CONNLEAK_MODEL_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace connleak {

/// A condition on a call argument: the argument's spelling (a macro or enum
/// name such as SQL_HANDLE_STMT) or its integer value must equal `Is`.
struct ArgCondition {
  unsigned Arg = 0;
  std::string Is;
};

/// Where the handle of an acquire call comes out.
/// `null-when-set: {arg: 0, field: err}`: the handle is null whenever the
/// object passed as argument `arg` has its field `field` set (non-zero).
struct NullWhenSetSpec {
  int Arg = -1; ///< -1: no such fact
  std::string Field;
};

struct AcquireSpec {
  std::string Function; ///< C function or qualified method; may be a glob.
  std::string New;      ///< `new` of this qualified type (instead of Function).
  /// -1: the return value; N >= 0: out-parameter N (a pointer to the handle).
  int HandleArg = -1;
  /// For calls that report success through their return value: the values
  /// that mean success, and one value that stands for failure.
  std::vector<int64_t> Success;
  std::optional<int64_t> Failure;
  std::vector<ArgCondition> When;
  NullWhenSetSpec NullWhenSet;
  /// Per entry: the handle may be null (overrides the family's `nullable`).
  std::optional<bool> Nullable;
  /// Per entry: overrides the family's `release-on-failure`.
  std::optional<bool> ReleaseOnFailure;
  /// A derived entry (a project summary): where the function is defined,
  /// "file:line". Derived entries yield to entries written by hand.
  std::string From;
};

/// How a handle is released.
struct ReleaseSpec {
  std::string Function; ///< Release function or method; empty with Delete.
  bool Delete = false;  ///< Released by a delete-expression.
  /// The argument that holds the handle; -1 means the implicit object.
  int HandleArg = 0;
  std::vector<ArgCondition> When;
  std::string From; ///< derived entry: "file:line" of the definition
};

/// A use of a handle that makes it reuse connections kept elsewhere, so that
/// a new handle is not a new client (per-request-client): libcurl's
/// curl_multi_add_handle (the multi's connection cache), or
/// curl_easy_setopt(h, CURLOPT_SHARE, share) with a share object that
/// shares the connection cache (CURL_LOCK_DATA_CONNECT).
struct ReuseSpec {
  std::string Function; ///< The call, by qualified name (may be a glob).
  int Arg = 0;          ///< The argument holding the handle.
  /// When set: the argument at OptionArg must be spelled Option; the share
  /// object is the argument after it.
  std::string Option;
  int OptionArg = 1;
  /// When set: if the share object is a variable passed to ShareSetter in
  /// the function, one of those calls must have an argument spelled
  /// ShareNeeds. A share object configured out of sight is trusted.
  std::string ShareSetter;
  std::string ShareNeeds;
};

/// What tells a working handle from a failed one, for per-request-client's
/// retry and discovery loops: the result of Function (the handle at Arg)
/// or the handle's field Field, compared with the values in Ok (working)
/// or Failed (failed). Values are enumerator or macro names, or integers.
struct StatusSpec {
  std::string Function;
  int Arg = 0;
  std::string Field;
  std::vector<std::string> Ok;
  std::vector<std::string> Failed;
};

/// Where a family was declared.
enum class FamilyOrigin : uint8_t {
  ModelFile,       ///< a model file (built-in or ModelFiles)
  HandleAttributes ///< Clang's acquire_handle/release_handle attributes
};

/// A family of resources: one handle type with its acquire and release calls.
struct Family {
  std::string Name;        ///< Unique name, e.g. "libpq-connection".
  std::string Kind;        ///< Resource kind in messages: "connection", ...
  std::string Type;        ///< Handle type, for messages and fix-its.
  std::vector<AcquireSpec> Acquire;
  std::vector<ReleaseSpec> Release;
  std::vector<std::string> Borrow;        ///< Globs of functions that borrow.
  std::vector<std::string> TakeOwnership; ///< Globs of functions that adopt.
  bool Nullable = false;         ///< Acquisition may yield a null handle.
  bool ReleaseOnFailure = false; ///< Must be released even when it failed.
  bool Client = false; ///< Acquiring builds an expensive client/connection.
  bool Pooled = false; ///< A checkout from a pool.
  std::string Share;   ///< What to share instead (per-request-client note).
  /// Uses that make a handle reuse connections kept elsewhere.
  std::vector<ReuseSpec> ReusesConnections;
  /// Tests that tell a working handle from a failed one.
  std::vector<StatusSpec> Status;
  std::string Source;  ///< Model file the family came from.
  /// In a model file only: the entry adds acquire, release, borrow and
  /// take-ownership entries to this existing family instead of declaring one.
  std::string Extends;
  FamilyOrigin Origin = FamilyOrigin::ModelFile;

  /// The name of the first release function (or "delete"), for messages;
  /// for an attribute family whose releasing function has not been seen,
  /// `release_handle("<tag>")`.
  std::string releaseName() const;
};

/// An expensive construction that is not a leak-tracked family: a function
/// that returns a client by value (grpc::CreateChannel), or a class whose
/// construction opens a connection (pqxx::connection).
struct ClientSpec {
  std::string Function;
  std::string Construct;
  std::string Kind = "client";
  std::string Share;
  std::string Source;
  std::string From; ///< derived entry: "file:line" of the definition
};

/// What a function does with the handles passed to it, for any family: it
/// uses them and leaves them to the caller (the function is known), except
/// for the arguments listed in Sink, which it stores or hands on. Written by
/// hand, or derived by `connleak summarize` (docs/project-summaries.md).
struct FunctionSpec {
  std::string Function; ///< exact name or glob
  std::vector<unsigned> Sink;
  std::string From;
  std::string Source;
};

/// A parameter type that makes a function a request handler.
struct RequestContextSpec {
  std::string Type; ///< Qualified record name, possibly a glob.
  std::string Source;
};

/// How a timeout (or a pool limit) is configured (docs/models.md).
enum class ConfigKind : uint8_t {
  Conninfo, ///< keys in a literal connection string
  Uri,      ///< query parameters of a literal URI
  Setter,   ///< setter calls on the handle before the judged call
  Variant,  ///< a timeout-taking variant of the call
  Context,  ///< a deadline on a context object (gRPC)
};
/// The spelling of a kind in model files.
llvm::StringRef configKindName(ConfigKind K);

/// The options of connleak-missing-timeout that fix templates may name as
/// ${Option}, with their defaults: the one list both the model loader (which
/// rejects unknown placeholders) and the check (which stores the options)
/// read.
struct FixTemplateOption {
  const char *Name;
  unsigned Default;
};
inline constexpr FixTemplateOption FixTemplateOptions[] = {
    {"ConnectTimeoutSeconds", 10},
    {"ConnectTimeoutMs", 10000},
    {"SocketTimeoutMs", 30000},
    {"TransferTimeoutMs", 30000},
    {"LowSpeedLimit", 1},
    {"LowSpeedTimeSeconds", 60},
};

/// A timeout requirement on a connect, query, RPC or transfer.
struct TimeoutSpec {
  std::string Function;  ///< The call that would hang (or construction).
  std::string Construct; ///< Construction of this type instead of a call.
  ConfigKind Kind = ConfigKind::Conninfo;
  /// conninfo/uri: the argument holding the literal string (or the argument
  /// holding a variable initialised from a URI constructor).
  int Arg = 0;
  /// setter/context: the handle argument of the judged call (-1 = object).
  int HandleArg = 0;
  /// Groups of keys or setter options: every group needs one of its members.
  /// A member `A+B` is met only when all of its parts are set (libcurl's
  /// CURLOPT_LOW_SPEED_TIME does nothing without CURLOPT_LOW_SPEED_LIMIT).
  std::vector<std::vector<std::string>> Require;
  /// conninfo/uri: keys the library gives a finite default, as
  /// "key=milliseconds" (libmongoc: connectTimeoutMS=10000,
  /// socketTimeoutMS=300000). With any, the call is judged only on these
  /// keys: set explicitly to DisabledValue (if the library has one: no
  /// timeout at all), or, in a request handler, left at a default longer
  /// than a request may wait, by omission or by DefaultValue (libmongoc
  /// 1.23: "0" means "use the default"); `require` is then not used.
  std::vector<std::string> LibraryDefaults;
  std::string DisabledValue;
  std::string DefaultValue;
  /// setter: the functions that configure the handle, and which argument
  /// holds the option.
  std::vector<std::string> Setters;
  int OptionArg = 1;
  /// setter: options ("OPTION" or "OPTION=value", the value being the
  /// argument after the option) that, set on the handle before the call,
  /// leave only a phase the library bounds by itself (libcurl's
  /// CURLOPT_CONNECT_ONLY=1: the connection phase, whose connect timeout
  /// defaults to 300 s): the call is then not judged.
  std::vector<std::string> BoundedWhen;
  /// For kind "context": the parameter type whose object carries the deadline.
  std::string ContextType;
  /// context: the calls judged are those returning one of these types.
  std::vector<std::string> Returns;
  /// variant: the timeout-taking function to use instead.
  std::string Variant;
  /// The function that builds a URI object from a string (for "uri").
  std::string UriConstructor;
  /// Fix-it templates; ${handle}, ${argN} and ${Option} (a check option such
  /// as ConnectTimeoutSeconds) are substituted.
  ///  conninfo/uri: "key=value" entries added to a literal string, one per
  ///    missing group (the entry whose key is in the group);
  ///  setter: a statement inserted before the judged call's statement;
  ///  variant: a replacement for the whole call.
  std::vector<std::string> FixKeys;
  std::string FixInsert;
  std::string FixCall;
  /// A note shown with every warning of this entry (what the fix does not
  /// cover, e.g. hiredis: the connect timeout does not bound commands).
  std::string Note;
  std::string Source;
};

/// A pool whose literal configuration must bound its size and checkout wait.
struct PoolLimitSpec {
  std::string Function; ///< Pool constructor.
  ConfigKind Kind = ConfigKind::Uri; ///< Uri or Setter
  int Arg = 0;
  std::vector<std::vector<std::string>> Require;
  std::vector<std::string> Setters;
  int OptionArg = 1;
  std::string UriConstructor;
  /// Functions that add a member (a transfer, a connection) to the pool,
  /// with the pool as first argument. When set, the pool is judged only
  /// when one of them is called with it inside a loop with no small
  /// constant trip count: a pool that holds a fixed number of members
  /// cannot grow without bound.
  std::vector<std::string> GrowsBy;
  std::string Source;
};

/// A call that blocks: sleeps, network transfers, RPCs.
struct BlockingSpec {
  std::string Function;      ///< Glob of qualified names.
  std::string ArgType;       ///< Or: any call taking a pointer to this type.
  std::string Source;
  std::string From; ///< derived entry: "file:line" of the definition
};

/// A pooled session whose lifetime is its scope (soci::session sql(pool)).
struct PooledSessionSpec {
  std::string Type;     ///< Session type.
  std::string FromType; ///< Constructed from this pool type...
  std::string Function; ///< ...or initialised from this call (pool.get()).
  std::string Source;
};

/// The language of a query call's text (docs/models.md#queries).
enum class QueryLanguage : uint8_t {
  Sql,   ///< literal SQL, possibly several statements
  Redis, ///< a hiredis command format
  Mongo, ///< a find whose options document may bound it
};
/// The spelling of a language in model files.
llvm::StringRef queryLanguageName(QueryLanguage L);

/// A call that sends a query or command, for unbounded-result and
/// pooler-session-state.
struct QuerySpec {
  std::string Function; ///< Glob of qualified names.
  QueryLanguage Language = QueryLanguage::Sql;
  /// The argument holding the text (mongo: the options document).
  int Arg = 1;
  /// The connection, transaction or context it runs on (-1: the object).
  int HandleArg = 0;
  /// Judged by unbounded-result: the call reads the whole result.
  bool Reads = true;
  /// Judged by pooler-session-state: its SQL runs on the session.
  bool Session = false;
  /// A later call of one of these on the same handle streams the result.
  std::vector<std::string> StreamedBy;
  /// When set, the result is read whole only by a later call of one of
  /// these on the same handle (mysql_query + mysql_store_result).
  std::vector<std::string> FetchedBy;
  /// When set, the call returns a cursor that reads lazily: the result is
  /// read whole only when one of these is called on the cursor inside a
  /// loop that starts after the call (mongoc_cursor_next).
  std::vector<std::string> IteratedBy;
  /// mongo: option keys that bound the result ("limit").
  std::vector<std::string> BoundKeys;
  /// mongo: the functions that build an options document, with the
  /// document as their first argument or as their result.
  std::vector<std::string> Builders;
  /// How to bound it: the text of unbounded-result's note.
  std::string Bound;
  std::string Source;
};

/// A Redis command that returns a whole collection.
struct RedisCommandSpec {
  std::string Command; ///< First word, matched case-insensitively.
  /// Range commands: the argument holding the stop index; the command is
  /// unbounded when it is a negative literal (LRANGE key 0 -1).
  int StopArg = -1;
  /// Words that bound it when present (LIMIT, COUNT).
  std::vector<std::string> Unless;
  std::string What;  ///< "every key that matches the pattern"
  std::string Bound; ///< the bounded form, for the note
  std::string Source;
};

/// A connect whose literal connection string decides whether the handle
/// goes through a transaction-mode pooler (pooler-session-state), or, with
/// no `arg`, a function whose handle always does.
struct PoolerConnectSpec {
  std::string Function;
  std::string Construct;
  int Arg = -1;
  std::string Source;
};

/// A call that creates a protocol-level named prepared statement.
struct ProtocolPrepareSpec {
  std::string Function;
  int HandleArg = 0;
  std::string Source;
};

/// The role a callee plays for one family.
struct CalleeRole {
  /// Uses: a `functions` entry (any family; F is null).
  enum KindT { Acquire, Release, Borrow, TakeOwnership, Uses } Kind;
  const Family *F = nullptr;
  const AcquireSpec *A = nullptr;
  const ReleaseSpec *R = nullptr;
  /// The model entry is a glob (`redis*`), not the function's own name. A
  /// glob never overrides what the function's visible body does.
  bool FromGlob = false;
  const FunctionSpec *Fn = nullptr;
  /// A derived entry (project summary, `from:`): it applies only to a
  /// function with external linkage whose body is not in the translation
  /// unit, and never where an entry written by hand names the function.
  bool Derived = false;
};

/// The entries of the model files other than the families, one list per
/// kind, in the order the files were added. A kind added here is also read
/// (MappingTraits<ModelDoc>) and merged (append) in Model.cpp.
struct ModelEntries {
  std::vector<ClientSpec> Clients;
  std::vector<RequestContextSpec> RequestContexts;
  std::vector<TimeoutSpec> Timeouts;
  std::vector<PoolLimitSpec> PoolLimits;
  std::vector<BlockingSpec> Blocking;
  std::vector<PooledSessionSpec> PooledSessions;
  std::vector<QuerySpec> Queries;
  std::vector<RedisCommandSpec> RedisCommands;
  std::vector<PoolerConnectSpec> PoolerConnects;
  std::vector<ProtocolPrepareSpec> ProtocolPrepares;
  std::vector<FunctionSpec> Functions;

  /// Moves Src's entries to the end of these, each marked with its file.
  void append(ModelEntries &&Src, llvm::StringRef Source);
};

/// All loaded models, with lookup tables.
class ModelSet {
public:
  ModelSet() = default;
  ModelSet(const ModelSet &) = delete;
  ModelSet &operator=(const ModelSet &) = delete;

  /// Parses one model file. On error returns "file:line:col: message".
  llvm::Error addFile(llvm::StringRef FileName, llvm::StringRef Text);
  /// Builds the lookup tables; call after the last addFile.
  void finalize();

  /// The roles a function or method (by qualified name) plays.
  std::vector<CalleeRole> rolesFor(llvm::StringRef QualName) const;
  /// True if some model mentions the function at all (it is then not an
  /// unknown function: passing a handle to it does not make it escape).
  bool isKnown(llvm::StringRef QualName) const;
  /// The family whose `new` of the given qualified type is an acquisition.
  const Family *familyForNew(llvm::StringRef QualType) const;

  const std::vector<std::unique_ptr<Family>> &families() const {
    return Families;
  }
  const std::vector<ClientSpec> &clients() const { return Entries.Clients; }
  const std::vector<RequestContextSpec> &requestContexts() const {
    return Entries.RequestContexts;
  }
  const std::vector<TimeoutSpec> &timeouts() const { return Entries.Timeouts; }
  const std::vector<PoolLimitSpec> &poolLimits() const { return Entries.PoolLimits; }
  const std::vector<BlockingSpec> &blocking() const { return Entries.Blocking; }
  const std::vector<PooledSessionSpec> &pooledSessions() const {
    return Entries.PooledSessions;
  }
  const std::vector<QuerySpec> &queries() const { return Entries.Queries; }
  const std::vector<RedisCommandSpec> &redisCommands() const {
    return Entries.RedisCommands;
  }
  const std::vector<PoolerConnectSpec> &poolerConnects() const {
    return Entries.PoolerConnects;
  }
  const std::vector<ProtocolPrepareSpec> &protocolPrepares() const {
    return Entries.ProtocolPrepares;
  }
  const std::vector<FunctionSpec> &functionSpecs() const { return Entries.Functions; }

  /// The built-in models plus the files named in `ModelFiles` (separated by
  /// ';' or ','), cached per distinct list. On error, returns the message.
  static llvm::Expected<std::shared_ptr<const ModelSet>>
  get(llvm::StringRef ModelFiles);

  /// Model files that get() appends to every list (the CLI's project
  /// summaries). Set before any analysis starts; not thread-safe.
  static void setExtraModelFiles(llvm::StringRef Files);

private:
  llvm::Error checkEntries(llvm::StringRef FileName, llvm::StringRef Name,
                           const Family &F) const;
  llvm::Error addExtension(llvm::StringRef FileName, Family &Ext);

  std::vector<std::unique_ptr<Family>> Families;
  /// Every entry but the families (copied whole by get()).
  ModelEntries Entries;

  llvm::StringMap<std::vector<CalleeRole>> Exact;
  std::vector<std::pair<std::string, CalleeRole>> Globs;
  llvm::StringMap<const Family *> NewTypes;
};

/// A model file embedded in the plugin at build time.
struct BuiltinModel {
  const char *Name;
  const char *Text;
};
/// The embedded models/*.yaml (BuiltinModels.cpp).
const BuiltinModel *builtinModels(size_t &Count);

/// Matches a qualified name against a model pattern: exact, or a glob when
/// the pattern has '*', '?' or '['.
bool matchesPattern(llvm::StringRef Pattern, llvm::StringRef Name);
/// A pattern that matches Name alone: Name itself, or, when it has a glob
/// character (C++'s `operator[]`, `operator*`), Name with `\`, `*`, `?`,
/// `[` and `]` escaped, which the model reads as an exact name.
std::string exactPattern(llvm::StringRef Name);

} // namespace connleak

#endif
