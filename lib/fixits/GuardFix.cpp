//===--- GuardFix.cpp - scoped pool sessions and scope guards --------------===//
//
// Kind 3 of docs/fixits.md: a manual pool checkout becomes a scoped
// session (soci::session sql(pool)), and a handle that a unique_ptr deleter
// cannot own gets a scope guard right after its acquisition.
//
//===----------------------------------------------------------------------===//
#include "connleak/fixits/FixIts.h"
#include "connleak/analysis/CalleeOracle.h"
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <functional>
#include <tuple>
#include "FixSupport.h"

using namespace clang;

namespace connleak {
namespace fixits {


/// The scoped session type of a pool checkout: the pooled-sessions entry
/// whose pool type is the type of the object `lease()` is called on.
const PooledSessionSpec *sessionFor(TUAnalysis &TU, const Site &S) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(S.E);
  if (!MC || !S.F || !S.F->Pooled)
    return nullptr;
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj)
    return nullptr;
  return pooledSessionOfPool(TU.models(), Obj->getType());
}

/// The reference declared from the checkout (`soci::session &sql =
/// pool.at(pos);`) for a use of the position, or null.
const DeclStmt *sessionRefDecl(const ParentMap &PM, const Use &X,
                               const PooledSessionSpec &P) {
  if (X.Kind != Use::NeedsRaw)
    return nullptr;
  const Stmt *Call = useParent(PM, X.Ref);
  if (!isa_and_nonnull<CXXMemberCallExpr>(Call))
    return nullptr;
  const Stmt *Par = PM.getParent(Call);
  while (Par && isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(Par))
    Par = PM.getParent(Par);
  const auto *DS = dyn_cast_or_null<DeclStmt>(Par);
  if (!DS || !DS->isSingleDecl())
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!V || !V->getType()->isLValueReferenceType() ||
      !typeMatches(V->getType().getNonReferenceType(), P.Type))
    return nullptr;
  return DS;
}

//===----------------------------------------------------------------------===//
// The rewrites
//===----------------------------------------------------------------------===//

/// Kind 3, pools with a scoped session type: lease/at/give_back become one
/// session object.
std::optional<RaiiFix> sessionFix(TUAnalysis &TU, const ParentMap &PM,
                                  const Site &S, const Target &T,
                                  const Uses &U, std::string &Why) {
  ASTContext &Ctx = TU.context();
  const PooledSessionSpec *P = sessionFor(TU, S);
  if (!P)
    return std::nullopt;
  std::string Pool = objectText(cast<CXXMemberCallExpr>(S.E), Ctx);
  if (Pool.empty())
    return std::nullopt;
  const DeclStmt *RefDS = nullptr;
  RaiiFix Fix;
  for (const Use &X : U.List) {
    if (X.Kind == Use::Release) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(X.Call);
      if (!MC || objectText(MC, Ctx) != Pool ||
          !onlyReturnsFollow(PM, X.Call, T.Scope)) {
        Why = "a release that does not end the scope";
        return std::nullopt;
      }
      if (auto H = removeStatement(X.Call, Ctx))
        Fix.Hints.push_back(*H);
      else
        return std::nullopt;
      continue;
    }
    const DeclStmt *D = sessionRefDecl(PM, X, *P);
    if (!D || RefDS || PM.getParent(D) != T.Scope ||
        objectText(cast<CXXMemberCallExpr>(useParent(PM, X.Ref)), Ctx) != Pool) {
      Why = "the checkout is used other than through one session reference";
      return std::nullopt;
    }
    RefDS = D;
  }
  if (!RefDS)
    return std::nullopt;
  std::string Name =
      cast<VarDecl>(RefDS->getSingleDecl())->getNameAsString();
  // The session is checked out where lease() was called.
  if (T.DS->getBeginLoc().isMacroID() || T.DS->getEndLoc().isMacroID())
    return std::nullopt;
  Fix.Hints.insert(Fix.Hints.begin(),
                   FixItHint::CreateReplacement(
                       CharSourceRange::getTokenRange(T.DS->getSourceRange()),
                       P->Type + " " + Name + "(" + Pool + ");"));
  auto H = removeDecl(RefDS, Ctx);
  if (!H)
    return std::nullopt;
  Fix.Hints.push_back(*H);
  return Fix;
}

