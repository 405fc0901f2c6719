//===--- Analysis.h - connleak flow analysis ---------------------*- C++ -*-===//
//
// Intraprocedural, path-sensitive (ESP-style: property states kept apart,
// value facts joined) analysis of every function body's clang::CFG, with
// bottom-up summaries for functions defined in the same translation unit.
// TUAnalysis (lib/analysis/TUAnalysis.cpp) is the per-TU context every check
// shares; the flow analysis itself is lib/analysis/FunctionAnalyzer.h.
// See docs/design.md.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_ANALYSIS_H
#define CONNLEAK_ANALYSIS_H

#include "connleak/analysis/Dependencies.h"
#include "connleak/ast/AstHelpers.h"
#include "connleak/model/Model.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXThrowExpr;
} // namespace clang

namespace connleak {

/// Location (raw encoding) of an assertion macro's name where it is used ->
/// the names of the variables its argument says are null (`Assert(res ==
/// NULL)`).
using AssertedNulls = llvm::DenseMap<unsigned, llvm::SmallVector<std::string, 1>>;

struct AnalysisOptions {
  /// A handle passed to a function with no body and no model escapes (the
  /// Clang Static Analyzer's policy). When false, such calls only borrow.
  bool UnknownCallsEscape = true;
  /// ESP: distinct property states kept per CFG block before merging.
  unsigned MaxStatesPerBlock = 64;
  /// Per-function budget of (block, state) visits; past it the function is
  /// skipped, with the reason in its result (and a remark with the
  /// ReportSkippedFunctions option). The default grows with the function:
  /// the larger of this and VisitsPerBlock per CFG block. Set by the
  /// MaxBlockVisits option, it is the budget exactly.
  unsigned MaxBlockVisits = 40000;
  bool FixedBudget = false;
  static constexpr unsigned VisitsPerBlock = 64;
  /// exception-unsafe-release: functions in extern "C" do not throw.
  bool AssumeExternCNoThrow = true;
  /// exception-unsafe-release: regexes of callees treated as non-throwing.
  std::vector<std::string> IgnoreFunctions;
  /// held-during-blocking-call: more blocking functions (globs), from the
  /// check's BlockingFunctions option.
  std::vector<std::string> ExtraBlocking;
  /// clang-tidy's HeaderFilterRegex and ExcludeHeaderFilterRegex: functions
  /// defined in a header are reported on only if the header passes them
  /// (clang-tidy drops diagnostics in other headers). Their bodies are still
  /// analysed, on demand, for the summaries of their callers.
  std::string HeaderFilter;
  std::string ExcludeHeaderFilter;
  /// unreleased-handle's AssertionMacros: function-like macros whose
  /// argument `v == NULL` / `!v` is taken as a fact of the path where the
  /// macro is used, also when it expands to nothing of its argument.
  std::vector<std::string> AssertionMacros = {"assert", "Assert", "ASSERT"};
  /// What the preprocessor recorded of those macros in this translation
  /// unit (AssertionRecorder): per expansion location, the variables
  /// asserted null. Not part of key(): it follows from AssertionMacros.
  std::shared_ptr<const AssertedNulls> Assertions;

