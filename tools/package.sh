#!/usr/bin/env bash
# Builds the Debian package: the release preset's two programs, then `cpack -G DEB`.
# The package, ari-supervisor_<version>_amd64.deb, is copied to the project's root folder.
#   tools/package.sh            (tools/install-deps.sh first on a new machine: it brings dpkg-dev)
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release
cmake --build --preset release -j"${PACKAGE_BUILD_JOBS:-2}" --target ari-supervisor ari-sim
rm -f build/release/ari-supervisor_*.deb
(cd build/release && cpack -G DEB)
cp build/release/ari-supervisor_*.deb .
ls -l ari-supervisor_*.deb
