//===--- ConnleakModule.cpp - the connleak clang-tidy module --------------===//
#include "ExceptionUnsafeReleaseCheck.h"
#include "HeldDuringBlockingCallCheck.h"
#include "MissingTimeoutCheck.h"
#include "PerRequestClientCheck.h"
#include "UnboundedPoolCheck.h"
#include "UnreleasedHandleCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace connleak {

class ConnleakModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    F.registerCheck<ExceptionUnsafeReleaseCheck>(
        "connleak-exception-unsafe-release");
    F.registerCheck<HeldDuringBlockingCallCheck>(
        "connleak-held-during-blocking-call");
    F.registerCheck<MissingTimeoutCheck>("connleak-missing-timeout");
    F.registerCheck<PerRequestClientCheck>("connleak-per-request-client");
    F.registerCheck<UnboundedPoolCheck>("connleak-unbounded-pool");
    F.registerCheck<UnreleasedHandleCheck>("connleak-unreleased-handle");
  }
};

} // namespace connleak

static clang::tidy::ClangTidyModuleRegistry::Add<connleak::ConnleakModule>
    X("connleak-module", "Finds connection, result and pool-checkout leaks.");

// Referenced by the CLI and the clangd build to force the module to link.
volatile int ConnleakModuleAnchorSource = 0;