  std::string key() const;
};

/// An acquisition site: one acquiring expression (call or new) in a function.
struct Site {
  const clang::Expr *E = nullptr;
  const Family *F = nullptr;
  std::string Acquirer;            ///< Name for messages.
  /// The local variable the handle is stored in where it is acquired
  /// (`T *v = acquire()`, `v = acquire()`, `acquire(&v)`), or null.
  const clang::VarDecl *Var = nullptr;
  const clang::VarDecl *OutVar = nullptr; ///< Out-parameter target, if any.
  const clang::ParmVarDecl *Param = nullptr; ///< Summary pseudo-site.
  bool OutParam = false; ///< The handle comes out through an argument.
  /// Set when, on some path, a handle this one was made from (an argument
  /// of its acquisition, held in this variable) is released while this one
  /// is still owned: an owner that releases it later would release it after
  /// its parent.
  const clang::VarDecl *ParentReleasedFirst = nullptr;
  /// A second handle of the same acquiring expression, live at the same
  /// time as the first (look-ahead loops: `next = PQgetResult(c)` while
  /// `cur` still holds the previous one): the index of the first site, which
  /// its findings are reported under. -1 for a first (or only) site.
  int InstanceOf = -1;
  /// The handle is null whenever field NullField of the context is set
  /// (hiredis: redisCommand returns NULL whenever it sets `c->err`). The
  /// context is the local variable NullCtx, or the member chain NullCtx->
  /// NullCtxFields[0]->... (`k->con`) when the call was given one.
  const clang::VarDecl *NullCtx = nullptr;
  llvm::SmallVector<const clang::FieldDecl *, 2> NullCtxFields;
  llvm::StringRef NullField;
  /// Summary pseudo-site of an out-parameter (`T **out`): owned on the
  /// paths where the function stored an acquired handle through it.
  bool OutSlot = false;
  bool isPseudo() const { return Param != nullptr; }
};

enum class ExitKind {
  Return,        ///< leaked when returning here
  Throw,         ///< leaked when throwing here
  EndOfFunction, ///< leaked at the end of the function
  Overwrite,     ///< leaked when 'v' is overwritten here
  ScopeEnd,      ///< leaked at the end of the scope of 'v'
  Reacquire,     ///< acquired again while the previous one is held
  Unstored,      ///< the handle is never stored
};

struct LeakExit {
  clang::SourceLocation Loc;
  ExitKind Kind;
  std::string Var;
  /// The path ends the process here (a return from main()): the operating
  /// system closes the handle. Reported only with ReportLeaksAtExit.
  bool AtProcessExit = false;
};

struct LeakReport {
  unsigned SiteIdx;
  llvm::SmallVector<LeakExit, 4> Exits;
};

struct ExceptionReport {
  unsigned SiteIdx;
  const clang::Expr *ThrowPoint = nullptr;
  std::string ThrowName;
  clang::SourceLocation Release;
};

struct HeldReport {
  const clang::Expr *Call = nullptr; ///< The blocking call.
  std::string CallName;
  unsigned SiteIdx;
};

/// What a function does with its parameters and what it returns.
struct FunctionSummary {
  enum Effect : uint8_t { Borrow, Release, Sink };
  llvm::SmallVector<Effect, 4> Params;
  /// For Release params: the families whose release was used (nullptr for
  /// a delete).
  llvm::SmallVector<llvm::SmallVector<const Family *, 1>, 4> ReleasedBy;
  const Family *Returns = nullptr; ///< Returns a fresh handle of this family.
  bool ReturnsNullable = false;
  const AcquireSpec *AsAcquire = nullptr; ///< Synthesized acquire entry.
  /// Out-parameters the function fills with a fresh handle: `int
  /// open_db(const char *path, sqlite3 **out)`. Success/Failure as in an
  /// acquire entry: the return values on the paths that fill it, and one
  /// that does not (both empty when every path fills it).
  struct OutParam {
    unsigned Param;
    const Family *F;
    std::vector<int64_t> Success;
    std::optional<int64_t> Failure;
    const AcquireSpec *AsAcquire = nullptr;
  };
  llvm::SmallVector<OutParam, 1> Outs;
};

struct FunctionResult {
  const clang::FunctionDecl *FD = nullptr;
  bool Analyzed = false;
  std::string SkipReason;
  std::vector<Site> Sites;
  std::vector<LeakReport> Leaks;
  std::vector<ExceptionReport> ExceptionUnsafe;
  std::vector<HeldReport> Held;
  FunctionSummary Summary;
};

/// The analysis of one translation unit, shared by all connleak checks.
class TUAnalysis {
public:
  TUAnalysis(clang::ASTContext &Ctx, std::shared_ptr<const ModelSet> Models,
             AnalysisOptions Opts);
  ~TUAnalysis();

  /// Function bodies to report on: definitions in the main file, or in a
  /// header that passes the header filter (never a system header),
  /// including lambda bodies; no dependent templates or instantiations.
  const std::vector<const clang::FunctionDecl *> &functions();
  /// The (memoized) result for one function; null if it is not analyzable.
  const FunctionResult *result(const clang::FunctionDecl *FD);
  /// The summary of a callee, or null if unknown (no body, system header,
  /// recursion in progress, or skipped).
  const FunctionSummary *summary(const clang::FunctionDecl *FD);

  clang::ASTContext &context() { return Ctx; }
  const ModelSet &models() const { return *Models; }
  const AnalysisOptions &options() const { return Opts; }

  /// Cached qualified name of a function ("ns::Class::method"). The text
  /// lives as long as the TUAnalysis.
  llvm::StringRef qualifiedName(const clang::FunctionDecl *FD);
  /// The roles a callee plays, from the models, the overridden methods and
  /// Clang's acquire_handle/release_handle/use_handle attributes. The array
  /// lives as long as the TUAnalysis: it may be held across calls that
  /// analyse other functions (see the note on the caches below).
  /// Kinds: what the caller reads of them (Dependencies.h), recorded as a
  /// dependency of this translation unit when project summaries may
  /// describe FD.
  llvm::ArrayRef<CalleeRole> roles(const clang::FunctionDecl *FD,
                                   unsigned Kinds = DepRoles);
  /// True if FD has any role (depends on DepKnown).
  bool isKnown(const clang::FunctionDecl *FD);
  /// True if derived model entries (project summaries) may describe FD: it
  /// has external linkage and no body in this translation unit. It records
  /// nothing: a caller that reads derived facts calls consult().
  bool derivedApplies(const clang::FunctionDecl *FD);
  /// Records that this translation unit read the derived facts of these
  /// kinds (Dependencies.h) about FD (and about the methods it overrides,
  /// whose roles it inherits), when derived entries may describe it.
  void consult(const clang::FunctionDecl *FD, unsigned Kinds);
  /// True if the call or construction can throw (C++ only).
  bool canThrow(const clang::Expr *Call, const clang::FunctionDecl *Callee);
  /// True if a statement of a body calls something that can throw, outside
  /// a try block with a catch (...) handler.
  bool bodyCallsThrowing(const clang::Stmt *S);
  /// True if the model lists this call as blocking. Without derived
  /// entries (WithDerived false): what the call does by itself, for the
  /// summary's own blocking fact (closed over the call graph at the merge).
  bool isBlocking(const clang::Expr *Call, const clang::FunctionDecl *Callee,
                  bool WithDerived = true);

