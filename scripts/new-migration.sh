#!/usr/bin/env bash
# Write a new Alembic migration from the difference between the models and the head schema.
# Usage: scripts/new-migration.sh "what changed"   (then read and tidy the generated file)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/new-migration.sh \"what changed\"" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
.venv/bin/python - "$1" "$scratch/head.sqlite" <<'PY'
import sys
from pathlib import Path

from alembic import command

from iclei_desktop.core.db import alembic_config, open_database

database = open_database(Path(sys.argv[2]))
config = alembic_config()
with database.engine.begin() as connection:
    config.attributes["connection"] = connection
    command.revision(config, message=sys.argv[1], autogenerate=True)
PY