/// An argument of a release call that a guard can evaluate at the end of the
/// scope with the same value: a constant, `this`, or a variable declared
/// before the guard and never modified, or a member of one.
bool isStable(const Expr *E, const ASTContext &Ctx, SourceLocation GuardLoc,
              const llvm::SmallPtrSet<const VarDecl *, 8> &Modified) {
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (isa<CXXThisExpr, StringLiteral>(E) ||
      isNullConstant(E, Ctx) ||
      E->isIntegerConstantExpr(Ctx))
    return true;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isStable(ME->getBase(), Ctx, GuardLoc, Modified);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || Modified.count(V))
      return false;
    return !V->isLocalVarDeclOrParm() || isa<ParmVarDecl>(V) ||
           Ctx.getSourceManager().isBeforeInTranslationUnit(V->getLocation(),
                                                            GuardLoc);
  }
  return false;
}

/// The release call a guard makes when the function has none to copy:
/// built from the family's release entry when each argument other than the
/// handle is fixed by a `when` condition.
std::string releaseFromModel(const Family &F, StringRef Name) {
  for (const ReleaseSpec &R : F.Release) {
    // Not a derived entry: it must not depend on the project summary.
    if (R.Delete || R.Function.empty() || R.HandleArg < 0 || !R.From.empty())
      continue;
    unsigned N = R.HandleArg + 1;
    for (const ArgCondition &C : R.When)
      N = std::max(N, C.Arg + 1);
    std::vector<std::string> Args(N);
    Args[R.HandleArg] = Name.str();
    for (const ArgCondition &C : R.When)
      if (C.Arg != (unsigned)R.HandleArg)
        Args[C.Arg] = C.Is;
    if (llvm::any_of(Args, [](const std::string &A) { return A.empty(); }))
      continue;
    return R.Function + "(" + llvm::join(Args, ", ") + ")";
  }
  return "";
}

/// The release call's text with every reference to VD spelled Handle
/// (`mongoc_client_pool_push(pool, *p)`); none if a reference is written
/// by a macro.
static std::optional<std::string> respell(const CallExpr *CE,
                                          const VarDecl *VD, StringRef Handle,
                                          const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Text = text(CE->getSourceRange(), Ctx).str();
  unsigned Base = SM.getFileOffset(CE->getBeginLoc());
  // offset, length, and whether the reference is the object of a member
  // access (`(*p)->close()`, not `*p->close()`)
  std::vector<std::tuple<unsigned, unsigned, bool>> Refs;
  bool Ok = true;
  bool Member = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      Member = true;
      Walk(ME->getBase());
      Member = false;
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD) {
      SourceLocation B = DRE->getBeginLoc();
      if (B.isMacroID() || SM.getFileID(B) != SM.getFileID(CE->getBeginLoc())) {
        Ok = false;
        return;
      }
      Refs.push_back({SM.getFileOffset(B) - Base,
                      Lexer::MeasureTokenLength(B, SM, Ctx.getLangOpts()),
                      Member});
      return;
    }
    bool Saved = Member;
    Member = Member && isa<ImplicitCastExpr, ParenExpr>(S);
    for (const Stmt *C : S->children())
      Walk(C);
    Member = Saved;
  };
  Walk(CE);
  if (!Ok)
    return std::nullopt;
  llvm::sort(Refs, [](const auto &A, const auto &B) {
    return std::get<0>(A) > std::get<0>(B);
  });
  for (auto [Off, Len, InMember] : Refs) {
    if (Off + Len > Text.size())
      return std::nullopt;
    Text.replace(Off, Len, InMember ? "(" + Handle.str() + ")" : Handle.str());
  }
  return Text;
}

/// True if S names a local variable other than VD, a parameter or `this`:
/// a lambda that evaluates it must capture it.
static bool needsCapture(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return false;
  if (isa<CXXThisExpr>(S))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V != VD && V->hasLocalStorage())
        return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *C) { return needsCapture(C, VD); });
}

/// The names the release call refers to, so that the deleter's parameter
/// does not hide one.
static void namesIn(const Stmt *S, llvm::StringSet<> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl()->getDeclName().isIdentifier())
      Out.insert(DRE->getDecl()->getName());
  for (const Stmt *C : S->children())
    namesIn(C, Out);
}

