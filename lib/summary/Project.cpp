//===--- Project.cpp - merging and writing project summaries --------------===//
#include "connleak/summary/ProjectSummary.h"
#include "connleak/model/Model.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include <functional>

using namespace llvm;

namespace connleak {

bool DerivedSummary::sameFacts(const DerivedSummary &O, bool WithBlocks) const {
  return Returns == O.Returns && ReturnsNullable == O.ReturnsNullable &&
         Outs == O.Outs && Releases == O.Releases && Sinks == O.Sinks &&
         Known == O.Known && (!WithBlocks || Blocks == O.Blocks) &&
         Client == O.Client && Skipped == O.Skipped;
}

static std::string relative(StringRef Path, StringRef Root) {
  if (!Root.empty() && Path.starts_with(Root) && Path.size() > Root.size() &&
      sys::path::is_separator(Path[Root.size()]))
    return Path.drop_front(Root.size() + 1).str();
  return Path.str();
}

std::string DerivedSummary::location(StringRef Root) const {
  return relative(File, Root) + ":" + std::to_string(Line);
}

std::string ProjectSummary::factsOf(StringRef Name, unsigned Kinds) const {
  auto It = Functions.find(Name.str());
  if (It == Functions.end())
    return "";
  const DerivedSummary &D = It->second;
  // One part per kind, empty when the function has no fact of that kind (as
  // when it is unknown): the model file says nothing of it then.
  std::string S;
  raw_string_ostream OS(S);
  if ((Kinds & DepReturns) && (!D.Returns.empty() || !D.Outs.empty())) {
    OS << "r=" << D.Returns << (D.ReturnsNullable ? "?" : "") << ";o=";
    for (const DerivedSummary::Out &O : D.Outs) {
      OS << O.Arg << ":" << O.Family << ":";
      for (int64_t V : O.Success)
        OS << V << ",";
      if (O.Failure)
        OS << "/" << *O.Failure;
      OS << ";";
    }
  }
  if ((Kinds & DepReleases) && !D.Releases.empty()) {
    OS << "rel=";
    for (const auto &[A, F] : D.Releases)
      OS << A << ":" << F << ",";
    OS << ";";
  }
  if ((Kinds & DepSinks) && !D.Sinks.empty()) {
    OS << "s=";
    for (unsigned A : D.Sinks)
      OS << A << ",";
    OS << ";";
  }
  // Known: it has a role (a family entry or a `functions` entry).
  if ((Kinds & DepKnown) && (!D.Returns.empty() || !D.Outs.empty() ||
                             !D.Releases.empty() || !D.Sinks.empty() || D.Known))
    OS << "k;";
  if ((Kinds & DepBlocks) && D.Blocks)
    OS << "b;";
  if ((Kinds & DepClient) && D.Client)
    OS << "c;";
  return S;
}

std::map<std::string, unsigned>
ProjectSummary::changedFrom(const ProjectSummary &Old) const {
  std::map<std::string, unsigned> Out;
  auto Compare = [&](const std::string &N) {
    unsigned K = 0;
    for (unsigned Bit = 1; Bit <= DepAll; Bit <<= 1)
      if ((DepAll & Bit) && factsOf(N, Bit) != Old.factsOf(N, Bit))
        K |= Bit;
    if (K)
      Out[N] = K;
  };
  for (const auto &[N, D] : Functions)
    Compare(N);
  for (const auto &[N, D] : Old.Functions)
    if (!Functions.count(N))
      Compare(N);
  return Out;
}

ProjectSummary mergeSummaries(const std::vector<const TUSummaries *> &TUs) {
  // Every definition of each name, in a fixed order (file, line).
  std::map<std::string, std::vector<const DerivedSummary *>> Defs;
  std::map<std::string, std::set<std::string>> DefinedIn;
  for (const TUSummaries *T : TUs)
    for (const DerivedSummary &D : T->Functions) {
      Defs[D.Name].push_back(&D);
      DefinedIn[D.Name].insert(D.File);
    }
  ProjectSummary P;
  for (auto &Entry : Defs) {
    const std::string &Name = Entry.first;
    std::vector<const DerivedSummary *> &V = Entry.second;
    llvm::sort(V, [](const DerivedSummary *A, const DerivedSummary *B) {
      return std::tie(A->File, A->Line) < std::tie(B->File, B->Line);
    });
    // One source file compiled twice (two targets) gives the same
    // definition twice; two definitions that disagree (two programs in one
    // database, overloads) are unknown rather than a wrong fact.
    // Blocks is compared once it is closed over the call graph (below).
    bool Agree = llvm::all_of(V, [&](const DerivedSummary *D) {
      return D->sameFacts(*V.front(), /*WithBlocks=*/false);
    });
    if (V.front()->Skipped && Agree) {
      P.Dropped[Name] = "its analysis was skipped (" + V.front()->location("") + ")";
      continue;
    }
    if (!Agree) {
      std::string Where;
      for (const DerivedSummary *D : V) {
        std::string L = D->location("");
        if (Where.find(L) == std::string::npos)
          Where += (Where.empty() ? "" : ", ") + L;
      }
      P.Dropped[Name] = "definitions disagree (" + Where + ")";
      continue;
    }
    DerivedSummary Merged = *V.front();
    std::set<std::string> Calls;
    for (const DerivedSummary *D : V)
      Calls.insert(D->Calls.begin(), D->Calls.end());
    Merged.Calls.assign(Calls.begin(), Calls.end());
    P.Functions.emplace(Name, std::move(Merged));
  }
  // Recursion across files is unknown, as recursion within a file is:
  // drop every function on a cycle of the cross-file call graph (Tarjan).
  std::map<std::string, unsigned> Index, Low;
  std::vector<std::string> Stack;
  std::set<std::string> OnStack;
  unsigned Next = 0;
  std::vector<std::vector<std::string>> Cycles;
  std::function<void(const std::string &)> Visit = [&](const std::string &N) {
    Index[N] = Low[N] = Next++;
    Stack.push_back(N);
    OnStack.insert(N);
    for (const std::string &C : P.Functions.at(N).Calls) {
      if (!P.Functions.count(C))
        continue;
      if (!Index.count(C)) {
        Visit(C);
        Low[N] = std::min(Low[N], Low[C]);
      } else if (OnStack.count(C)) {
        Low[N] = std::min(Low[N], Index[C]);
      }
    }
    if (Low[N] == Index[N]) {
      std::vector<std::string> SCC;
      std::string M;
      do {
        M = Stack.back();
        Stack.pop_back();
        OnStack.erase(M);
        SCC.push_back(M);
      } while (M != N);
      bool SelfLoop = llvm::is_contained(P.Functions.at(N).Calls, N);
      if (SCC.size() > 1 || SelfLoop)
        Cycles.push_back(std::move(SCC));
    }
  };
  for (const auto &[N, D] : P.Functions)
    if (!Index.count(N))
      Visit(N);
  for (std::vector<std::string> &SCC : Cycles) {
    llvm::sort(SCC);
    std::string Names = llvm::join(SCC, ", ");
    for (const std::string &N : SCC) {
      P.Functions.erase(N);
      P.Dropped[N] = "recursion across files (" + Names + ")";
    }
  }
  // Blocking through functions of other files: each definition blocks if it
  // does by itself (its translation unit's fact) or calls a function of the
  // merged summary that blocks, which is what its translation unit would
  // compute with the final summary's `blocking` entries. The graph is
  // acyclic now; callees first. Definitions that disagree are unknown.
  std::map<std::string, bool> BlocksOf;
  std::function<bool(const std::string &)> Close =
      [&](const std::string &N) -> bool {
    auto It = BlocksOf.find(N);
    if (It != BlocksOf.end())
      return It->second;
    auto F = P.Functions.find(N);
    if (F == P.Functions.end())
      return BlocksOf[N] = false;
    std::optional<bool> Value;
    bool Agree = true;
    for (const DerivedSummary *D : Defs.at(N)) {
      bool B = D->Blocks;
      for (const std::string &C : D->Calls)
        if (!B && C != N && Close(C))
          B = true;
      if (Value && *Value != B)
        Agree = false;
      Value = B;
    }
    // Close() may have dropped callees, never N itself: find it again.
    F = P.Functions.find(N);
    if (!Agree) {
      std::string Where;
      for (const DerivedSummary *D : Defs.at(N)) {
        std::string L = D->location("");
        if (Where.find(L) == std::string::npos)
          Where += (Where.empty() ? "" : ", ") + L;
      }
      P.Functions.erase(F);
      P.Dropped[N] = "definitions disagree (" + Where + ")";
      return BlocksOf[N] = false;
    }
    F->second.Blocks = Value.value_or(false);
    return BlocksOf[N] = F->second.Blocks;
  };
  std::vector<std::string> Names;
  for (const auto &[N, D] : P.Functions)
    Names.push_back(N);
  for (const std::string &N : Names)
    Close(N);
  return P;
}

/// A YAML single-quoted scalar.
static std::string quote(StringRef S) {
  std::string Out = "'";
  for (char C : S) {
    if (C == '\'')
      Out += "''";
    else
      Out += C;
  }
  return Out + "'";
}

static std::string joinInts(ArrayRef<unsigned> V) {
  std::string S;
  for (unsigned X : V)
    S += (S.empty() ? "" : ", ") + std::to_string(X);
  return S;
}

void writeModelFile(raw_ostream &OS, const ProjectSummary &P, StringRef Root) {
  OS << "# connleak project summaries, written by `connleak summarize`.\n"
        "# Each entry is derived from the body of the function it names; "
        "`from` is\n"
        "# its definition. An entry written by hand in another model file "
        "that names\n"
        "# the same function wins over these. See docs/project-summaries.md.\n";
  // families: one `extends` per family, entries by function name.
  struct FamilyEntries {
    std::vector<std::string> Acquire, Release;
  };
  std::map<std::string, FamilyEntries> Fams;
  std::vector<std::string> Functions, Blocking, Clients;
  for (const auto &[Name, D] : P.Functions) {
    // Escaped when it has glob characters (C++ operators).
    std::string Fn = quote(exactPattern(Name));
    std::string From = "from: " + quote(D.location(Root));
    if (!D.Returns.empty())
      Fams[D.Returns].Acquire.push_back(
          formatv("{ function: {0}, nullable: {1}, {2} }", Fn,
                  D.ReturnsNullable ? "true" : "false", From)
              .str());
    for (const DerivedSummary::Out &O : D.Outs) {
      std::string E =
          formatv("{ function: {0}, handle: {1}", Fn, O.Arg).str();
      if (O.Failure) {
        std::string S;
        for (int64_t V : O.Success)
          S += (S.empty() ? "" : ", ") + std::to_string(V);
        E += formatv(", success: [{0}], failure: {1}, release-on-failure: false",
                     S, *O.Failure)
                 .str();
      }
      Fams[O.Family].Acquire.push_back(E + ", " + From + " }");
    }
    for (const auto &[Arg, F] : D.Releases)
      Fams[F].Release.push_back(formatv("{ function: {0}, handle: {1}, {2} }",
                                        Fn, Arg, From)
                                    .str());
    // A family entry makes the function known already.
    bool InFamily = !D.Returns.empty() || !D.Outs.empty() || !D.Releases.empty();
    if (!D.Sinks.empty() || (D.Known && !InFamily)) {
      std::string E = "{ function: " + Fn;
      if (!D.Sinks.empty())
        E += ", sink: [" + joinInts(D.Sinks) + "]";
      Functions.push_back(E + ", " + From + " }");
    }
    if (D.Blocks)
      Blocking.push_back("{ function: " + Fn + ", " + From + " }");
    if (D.Client)
      Clients.push_back("{ function: " + Fn + ", " + From + " }");
  }
  if (!Fams.empty()) {
    OS << "families:\n";
    for (const auto &[F, E] : Fams) {
      OS << "  - extends: " << F << "\n";
      if (!E.Acquire.empty()) {
        OS << "    acquire:\n";
        for (const std::string &A : E.Acquire)
          OS << "      - " << A << "\n";
      }
      if (!E.Release.empty()) {
        OS << "    release:\n";
        for (const std::string &R : E.Release)
          OS << "      - " << R << "\n";
      }
    }
  }
  auto Section = [&](StringRef Key, const std::vector<std::string> &V) {
    if (V.empty())
      return;
    OS << Key << ":\n";
    for (const std::string &E : V)
      OS << "  - " << E << "\n";
  };
  Section("functions", Functions);
  Section("blocking", Blocking);
  Section("clients", Clients);
  if (!P.Dropped.empty()) {
    OS << "# Not summarised (unknown to the analysis):\n";
    for (const auto &[Name, Why] : P.Dropped) {
      // The reason names files: relative to the root as well.
      std::string W = Why;
      if (!Root.empty()) {
        std::string Prefix = Root.str() + "/";
        for (size_t Pos; (Pos = W.find(Prefix)) != std::string::npos;)
          W.erase(Pos, Prefix.size());
      }
      OS << "#   " << Name << ": " << W << "\n";
    }
  }
  if (P.Functions.empty() && P.Dropped.empty())
    OS << "{}\n";
}

json::Value toJSON(const TUSummaries &T) {
  json::Array Fns;
  for (const DerivedSummary &D : T.Functions) {
    json::Array Outs, Rels;
    for (const DerivedSummary::Out &O : D.Outs) {
      json::Object J{{"arg", O.Arg}, {"family", O.Family}};
      J["success"] = json::Array(O.Success);
      if (O.Failure)
        J["failure"] = *O.Failure;
      Outs.push_back(std::move(J));
    }
    for (const auto &[A, F] : D.Releases)
      Rels.push_back(json::Object{{"arg", A}, {"family", F}});
    Fns.push_back(json::Object{
        {"name", D.Name},
        {"file", D.File},
        {"line", D.Line},
        {"returns", D.Returns},
        {"nullable", D.ReturnsNullable},
        {"outs", std::move(Outs)},
        {"releases", std::move(Rels)},
        {"sinks", json::Array(D.Sinks)},
        {"known", D.Known},
        {"blocks", D.Blocks},
        {"client", D.Client},
        {"skipped", D.Skipped},
        {"calls", json::Array(D.Calls)},
    });
  }
  json::Array Deps;
  for (const auto &[N, K] : T.Deps)
    Deps.push_back(json::Array{N, K});
  return json::Object{{"file", T.File},
                      {"functions", std::move(Fns)},
                      {"deps", std::move(Deps)},
                      {"inputs", json::Array(T.Inputs)}};
}

bool fromJSON(const json::Value &V, TUSummaries &T) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return false;
  auto Strings = [](const json::Object *O, StringRef Key,
                    std::vector<std::string> &Out) {
    if (const json::Array *A = O->getArray(Key))
      for (const json::Value &X : *A)
        if (auto S = X.getAsString())
          Out.push_back(S->str());
  };
  if (auto F = O->getString("file"))
    T.File = F->str();
  if (const json::Array *A = O->getArray("deps"))
    for (const json::Value &X : *A) {
      if (auto S = X.getAsString()) // a name alone: every kind
        T.Deps.push_back({S->str(), DepAll});
      else if (const json::Array *P = X.getAsArray();
               P && P->size() == 2 && (*P)[0].getAsString())
        T.Deps.push_back({(*P)[0].getAsString()->str(),
                          (unsigned)(*P)[1].getAsInteger().value_or(DepAll)});
    }
  Strings(O, "inputs", T.Inputs);
  const json::Array *Fns = O->getArray("functions");
  if (!Fns)
    return false;
  for (const json::Value &FV : *Fns) {
    const json::Object *F = FV.getAsObject();
    if (!F)
      return false;
    DerivedSummary D;
    D.Name = F->getString("name").value_or("").str();
    D.File = F->getString("file").value_or("").str();
    D.Line = F->getInteger("line").value_or(0);
    D.Returns = F->getString("returns").value_or("").str();
    D.ReturnsNullable = F->getBoolean("nullable").value_or(false);
    if (const json::Array *A = F->getArray("outs"))
      for (const json::Value &X : *A)
        if (const json::Object *OO = X.getAsObject()) {
          DerivedSummary::Out Out;
          Out.Arg = OO->getInteger("arg").value_or(0);
          Out.Family = OO->getString("family").value_or("").str();
          if (const json::Array *S = OO->getArray("success"))
            for (const json::Value &SV : *S)
              if (auto I = SV.getAsInteger())
                Out.Success.push_back(*I);
          if (auto Fl = OO->getInteger("failure"))
            Out.Failure = *Fl;
          D.Outs.push_back(std::move(Out));
        }
    if (const json::Array *A = F->getArray("releases"))
      for (const json::Value &X : *A)
        if (const json::Object *RO = X.getAsObject())
          D.Releases.push_back(
              {(unsigned)RO->getInteger("arg").value_or(0),
               RO->getString("family").value_or("").str()});
    if (const json::Array *A = F->getArray("sinks"))
      for (const json::Value &X : *A)
        if (auto I = X.getAsInteger())
          D.Sinks.push_back(*I);
    D.Known = F->getBoolean("known").value_or(false);
    D.Blocks = F->getBoolean("blocks").value_or(false);
    D.Client = F->getBoolean("client").value_or(false);
    D.Skipped = F->getBoolean("skipped").value_or(false);
    Strings(F, "calls", D.Calls);
    if (D.Name.empty())
      return false;
    T.Functions.push_back(std::move(D));
  }
  return true;
}

} // namespace connleak
