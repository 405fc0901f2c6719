//===--- Runner.cpp - analyse one translation unit ------------------------===//
//
// A copy of clang::tidy::runClangTidy (clang-tidy 19, ClangTidy.cpp) with
// three additions the CLI needs:
//  * an extra AST consumer that records the extents of function definitions,
//    so that findings can be fingerprinted by enclosing function;
//  * the ClangTool status (a TU that does not compile) and the number of
//    enabled checks are returned;
//  * "Error while processing" is not printed; the CLI reports failures itself.
//
// Thread-safety rules (one TU per thread; clang-tidy shares nothing): one
// ClangTidyContext, one FileOptionsProvider and one physical file system per
// call. vfs::getRealFileSystem() must not be used: ClangTool sets the working
// directory of its file system to the compile command's directory, which for
// the real file system is a process-wide chdir().
//
//===----------------------------------------------------------------------===//
#include "Runner.h"
#include "checks/ConfigNames.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"

// Referencing the anchor keeps the module's registration object alive even if
// the objects ever end up in an archive.
extern volatile int ConnleakModuleAnchorSource;
[[maybe_unused]] static int ConnleakModuleAnchorDestination =
    ConnleakModuleAnchorSource;

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace connleak::cli {

namespace {

std::string absolutePath(StringRef Path, StringRef BuildDir) {
  if (Path.empty())
    return "";
  SmallString<256> P(Path);
  if (!sys::path::is_absolute(P)) {
    if (!BuildDir.empty())
      sys::fs::make_absolute(BuildDir, P);
    else
      sys::fs::make_absolute(P);
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

RawMessage convertMessage(const tooling::DiagnosticMessage &M,
                          StringRef BuildDir) {
  RawMessage R;
  R.Message = M.Message;
  R.Path = absolutePath(M.FilePath, BuildDir);
  R.Offset = M.FileOffset;
  for (const tooling::FileByteRange &Range : M.Ranges)
    if (absolutePath(Range.FilePath, BuildDir) == R.Path)
      R.Ranges.push_back({Range.FileOffset, Range.Length});
  return R;
}

RawDiag convert(const ClangTidyError &E) {
  RawDiag D;
  D.Check = E.DiagnosticName;
  D.Level = E.DiagLevel == tooling::Diagnostic::Error     ? RawDiag::Error
            : E.DiagLevel == tooling::Diagnostic::Warning ? RawDiag::Warning
                                                          : RawDiag::Remark;
  D.IsWarningAsError = E.IsWarningAsError;
  D.BuildDirectory = E.BuildDirectory;
  D.Msg = convertMessage(E.Message, E.BuildDirectory);
  for (const tooling::DiagnosticMessage &N : E.Notes)
    D.Notes.push_back(convertMessage(N, E.BuildDirectory));
  for (const auto &Entry : E.Message.Fix)
    for (const tooling::Replacement &Rep : Entry.getValue()) {
      RawEdit Ed;
      Ed.Path = absolutePath(Rep.getFilePath(), E.BuildDirectory);
      Ed.Offset = Rep.getOffset();
      Ed.Length = Rep.getLength();
      Ed.Text = Rep.getReplacementText().str();
      D.Fix.push_back(std::move(Ed));
    }
  return D;
}

/// Records the extent of every function definition that is not in a system
/// header.
class FunctionCollector : public ASTConsumer,
                          public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(std::vector<FunctionExtent> &Out, std::string BuildDir)
      : Out(Out), BuildDir(std::move(BuildDir)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    SM = &Ctx.getSourceManager();
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation L = D->getLocation();
      if (L.isValid() && SM->isInSystemHeader(SM->getExpansionLoc(L)))
        continue;
      TraverseDecl(D);
    }
  }

  // Function bodies are not entered: only named functions count (a lambda or
  // a local class belongs to the function around it), and skipping the
  // statements keeps this pass cheap.
  bool TraverseStmt(Stmt *) { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isImplicit())
      return true;
    CharSourceRange R = SM->getExpansionRange(FD->getSourceRange());
    SourceLocation B = R.getBegin(), E = R.getEnd();
    if (B.isInvalid() || E.isInvalid())
      return true;
    FileID FID = SM->getFileID(B);
    if (FID != SM->getFileID(E))
      return true;
    FunctionExtent X;
    X.Path = absolutePath(SM->getFilename(B), BuildDir);
    if (X.Path.empty())
      return true;
    X.Begin = SM->getFileOffset(B);
    X.End = SM->getFileOffset(E) + 1;
    X.Name = FD->getQualifiedNameAsString();
    Out.push_back(std::move(X));
    return true;
  }

private:
  std::vector<FunctionExtent> &Out;
  std::string BuildDir;
  const SourceManager *SM = nullptr;
};

/// Returns the given compile commands for any file.
class FixedCommandsDatabase : public tooling::CompilationDatabase {
public:
  explicit FixedCommandsDatabase(std::vector<tooling::CompileCommand> C)
      : Commands(std::move(C)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return Commands;
  }

private:
  std::vector<tooling::CompileCommand> Commands;
};

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const RunSettings &S,
                    IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  // Used when no .clang-tidy sets Checks, exactly like the plugin's docs say.
  Defaults.Checks = "-*,connleak-*";
  if (auto User = sys::Process::GetEnv("USER"))
    Defaults.User = *User;
  ClangTidyOptions Override;
  if (!S.Checks.empty())
    Override.Checks = S.Checks;
  if (S.HeaderFilterSet)
    Override.HeaderFilterRegex = S.HeaderFilter;
  if (S.ReportSkipped)
    Override.CheckOptions["connleak.ReportSkippedFunctions"] =
        ClangTidyOptions::ClangTidyValue("true");
  // FileOptionsProvider reads .clang-tidy files up the directory tree of each
  // file, like clang-tidy does.
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(),
                                               Defaults, Override, FS);
}

