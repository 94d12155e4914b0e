#!/usr/bin/env bash
# Set up (first time) and run every check: ruff, mypy on the core, import-linter, pytest.
# Arguments go to pytest, e.g. scripts/test.sh -k migrations
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