/// The variable's type for the standard-library guard, as the compiler
/// prints it, or decltype(v) when that would not be a plain type name.
static std::string guardedType(const VarDecl *VD, const ASTContext &Ctx) {
  std::string T = VD->getType().getAsString(Ctx.getPrintingPolicy());
  if (StringRef(T).find_first_of("()[]<>{}") != StringRef::npos ||
      StringRef(T).contains("auto") || StringRef(T).contains("lambda") ||
      StringRef(T).contains("anonymous") || StringRef(T).contains("unnamed"))
    return "decltype(" + VD->getNameAsString() + ")";
  return T;
}

/// The default guard, standard library only (C++11): a std::unique_ptr
/// that owns the variable's address, whose deleter releases what the
/// address points to when the scope ends. Captureless when the release
/// names no local (one statement); otherwise the deleter is a named lambda
/// that captures by reference (two statements).
static std::optional<std::string>
stdGuard(const VarDecl *VD, const CallExpr *Copied, const Family &F,
         bool Pointer, StringRef Indent, const FunctionDecl *FD,
         const ASTContext &Ctx, std::string &Why) {
  std::string Name = VD->getNameAsString();
  llvm::StringSet<> Names;
  namesIn(Copied, Names);
  std::string P;
  for (const char *C : {"p", "q", "ptr", "handle_ptr"})
    if (!Names.count(C) && Name != C) {
      P = C;
      break;
    }
  if (P.empty())
    return std::nullopt;
  std::optional<std::string> Release =
      Copied ? respell(Copied, VD, "*" + P, Ctx)
             : std::optional<std::string>(releaseFromModel(F, "*" + P));
  if (!Release || Release->empty())
    return std::nullopt;
  std::string VT = guardedType(VD, Ctx);
  std::string PT = VT + (StringRef(VT).ends_with("*") ? "*" : " *");
  std::string Body = (Pointer ? "if (*" + P + ") " : std::string()) + *Release;
  std::string Guard = Name + "_guard";
  if (!Copied || !needsCapture(Copied, VD))
    return "std::unique_ptr<" + VT + ", void (*)(" + PT + ")> " + Guard +
           "(&" + Name + ", [](" + PT + P + ") { " + Body + "; });";
  std::string Del = Name + "_release";
  if (nameTaken(FD, Del)) {
    Why = "the deleter's name is taken";
    return std::nullopt;
  }
  return "auto " + Del + " = [&](" + PT + P + ") { " + Body + "; };\n" +
         Indent.str() + "std::unique_ptr<" + VT + ", decltype(" + Del + ")> " +
         Guard + "(&" + Name + ", " + Del + ");";
}

