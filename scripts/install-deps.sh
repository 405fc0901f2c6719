#!/usr/bin/env bash
# Installs every Debian package that the connleak build, its tests and its examples need.
# Idempotent: packages that are already installed are skipped by apt.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive

TOOLCHAIN=(cmake ninja-build pkg-config python3 git
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19 clangd-19 libfmt-dev
  libgtest-dev libclang-rt-19-dev
  # Not needed by the build, installed so that it always builds beside them:
  # libc++abi-19-dev puts a cxxabi.h into /usr/lib/llvm-19/include (see the
  # connleak_llvm_headers comment in CMakeLists.txt).
  libc++-19-dev libc++abi-19-dev
  # Tests: the real pre-commit framework (test/pre-commit/pre-commit-tool.test),
  # Neovim 0.7.2 (test/clangd/neovim.test runs the docs' snippet), dpkg-dev
  # (dpkg-shlibdeps, for cpack -G DEB and test/install/deb.test).
  pre-commit neovim dpkg-dev)
LIBS=(libpq-dev libmariadb-dev libsqlite3-dev libhiredis-dev libcurl4-openssl-dev libmongoc-dev
  unixodbc-dev libmysqlcppconn-dev libpqxx-dev libsoci-dev libgrpc++-dev libprotobuf-dev libabsl-dev
  libcpp-httplib-dev libpoco-dev libevent-dev libmicrohttpd-dev libboost-dev)

missing=()
for p in "${TOOLCHAIN[@]}" "${LIBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
