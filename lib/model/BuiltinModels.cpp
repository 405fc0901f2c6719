//===--- BuiltinModels.cpp - models/*.yaml embedded at build time ---------===//
#include "connleak/model/Model.h"

namespace connleak {
namespace {
const BuiltinModel Models[] = {
#include "BuiltinModels.inc"
};
} // namespace

const BuiltinModel *builtinModels(size_t &Count) {
  Count = sizeof(Models) / sizeof(Models[0]);
  return Models;
}
} // namespace connleak
