#!/usr/bin/env bash
# Set up (first time) and start ICLEI Desktop. Arguments go to the app, e.g. --database PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/iclei-desktop "$@"