  /// Acquire entries synthesized from summaries live here.
  AcquireSpec &newAcquireSpec() { return SynthAcquire.emplace_back(); }
  /// The family Clang's handle attributes declare for a tag, made on first
  /// use; owned by this context.
  Family *attributeFamily(llvm::StringRef Tag);

  /// Includes that fix-its have inserted in this translation unit, as
  /// "<file id>:<header>": each check has its own include inserter, and two
  /// checks fixing one file must not both insert the same header.
  bool markIncludeInserted(unsigned FileID, llvm::StringRef Header) {
    return InsertedIncludes.insert((llvm::Twine(FileID) + ":" + Header).str())
        .second;
  }

  /// True the first time it is called for FD: a skipped function is
  /// remarked on once, whichever check asks first.
  bool markSkipReported(const clang::FunctionDecl *FD) {
    return SkipReported.insert(FD).second;
  }

  /// Shared per-translation-unit instance (one per ASTContext and options).
  static std::shared_ptr<TUAnalysis>
  get(clang::ASTContext &Ctx, std::shared_ptr<const ModelSet> Models,
      const AnalysisOptions &Opts);

private:
  /// True if clang-tidy shows diagnostics in the file FD is defined in.
  bool isReported(const clang::FunctionDecl *FD) const;
  /// Memoized: the check walks the body for recovery expressions.
  bool isAnalyzable(const clang::FunctionDecl *FD);
  llvm::DenseMap<const clang::FunctionDecl *, bool> Analyzable;
  bool computeAnalyzable(const clang::FunctionDecl *FD) const;

  clang::ASTContext &Ctx;
  std::shared_ptr<const ModelSet> Models;
  AnalysisOptions Opts;
  bool Collected = false;
  std::vector<const clang::FunctionDecl *> Functions;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionResult>>
      Results;
  llvm::DenseMap<const clang::FunctionDecl *, bool> InProgress;
  // The caches grow while a function is being analysed: result() and
  // summary() analyse a same-TU callee on the spot, and that analysis fills
  // every cache again. A DenseMap moves its values when it grows, so no
  // cache hands out a reference into a DenseMap value: names and roles live
  // in storage that never moves (a string saver, heap-allocated arrays),
  // results are heap-allocated, and the boolean caches return copies.
  llvm::BumpPtrAllocator NameArena;
  llvm::StringSaver NameSaver{NameArena};
  llvm::DenseMap<const clang::FunctionDecl *, llvm::StringRef> Names;
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::unique_ptr<const std::vector<CalleeRole>>>
      Roles;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Throws;
  llvm::DenseMap<const clang::FunctionDecl *, bool> BlockingCallee;
  llvm::DenseMap<const clang::FunctionDecl *, bool> BlockingCalleeLocal;
  llvm::DenseMap<const clang::FunctionDecl *, bool> DerivedOK;
  /// Kinds already recorded per (canonical) function.
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> Consulted;
  /// Functions whose roles lose their glob entries when derived ones exist:
  /// their roles depend on DepKnown whatever the caller reads.
  llvm::DenseSet<const clang::FunctionDecl *> GlobSensitive;
  std::function<void(llvm::StringRef, unsigned)> DepHook;
  std::deque<AcquireSpec> SynthAcquire;
  std::deque<ReleaseSpec> SynthRelease;
  std::deque<Family> AttrFamilies;
  llvm::StringSet<> InsertedIncludes;
  llvm::DenseSet<const clang::FunctionDecl *> SkipReported;
  struct Impl;
  std::unique_ptr<Impl> I;
};

/// The CLI's summary pass: while set on a thread, every TUAnalysis made on
/// it calls the hook with the name of each function whose derived entries
/// (project summaries) it consults, and the kinds of facts it read
/// (Dependencies.h; see TUAnalysis::consult).
using DependencyHook = std::function<void(llvm::StringRef, unsigned)>;
void setThreadDependencyHook(const DependencyHook *Hook);
const DependencyHook *threadDependencyHook();

/// Runs the flow analysis of one function (used by TUAnalysis::result).
std::unique_ptr<FunctionResult> analyzeFunction(TUAnalysis &TU,
                                                const clang::FunctionDecl *FD);

/// Text for a leak exit note.
std::string exitNote(const LeakExit &E);

} // namespace connleak

#endif
