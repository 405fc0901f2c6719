//===--- PathState.cpp ----------------------------------------------------===//
#include "PathState.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Debug.h"
#include <algorithm>

using namespace clang;
using namespace llvm;

namespace connleak {

static auto siteLess = [](const auto &P, unsigned X) { return P.first < X; };
static auto varLess = [](const auto &P, const VarDecl *X) {
  return P.first < X;
};

uint8_t PathState::status(unsigned S) const {
  auto It = std::lower_bound(Status.begin(), Status.end(), S, siteLess);
  return It != Status.end() && It->first == S ? It->second : 0;
}

void PathState::setStatus(unsigned S, uint8_t V) {
  auto It = std::lower_bound(Status.begin(), Status.end(), S, siteLess);
  bool Found = It != Status.end() && It->first == S;
  if (V == 0) {
    if (Found)
      Status.erase(It);
    return;
  }
  if (Found)
    It->second = V;
  else
    Status.insert(It, {static_cast<uint16_t>(S), V});
}

const SiteSet *PathState::sitesOf(const VarDecl *V) const {
  auto It = std::lower_bound(Bind.begin(), Bind.end(), V, varLess);
  return It != Bind.end() && It->first == V && !It->second.empty()
             ? &It->second
             : nullptr;
}

void PathState::bindVar(const VarDecl *V, const SiteSet &Sites) {
  auto It = std::lower_bound(Bind.begin(), Bind.end(), V, varLess);
  bool Found = It != Bind.end() && It->first == V;
  if (Sites.empty()) {
    if (Found)
      Bind.erase(It);
    return;
  }
  if (Found)
    It->second = Sites;
  else
    Bind.insert(It, {V, Sites});
}

bool PathState::heldByOther(unsigned S, const VarDecl *Except) const {
  for (const auto &[V, Sites] : Bind)
    if (V != Except && llvm::is_contained(Sites, S))
      return true;
  return false;
}

bool PathState::joinFrom(const PathState &O) {
  bool Changed = false;
  for (const auto &[I, St] : O.Status) {
    uint8_t New = status(I) | St;
    if (New != status(I)) {
      setStatus(I, New);
      Changed = true;
    }
  }
  for (const auto &[V, Sites] : O.Bind) {
    SiteSet Merged;
    if (const SiteSet *Mine = sitesOf(V))
      Merged = *Mine;
    for (uint16_t S : Sites)
      if (!llvm::is_contained(Merged, S)) {
        Merged.push_back(S);
        Changed = true;
      }
    llvm::sort(Merged);
    bindVar(V, Merged);
  }
  Changed |= intersectVals(Vals, O.Vals);
  return Changed;
}

std::string statusString(uint8_t Bits) {
  static const std::pair<uint8_t, const char *> Names[] = {
      {Owned, "Owned"}, {Released, "Released"}, {Null, "Null"},
      {Escaped, "Escaped"}};
  std::string Out;
  for (const auto &[Bit, Name] : Names)
    if (Bits & Bit)
      Out += (Out.empty() ? "" : "|") + std::string(Name);
  return Out.empty() ? "-" : Out;
}

void PathState::print(raw_ostream &OS,
                      function_ref<std::string(unsigned)> SiteName) const {
  OS << "sites:";
  for (const auto &[I, St] : Status)
    OS << " #" << I << " " << SiteName(I) << "=" << statusString(St);
  OS << "\nbindings:";
  for (const auto &[V, Sites] : Bind) {
    OS << " " << V->getName() << "->{";
    ListSeparator LS(",");
    for (uint16_t S : Sites)
      OS << LS << "#" << S;
    OS << "}";
  }
  OS << "\nvalues:";
  for (const auto &[V, X] : Vals) {
    OS << " " << V->getName() << "=";
    if (X.Kind == Val::NonNull)
      OS << "nonnull";
    else if (X.Big)
      OS << static_cast<uint64_t>(X.V);
    else
      OS << X.V;
  }
  OS << "\n";
}

void PathState::dump() const {
  print(dbgs(), [](unsigned) { return std::string(); });
}

} // namespace connleak