class ActionFactory : public tooling::FrontendActionFactory {
public:
  ActionFactory(ClangTidyContext &Context,
                IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
                TUResult &Result)
      : Context(Context), ConsumerFactory(Context, std::move(BaseFS)),
        Result(Result) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(*this);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: define __clang_analyzer__.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(ActionFactory &F) : F(F) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   StringRef File) override {
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      Consumers.push_back(F.ConsumerFactory.createASTConsumer(CI, File));
      F.Result.EnabledChecks =
          std::max(F.Result.EnabledChecks, F.ConsumerFactory.getCheckNames().size());
      Consumers.push_back(std::make_unique<FunctionCollector>(
          F.Result.Functions, F.Context.getCurrentBuildDirectory()));
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }

  private:
    ActionFactory &F;
  };

  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory ConsumerFactory;
  TUResult &Result;
};

void runTool(const std::string &File,
             std::vector<tooling::CompileCommand> Commands,
             const RunSettings &Settings, TUResult &Result) {
  // A private working directory (see the file comment).
  IntrusiveRefCntPtr<vfs::FileSystem> Phys(
      vfs::createPhysicalFileSystem().release());
  auto BaseFS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(Phys);
  ClangTidyContext Context(makeOptionsProvider(Settings, Phys));

  FixedCommandsDatabase DB(std::move(Commands));
  tooling::ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(),
                          BaseFS);
  Tool.setPrintErrorMessage(false);

  // As clang-tidy: ExtraArgsBefore / ExtraArgs of the options.
  tooling::ArgumentsAdjuster PerFileExtraArgs =
      [&Context](const tooling::CommandLineArguments &Args, StringRef Filename) {
        ClangTidyOptions Opts = Context.getOptionsForFile(Filename);
        tooling::CommandLineArguments Adjusted = Args;
        if (Opts.ExtraArgsBefore) {
          auto I = Adjusted.begin();
          if (I != Adjusted.end() && !StringRef(*I).starts_with("-"))
            ++I; // skip the compiler
          Adjusted.insert(I, Opts.ExtraArgsBefore->begin(),
                          Opts.ExtraArgsBefore->end());
        }
        if (Opts.ExtraArgs)
          Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                          Opts.ExtraArgs->end());
        return Adjusted;
      };
  Tool.appendArgumentsAdjuster(PerFileExtraArgs);
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  // ClangTool derives the resource dir (builtin headers such as stddef.h)
  // from our executable's location, which is wrong outside
  // /usr/lib/llvm-19/bin; pass the one of the clang we link against.
  if (!Settings.ResourceDir.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        ("-resource-dir=" + Settings.ResourceDir).c_str(),
        tooling::ArgumentInsertPosition::BEGIN));
  // No "N warnings generated." on stderr (printed only with caret
  // diagnostics on); our output is built from the ClangTidyErrors.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));

  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr,
                                           /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/false);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  ActionFactory Factory(Context, BaseFS, Result);
  int Status = Tool.run(&Factory);
  Result.ToolFailed = Status != 0;
  for (const ClangTidyError &E : DiagConsumer.take())
    Result.Diags.push_back(convert(E));
}

} // namespace

void enableCrashRecovery() { CrashRecoveryContext::Enable(); }

TUResult analyseTU(const std::string &File,
                   std::vector<tooling::CompileCommand> Commands,
                   const RunSettings &Settings) {
  TUResult Result;
  Result.File = File;
  if (Commands.empty()) {
    Result.FailureReason = "no compile command";
    return Result;
  }
  // ClangTool calls report_fatal_error when it cannot enter the directory.
  for (const tooling::CompileCommand &C : Commands)
    if (!sys::fs::is_directory(C.Directory)) {
      Result.FailureReason =
          "the directory of its compile command does not exist: " + C.Directory;
      return Result;
    }
  CrashRecoveryContext CRC;
  TUResult Partial;
  Partial.File = File;
  if (!CRC.RunSafely([&] { runTool(File, std::move(Commands), Settings, Partial); })) {
    // Objects owned by the aborted run are leaked on purpose: they may be in
    // an inconsistent state.
    Result.Crashed = true;
    Result.FailureReason = "connleak crashed while analysing it";
    return Result;
  }
  return Partial;
}

std::string validateConfigFile(const std::string &Path,
                               std::vector<std::string> &Warnings) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return Buf.getError().message();
  std::string Diags;
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      (*Buf)->getMemBufferRef(), [&](const SMDiagnostic &D) {
        if (D.getKind() != SourceMgr::DK_Error || !Diags.empty())
          return;
        // "<line>:<column>: <message>" (the file name is printed by the caller)
        Diags = std::to_string(D.getLineNo()) + ":" +
                std::to_string(D.getColumnNo() + 1) + ": " + D.getMessage().str();
      });
  if (!Parsed)
    return Diags.empty() ? Parsed.getError().message() : Diags;
  Warnings = unknownConnleakNames(*Parsed);
  return "";
}

} // namespace connleak::cli