/// Kind 3, scope guard: `auto h_guard = scope_exit([&] { if (h) release; });`
/// right after the acquisition (after the variable, for out-parameters),
/// and the explicit releases removed.
std::optional<RaiiFix> guardFix(TUAnalysis &TU, const FunctionResult &R,
                                const ParentMap &PM, const Site &S,
                                const Target &T, const Uses &U,
                                const FixOptions &O, std::string &Why) {
  ASTContext &Ctx = TU.context();
  const SourceManager &SM = Ctx.getSourceManager();
  const VarDecl *VD = T.VD;
  std::string Name = VD->getNameAsString();
  bool Pointer = VD->getType()->isPointerType();
  RaiiFix Fix;

  // Where the guard goes: after the declaration, or for an out-parameter
  // that is not a pointer (so cannot be tested for null), after the
  // statement that acquires it.
  const Stmt *After = T.DS;
  if (S.OutParam || T.Assign) {
    if (Pointer) {
      if (const Expr *Init = VD->getInit()) {
        if (!isNullConstant(Init, Ctx)) {
          Why = "the variable starts with another handle";
          return std::nullopt;
        }
      } else {
        SourceLocation NameEnd = Lexer::getLocForEndOfToken(
            VD->getLocation(), 0, SM, Ctx.getLangOpts());
        if (NameEnd.isInvalid() || VD->getLocation().isMacroID())
          return std::nullopt;
        Fix.Hints.push_back(FixItHint::CreateInsertion(NameEnd, " = nullptr"));
      }
    } else {
      const Stmt *St = S.E;
      while (St && PM.getParent(St) != T.Scope)
        St = PM.getParent(St);
      if (!St) {
        Why = "acquired in another block than the variable's";
        return std::nullopt;
      }
      After = St;
    }
  }
  SourceLocation AfterEnd = After->getEndLoc();
  if (AfterEnd.isMacroID() || After->getBeginLoc().isMacroID()) {
    Why = "the declaration is in a macro";
    return std::nullopt;
  }
  for (SourceLocation L : reportLocations(R, S))
    if (!SM.isBeforeInTranslationUnit(AfterEnd, L)) {
      Why = "a leak happens before the guard could be declared";
      return std::nullopt;
    }

  // The release the guard makes: the one the code makes (each one the
  // same), or the family's when its arguments are known.
  llvm::SmallPtrSet<const VarDecl *, 8> Modified = modifiedVars(R.FD->getBody());
  std::string Release;
  const CallExpr *Copied = nullptr;
  for (const Use &X : U.List) {
    if (X.Kind == Use::Delete) {
      Why = "released by delete";
      return std::nullopt;
    }
    if (X.Kind != Use::Release)
      continue;
    const auto *CE = cast<CallExpr>(X.Call);
    if (CE->getBeginLoc().isMacroID() || CE->getEndLoc().isMacroID() ||
        !SM.isBeforeInTranslationUnit(AfterEnd, CE->getBeginLoc())) {
      Why = "a release that cannot be moved into the guard";
      return std::nullopt;
    }
    auto Stable = [&](const Expr *A) {
      return A->IgnoreParenImpCasts() == X.Ref ||
             isStable(A, Ctx, AfterEnd, Modified);
    };
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (!Stable(MC->getImplicitObjectArgument())) {
        Why = "the release's object may change before the end of the scope";
        return std::nullopt;
      }
    for (const Expr *A : CE->arguments())
      if (!Stable(A)) {
        Why = "a release argument may change before the end of the scope";
        return std::nullopt;
      }
    std::string Text = text(CE->getSourceRange(), Ctx).str();
    if (!Release.empty() && Text != Release) {
      Why = "released by different calls";
      return std::nullopt;
    }
    Release = Text;
    Copied = CE;
    if (!onlyReturnsFollow(PM, CE, T.Scope)) {
      Why = "a release that does not end the scope";
      return std::nullopt;
    }
    auto H = removeStatement(CE, Ctx);
    if (!H)
      return std::nullopt;
    Fix.Hints.push_back(*H);
  }
  if (Release.empty())
    Release = releaseFromModel(*S.F, Name);
  if (Release.empty()) {
    Why = "no release call to put in the guard";
    return std::nullopt;
  }
  std::string Guard = Name + "_guard";
  if (nameTaken(R.FD, Guard)) {
    Why = "the guard's name is taken";
    return std::nullopt;
  }
  // After the statement's ';' when its last token is not one (an
  // expression statement, an if whose body is one).
  SourceLocation InsertAt =
      Lexer::getLocForEndOfToken(AfterEnd, 0, SM, Ctx.getLangOpts());
  if (!isa<DeclStmt>(After)) {
    SourceLocation Semi = Lexer::findLocationAfterToken(
        AfterEnd, tok::semi, SM, Ctx.getLangOpts(),
        /*SkipTrailingWhitespaceAndNewLine=*/false);
    if (Semi.isValid())
      InsertAt = Semi;
  }
  std::string Indent = indentOf(After->getBeginLoc(), Ctx);
  std::string Decl;
  if (O.ScopeGuard.empty()) {
    std::optional<std::string> G =
        stdGuard(VD, Copied, *S.F, Pointer, Indent, R.FD, Ctx, Why);
    if (!G) {
      if (Why.empty())
        Why = "the guard could not be spelled";
      return std::nullopt;
    }
    Decl = *G;
    Fix.Headers.push_back("<memory>");
  } else {
    std::string Body =
        (Pointer ? "if (" + Name + ") " : std::string()) + Release;
    Decl = "auto " + Guard + " = " + O.ScopeGuard + "([&] { " + Body + "; });";
    if (!O.ScopeGuardHeader.empty())
      Fix.Headers.push_back(O.ScopeGuardHeader);
  }
  Fix.Hints.push_back(
      FixItHint::CreateInsertion(InsertAt, "\n" + Indent + Decl));
  return Fix;
}
} // namespace fixits
} // namespace connleak
