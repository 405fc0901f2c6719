//===--- ConnleakModule.cpp - the connleak clang-tidy module --------------===//
//
// Registers every check of Checks.def. A new check needs its entry there and
// its header here.
//
//===----------------------------------------------------------------------===//
#include "ExceptionUnsafeReleaseCheck.h"
#include "HeldDuringBlockingCallCheck.h"
#include "MissingTimeoutCheck.h"
#include "PerRequestClientCheck.h"
#include "PoolerSessionStateCheck.h"
#include "UnboundedPoolCheck.h"
#include "UnboundedResultCheck.h"
#include "UnreleasedHandleCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace connleak {

class ConnleakModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
#define CONNLEAK_CHECK(Name, Class, Summary, DocPath, Title, Description)      \
  F.registerCheck<Class>("connleak-" Name);
#include "Checks.def"
  }
};

} // namespace connleak

#ifndef CONNLEAK_VERSION
#define CONNLEAK_VERSION "0.0.0"
#endif

static clang::tidy::ClangTidyModuleRegistry::Add<connleak::ConnleakModule>
    X("connleak-module", "connleak " CONNLEAK_VERSION
                         ": finds connection, result and pool-checkout leaks.");

// Referenced by the CLI and the clangd build to force the module to link.
volatile int ConnleakModuleAnchorSource = 0;
