#!/usr/bin/env bash
# Renders every view of the window on a demo scene (the embedded simulator with sample
# mailboxes, a call queue and a message being listened to) into docs/screenshots/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset ci >/dev/null
cmake --build --preset ci --target TestScreenshots
mkdir -p docs/screenshots
SUPERVISOR_SCREENSHOT_DIR="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
    build/ci/tests/TestScreenshots
ls -l docs/screenshots
