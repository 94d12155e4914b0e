#!/usr/bin/env bash
# Check the frozen app on its own, as a laptop without Python would run it: build it (or reuse
# dist/iclei-desktop if nothing changed since), then with an empty environment (no venv, no
# PYTHONPATH, an empty HOME) run its --self-test on a new catalogue and on a copy of one from
# the previous release, under Xvfb as well when there is one, and let it upgrade such a file
# for real, which must be backed up first. Slower than the tests (a build takes a minute or
# two), so not part of scripts/test.sh. Usage: packaging/check-frozen.sh  (or make check-dist)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
DIST=dist/iclei-desktop
APP="$(pwd)/$DIST/iclei-desktop"
VENV=packaging/.build-venv
if [ ! -x "$APP" ] || [ -n "$(find iclei_desktop database resources pyproject.toml \
  packaging/iclei-desktop.spec packaging/entry.py packaging/requirements-build.txt \
  packaging/build.sh -newer "$APP" -not -name '*.pyc' -print -quit)" ]; then
  packaging/build.sh
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/tmp"
# Only what Qt needs: a UTF-8 locale, a home, a temporary folder. No DISPLAY: the self-test
# chooses the offscreen platform itself.
frozen() {
  env -i HOME="$work/home" LANG=C.UTF-8 TMPDIR="$work/tmp" "$@"
}
fail() {
  echo "check-frozen: FAILED: $*" >&2
  exit 1
}

echo "== the bundle holds no tests or developer tools, and only the Qt modules the app uses"
toc=build/pyinstaller/iclei-desktop/PYZ-00.toc
if grep -qE "'(tests|pytest|_pytest|pytestqt|mypy|ruff|importlinter|hatchling|pip)(\.[a-z_.]+)?'" "$toc"; then
  fail "a test or developer module is in $toc"
fi
qt_modules=$(cd "$DIST/_internal/PySide6" && ls Qt*.so | sed 's/\..*//' | sort | tr '\n' ' ')
echo "PySide6 modules: $qt_modules"
[ "$qt_modules" = "QtCore QtGui QtPrintSupport QtWidgets " ] || fail "unexpected Qt modules"
# The desktop's own graphics stack (Wayland, OpenGL, EGL) is the system's, on purpose; it is
# what a Wayland session has and this machine may lack. Anything else missing is a bug.
missing=$(find "$DIST/_internal" -name '*.so*' -type f -exec env LD_LIBRARY_PATH="$DIST/_internal" \
  ldd {} + 2>/dev/null | grep 'not found' | awk '{print $1}' | sort -u || true)
system=$(grep -E '^lib(wayland-|GL|EGL|gbm|drm|vulkan)' <<<"$missing" | tr '\n' ' ' || true)
[ -z "$system" ] || echo "left to the system, not on this machine: $system"
missing=$(grep -vE '^lib(wayland-|GL|EGL|gbm|drm|vulkan)' <<<"$missing" || true)
[ -z "$missing" ] || fail "bundled libraries need what is not there: $missing"
echo "size: $(du -sh "$DIST" | cut -f1)"

echo "== --self-test on a new catalogue"
start=$(date +%s%N)
frozen "$APP" --self-test || fail "the self-test on a new catalogue"
echo "(the frozen app's run, start to exit: $((($(date +%s%N) - start) / 1000000)) ms)"
[ -z "$(find "$work/home" -mindepth 1 -print -quit)" ] || fail "the self-test wrote into HOME"

if command -v xvfb-run >/dev/null; then
  echo "== --self-test on the xcb platform (Xvfb), as on a Linux desktop"
  frozen PATH=/usr/bin:/bin QT_QPA_PLATFORM=xcb xvfb-run -a "$APP" --self-test \
    || fail "the self-test under Xvfb"
fi

echo "== a catalogue from the previous release (schema 0004)"
old="$work/data/catalogue.sqlite"
mkdir -p "$work/data"
# Made with the build venv's Python: the checker's tool, not the frozen app's.
"$VENV/bin/python" - "$old" <<'PY'
import sys
from functools import partial
from pathlib import Path

from iclei_desktop.core.db import open_database
from iclei_desktop.core.seed import apply_seed, load_seed

database = open_database(
    Path(sys.argv[1]), revision="0004", initialize=partial(apply_seed, data=load_seed())
)
database.engine.dispose()
PY
before=$(sha256sum "$old" | cut -d' ' -f1)
frozen "$APP" --database "$old" --self-test | tee "$work/self-test.txt" || fail "the self-test on the copy"
grep -q "schema 0004 upgraded to 0005 after a backup" "$work/self-test.txt" || fail "no upgrade reported"
[ "$(sha256sum "$old" | cut -d' ' -f1)" = "$before" ] || fail "the self-test changed the file it copied"

echo "== the frozen app upgrades it in place, backing it up first"
frozen "$APP" --database "$old" export --format json -o "$work/export.json" || fail "export"
"$VENV/bin/python" - "$old" "$work/export.json" <<'PY'
import json
import sqlite3
import sys
from pathlib import Path

old, exported = Path(sys.argv[1]), Path(sys.argv[2])


def revision(path):
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


backups = sorted(old.parent.glob("catalogue.backup-*.sqlite"))
assert revision(old) == "0005", f"the catalogue is at {revision(old)}, not 0005"
assert len(backups) == 1, f"backups: {backups}"
assert revision(backups[0]) == "0004", f"the backup is at {revision(backups[0])}, not 0004"
events = len(json.loads(exported.read_text())["events"])
assert events == 40, f"{events} events exported, not 40"
print(f"upgraded to 0005 after backing up to {backups[0].name} (0004); 40 events exported")
PY

echo "== --profile-startup (offscreen)"
frozen QT_QPA_PLATFORM=offscreen "$APP" --database "$old" --profile-startup \
  || fail "--profile-startup"

echo "check-frozen: passed in ${SECONDS} s"
