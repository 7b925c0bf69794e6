#!/usr/bin/env bash
# Installs, from Debian 12's packages, what building, testing and running ARI Supervisor needs:
# the compiler, LLVM's linker (lld, which links the test programs much faster) and CMake, Qt 6 (Core,
# Network, SQL with its SQLite driver for the voicemail metadata, WebSockets, Widgets, HTTP Server,
# SVG icons, Multimedia for playing voicemail on the desk's speakers), RapidJSON (headers only:
# the parser of the ARI socket's frames), jemalloc (the program's allocator) and
# Asterisk's English core sounds, which the embedded simulator indexes like Asterisk does
# (asterisk-core-sounds-en is the package that names them "en" and "en_US", as Asterisk's callers
# ask for them; the -gsm and -wav packages alone install them under en_US_f_Allison only); clang
# and its libFuzzer runtime for the fuzz targets (tools/fuzz.sh); dpkg-dev and file, with which
# CPack finds the Debian package's dependencies (tools/package.sh); systemd's systemd-analyze,
# which checks the service unit.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config lld
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev qt6-multimedia-dev libqt6sql6-sqlite
    libgl-dev rapidjson-dev libjemalloc-dev
    clang libclang-rt-14-dev
    dpkg-dev file systemd
    asterisk-core-sounds-en asterisk-core-sounds-en-gsm asterisk-core-sounds-en-wav
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
