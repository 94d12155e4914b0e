"""Hostile text in an event's fields is saved, exported and imported whole, or refused by name.

Each text field of an event (title, location, description, link, the report's date words;
and series, note and the report's attendance words, which the catalogue keeps but iCalendar
does not carry) is given each of ``hostile_text.CASES``: CR, LF and CRLF, ``;``, ``,``,
``\\``, ``\\n`` and ``\\N`` written out, NUL and other control characters, emoji, Arabic and
Hebrew with a right-to-left override, CJK, text that looks like iCalendar
(``\\r\\nBEGIN:VEVENT\\r\\nUID:x``), and 10,000 characters. The rule (``core/validation``):
text is kept exactly, but for control characters other than LF and tab, which a calendar file
cannot carry and which are refused with the character named; white space at the ends is
trimmed on saving, a title holds at most 300 characters, and a link is a web address with no
white space, control character or backslash.

A case is identical when it is refused with exactly the message this rule gives and nothing
is saved, or when the saved text is the text given (trimmed) and the exported file, parsed by
``icalendar`` and by ``vobject``, and a second catalogue importing it hold exactly that text
(fields iCalendar does not carry must not be in the file). No VEVENT may hold a property,
component or line the exporter does not write. The whole round trip then runs again under
``python -O``, where every ``assert`` vanishes (the ``icalendar`` library checks with one
that no value holds a raw line break), and must give the same results.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from tests.reliability.conftest import Figures
from tests.reliability.hostile_text import CASES, EXPORTED, FIELDS, key, round_trip

SECTION = "hostile text round trip"
REPOSITORY = Path(__file__).resolve().parents[2]
LABELS = {
    "title": "Title",
    "series": "Series",
    "location": "Location",
    "description": "Description",
    "date_text": "The report's date",
    "note": "Note",
    "attendance_text": "The report's attendance",
}


def given(field: str, text: str) -> str:
    return f"https://example.org/{text}" if field == "url" else text


def refusal(field: str, text: str) -> dict[str, str] | None:
    """The refusal the rule gives for ``text`` in ``field``, or None if it is to be kept."""
    value = given(field, text)
    controls = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if field == "url":
        odd = controls or [c for c in value if c.isspace() or c == "\\"]
        return {"url": "Not a web address"} if odd else None
    if controls:
        code = f"U+{ord(controls[0]):04X}"
        return {field: f"{LABELS[field]} holds a control character ({code}), which cannot be saved"}
    if field == "title" and len(value.strip()) > 300:
        return {"title": "Title is too long (at most 300 characters)"}
    return None


def problems(field: str, text: str, result: dict[str, Any]) -> list[str]:
    """What differs from the rule for one case; empty when it is identical."""
    expected = refusal(field, text)
    if expected is not None:
        found = []
        if result["refused"] != expected:
            found.append(f"refused with {result['refused']!r}, not {expected!r}")
        if not result["saved_nothing"]:
            found.append("refused, yet something was saved")
        return found
    if result["refused"] is not None:
        return [f"refused with {result['refused']!r}"]
    kept = given(field, text).strip()
    steps = ("saved", "icalendar", "vobject", "imported") if field in EXPORTED else ("saved",)
    found = [f"{step} gives {result[step]!r}" for step in steps if result[step] != kept]
    if field not in EXPORTED and result["in the file"]:
        found.append("it is in the exported file, which should not carry it")
    return found


def optimized_round_trip(folder: Path) -> dict[str, Any]:
    """Run ``hostile_text.round_trip`` under ``python -O`` and return what it gave."""
    done = subprocess.run(
        [sys.executable, "-O", "-m", "tests.reliability.hostile_text", str(folder)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_hostile_text_comes_back_whole_or_is_refused_by_name(
    tmp_path: Path, figures: Figures
) -> None:
    here = json.loads(json.dumps(round_trip(tmp_path / "here")))  # as the subprocess gives it
    optimized = optimized_round_trip(tmp_path / "optimized")
    assert here["debug"] is True and optimized["debug"] is False
    cases = [(field, case, text) for field in FIELDS for case, text in CASES]
    wrong = {
        key(field, case): problems(field, text, here["cases"][key(field, case)])
        for field, case, text in cases
    }
    wrong = {name: found for name, found in wrong.items() if found}
    differ = [
        key(field, case)
        for field, case, _ in cases
        if optimized["cases"][key(field, case)] != here["cases"][key(field, case)]
    ]
    figures.add(SECTION, "fields", len(cases))
    figures.add(SECTION, "identical", len(cases) - len(wrong))
    figures.add(SECTION, "identical under python -O", len(cases) - len(set(wrong) | set(differ)))
    figures.add(SECTION, "injected properties", len(here["injected"]) + len(optimized["injected"]))
    saved = sum(1 for field, _, text in cases if refusal(field, text) is None)
    assert here["exported"] == saved
    assert here["import"] == f"added {saved}, updated 0, unchanged 0, skipped 0"
    assert not here["injected"] and not optimized["injected"], (
        here["injected"],
        optimized["injected"],
    )
    assert not wrong, "\n".join(f"{name}: {'; '.join(found)}" for name, found in wrong.items())
    assert not differ, f"under python -O these differ: {differ}"
    assert optimized == here | {"debug": False}
