//===--- main.cpp - connleak-clangd: clangd with the connleak checks ------===//
//
// clangd's own driver (clang::clangd::clangdMain from Debian's libclangdMain.a)
// with the connleak clang-tidy module linked in.  The only addition: when the
// user did not pass --resource-dir, the resource dir of the clang we were
// built against is injected, because clangd would otherwise derive it from
// this executable's location (<bindir>/../lib/clang/19), which does not exist
// outside the LLVM tree.
//
//===----------------------------------------------------------------------===//
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <vector>

// Debian ships no clangd headers; the entry point is
// clang::clangd::clangdMain(int, char**) in libclangdMain.a.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

// Defined in checks/ConnleakModule.cpp (global namespace).  Referencing it
// keeps the module's registration object in the link.
extern volatile int ConnleakModuleAnchorSource;
static int ConnleakModuleAnchorDestination [[maybe_unused]] =
    ConnleakModuleAnchorSource;

// Defined in checks/ConnleakCheck.cpp: in clangd, a check's fix goes on a
// note that says what it does ("use std::unique_ptr for 'conn'"), which
// clangd makes the quick fix's title; otherwise the title would be the
// warning's text.
namespace connleak {
extern bool ChecksPutFixesOnNotes;
} // namespace connleak

#ifndef CONNLEAK_CLANGD_RESOURCE_DIR
#define CONNLEAK_CLANGD_RESOURCE_DIR ""
#endif

// -resource-dir / --resource-dir, with "=value" or as a separate argument.
static bool isResourceDirFlag(const char *A) {
  if (!A || A[0] != '-')
    return false;
  ++A;
  if (*A == '-')
    ++A;
  static const char Name[] = "resource-dir";
  size_t N = sizeof(Name) - 1;
  return std::strncmp(A, Name, N) == 0 && (A[N] == '\0' || A[N] == '=');
}

static bool userGaveResourceDir(int argc, char **argv) {
  for (int I = 1; I < argc; ++I) {
    if (std::strcmp(argv[I], "--") == 0)
      break;
    if (isResourceDirFlag(argv[I]))
      return true;
  }
  // clangd also reads options from $CLANGD_FLAGS.
  if (const char *Env = std::getenv("CLANGD_FLAGS"))
    if (std::strstr(Env, "resource-dir"))
      return true;
  return false;
}

static bool isDirectory(const char *P) {
  struct stat St;
  return P && *P && ::stat(P, &St) == 0 && S_ISDIR(St.st_mode);
}

int main(int argc, char **argv) {
  connleak::ChecksPutFixesOnNotes = true;
  const char *Baked = CONNLEAK_CLANGD_RESOURCE_DIR;
  if (argc < 1 || userGaveResourceDir(argc, argv) || !isDirectory(Baked))
    return clang::clangd::clangdMain(argc, argv);

  // Inject right after argv[0]: an explicit later option would still win.
  static std::string Flag = std::string("--resource-dir=") + Baked;
  std::vector<char *> Args;
  Args.reserve(argc + 2);
  Args.push_back(argv[0]);
  Args.push_back(Flag.data());
  for (int I = 1; I < argc; ++I)
    Args.push_back(argv[I]);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1),
                                   Args.data());
}
