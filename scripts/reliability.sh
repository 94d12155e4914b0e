#!/usr/bin/env bash
# Run the reliability suite at full size (tens of minutes) and print its figures at the end.
# Arguments go to pytest, e.g. scripts/reliability.sh -k kill
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest tests/reliability --long -q "$@"
