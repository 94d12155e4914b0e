#!/usr/bin/env bash
# Every figure of issue 6 from a clean checkout: set up, build the synthetic catalogues (the
# first time: about half a minute at 100x, seven at 1000x), measure at 100x, then the figures
# with a 1000x target. Results go to benchmarks/results/, tables to stdout.
# Arguments go to both runs, e.g. scripts/benchmarks.sh --runs 3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m benchmarks --scale 100 "$@"
.venv/bin/python -m benchmarks --scale 1000 --only startup,search,calendar,memory,scroll "$@"
