"""Every field of the event form against every class of bad input, in the real dialog.

Each case opens the form as File › New Event or Edit Event does, on a real seeded
catalogue, puts one bad input into one field of an otherwise valid event the way a person
would (typing, or pasting what no keyboard types), and checks what that person sees:

- refused: the exact message beside the field, Save disabled, and Enter, a click on Save
  or anything else that accepts the dialog leaving it open; after Cancel the catalogue's
  events are as they were;
- kept by the widget: a date or time field that cannot hold the input shows the one it
  kept (and, for a date, says so), and Save stores what it shows;
- accepted: unusual but valid input (markup in a title is just text) is stored exactly,
  and the detail pane shows it as text, never as markup.

An exception that reaches the Qt event loop is a crash. Figures go under SECTION.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.gui.app import name_application
from iclei_desktop.gui.detail_view import DetailView
from iclei_desktop.gui.dialogs.event_dialog import EventDialog
from iclei_desktop.gui.event_editor import EventEditor
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.models.record_model import Role
from tests.gui.helpers import click_row, when_modal
from tests.reliability.conftest import Figures

SECTION = "event form \N{MULTIPLICATION SIGN} bad input"
EDITED = "Turku City Study Tour to Japan"  # a seeded event, for the Edit Event cases

# --- what a person puts in -------------------------------------------------------------

Act = Callable[[QtBot, EventDialog], None]


def put(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace a field's text: Ctrl+A, then type it, or paste it where no keyboard would."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert target is not None  # an editable box has a line to type in
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if not text:
        qtbot.keyClick(target, Qt.Key.Key_Delete)
    elif text.isascii() and text.isprintable() and len(text) <= 100:
        qtbot.keyClicks(target, text)
    else:
        QApplication.clipboard().setText(text)
        qtbot.keySequence(target, QKeySequence.StandardKey.Paste)


def paste(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select all of a field and paste ``text`` over it (how a whole date or time goes in)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText(text)
    qtbot.keySequence(widget, QKeySequence.StandardKey.Paste)


def type_date(qtbot: QtBot, edit: QDateTimeEdit, digits: str) -> None:
    """Type a date's digits from the year on, as after a double-click on the year."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, digits)


def dates(start: str, end: str) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        paste(qtbot, d.end_date, "2099-12-31")  # so that no start is after the end meanwhile
        paste(qtbot, d.start_date, start)
        paste(qtbot, d.end_date, end)

    return act


def timed(day: str, start: str, end: str, zone: str = "Asia/Seoul", end_day: str = "") -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        if d.all_day_check.isChecked():
            qtbot.mouseClick(d.all_day_check, Qt.MouseButton.LeftButton)
        dates(day, end_day or day)(qtbot, d)
        paste(qtbot, d.start_time, "00:00")  # so that no end is before the start meanwhile
        paste(qtbot, d.end_time, end)
        paste(qtbot, d.start_time, start)
        put(qtbot, d.timezone_combo, zone)

    return act


def then(*acts: Act) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        for each in acts:
            each(qtbot, d)

    return act


FIELDS: dict[str, Callable[[EventDialog], QWidget]] = {
    "title": lambda d: d.title_edit,
    "series": lambda d: d.series_edit,
    "location": lambda d: d.location_edit,
    "description": lambda d: d.description_edit,
    "url": lambda d: d.url_edit,
    "attendance": lambda d: d.attendance_edit,
    "timezone": lambda d: d.timezone_combo,
}


def into(field: str, text: str) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        if field == "timezone":
            timed("2026-05-10", "10:00", "11:00")(qtbot, d)
        put(qtbot, FIELDS[field](d), text)

    return act


def new_city(name: str, country: str) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        put(qtbot, d.cities.box, name)
        put(qtbot, d.cities.country, country)
        qtbot.mouseClick(d.cities.add_button, Qt.MouseButton.LeftButton)

    return act


def organizer(name: str, *, add: bool = True) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        put(qtbot, d.organizers.box, name)
        if add:
            qtbot.mouseClick(d.organizers.add_button, Qt.MouseButton.LeftButton)

    return act


def typed_into_combo(combo: Callable[[EventDialog], QComboBox], text: str) -> Act:
    def act(qtbot: QtBot, d: EventDialog) -> None:
        combo(d).setFocus()
        qtbot.keyClicks(combo(d), text)

    return act


# --- what the person should see --------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """The message beside ``field``; Save disabled; nothing saved."""

    field: str
    message: str


Read = Callable[[Catalogue, str], object]


@dataclass(frozen=True)
class Saved:
    """Save stores ``value`` (read back by ``read``); the detail pane shows ``shown`` as text.

    ``kind`` is the figure it counts under; ``note`` is a (field, text) the form shows
    beside a field without refusing anything.
    """

    read: Read
    value: object
    shown: str | None = None
    kind: str = "accepted as plain text"
    note: tuple[str, str] | None = None


def field_of(name: str) -> Read:
    return lambda catalogue, uid: getattr(catalogue.event_draft(uid), name)


def city_labels(catalogue: Catalogue, uid: str) -> object:
    detail = catalogue.detail("event", catalogue.event_id(uid))
    return tuple(ref.label for ref in detail.cities)  # type: ignore[union-attr]


def city_countries(catalogue: Catalogue, uid: str) -> object:
    detail = catalogue.detail("event", catalogue.event_id(uid))
    return tuple(
        catalogue.detail("local_government", ref.id).country  # type: ignore[union-attr]
        for ref in detail.cities  # type: ignore[union-attr]
    )


def kept(read: Read, value: object, note: tuple[str, str] | None = None) -> Saved:
    return Saved(read, value, kind="kept by the widget", note=note)


def typed_as(read: Read, value: object, note: tuple[str, str] | None = None) -> Saved:
    return Saved(read, value, kind="accepted as typed", note=note)


def empty(name: str, value: object = "") -> Saved:
    return Saved(field_of(name), value, kind="accepted as empty")


def plain(name: str, value: str, shown: str | None = None) -> Saved:
    return Saved(field_of(name), value, shown=value if shown is None else shown)


# --- the matrix ------------------------------------------------------------------------

LONG = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 200)[:10_000]
MARKUP = "<b>x</b><img src=x onerror=alert(1)>"
SCRIPT_LINK = '<a href="javascript:alert(1)">x</a>'
BAD_TEXT = {
    "empty": "",
    "spaces only": "   ",
    "10,000 characters": LONG,
    "NUL": "Meet\x00ing",
    "ESC": "Meet\x1b[31ming",
    "bell": "Meet\x07ing",
    "line feed": "Meet\ning",
    "U+2028": "Meet\u2028ing",
    "bidi override": "Meeting \u202egnp.exe",
    "markup": MARKUP,
    "javascript link": SCRIPT_LINK,
}


LINE_BREAK = "Contains a line break; this field holds one line"
DIRECTION = "Contains a hidden text-direction control (U+202E) that makes it read otherwise than it is saved; delete it"
NO_SCHEME = "Not a web address: start it with https://"
WHOLE_NUMBER = "Attendance must be a whole number, like 120"
# A billion, written as the person's locale writes numbers.
TOO_MANY = f"Attendance must be at most {QLocale().toString(1_000_000_000)}"
NO_ORGANIZATION = "No organization is called that; pick one from the list or clear the box"
PENDING = "Press Add to add it, or clear the box"
CODES = {"NUL": "U+0000", "ESC": "U+001B", "bell": "U+0007"}


def hidden(holder: str) -> dict[str, str]:
    """What the form says of each character a one-line field cannot hold, by class."""
    return {
        **{
            name: f"{holder} holds a control character ({code}), which cannot be saved"
            for name, code in CODES.items()
        },
        "line feed": LINE_BREAK,
        "U+2028": LINE_BREAK,
        "bidi override": DIRECTION,
    }


def text_outcomes(field: str) -> dict[str, Refused | Saved]:
    """What each class of bad text should do in a free-text field."""
    refusals = {
        name: Refused(field, message) for name, message in hidden(field.capitalize()).items()
    }
    if field == "title":
        return {
            "empty": Refused(field, "Title is required"),
            "spaces only": Refused(field, "Title is required"),
            "10,000 characters": Refused(field, "Title is too long (at most 300 characters)"),
            **refusals,
            "markup": plain(field, MARKUP),
            "javascript link": plain(field, SCRIPT_LINK),
        }
    outcomes: dict[str, Refused | Saved] = {
        "empty": empty(field),
        "spaces only": empty(field),
        "10,000 characters": plain(field, LONG, LONG[:200]),
        **refusals,
        "markup": plain(field, MARKUP),
        "javascript link": plain(field, SCRIPT_LINK),
    }
    if field == "description":
        # A text box of many lines takes a line break, and a line separator as one.
        outcomes["line feed"] = plain(field, "Meet\ning", "Meet")
        outcomes["U+2028"] = plain(field, "Meet\ning", "Meet")
    return outcomes


def matrix() -> list[tuple[str, Act, Refused | Saved]]:
    cases: list[tuple[str, Act, Refused | Saved]] = []
    for field in ("title", "series", "location", "description"):
        for name, outcome in text_outcomes(field).items():
            cases.append((f"{field}: {name}", into(field, BAD_TEXT[name]), outcome))
    for name, text in BAD_TEXT.items():
        url: Refused | Saved
        if name in ("empty", "spaces only"):
            url = empty("url")
        else:
            url = Refused("url", hidden("Link").get(name, NO_SCHEME))
        attendance: Refused | Saved = (
            empty("attendance", None)
            if name in ("empty", "spaces only")
            else Refused("attendance", WHOLE_NUMBER)
        )
        zone = Refused(
            "timezone",
            "Time zone is required for a timed event"
            if name in ("empty", "spaces only")
            else "Unknown time zone",
        )
        city: Refused | Saved
        if name in ("empty", "spaces only"):
            city = Saved(city_labels, (), kind="accepted as empty")  # Add had nothing to add
        elif name in hidden(""):
            city = Refused("cities", hidden("A new city's name")[name])
        else:
            city = Saved(city_labels, (text,), shown=text[:200])
        country: Refused | Saved
        if name in ("empty", "spaces only"):
            country = Refused("cities", "A new city needs a name and a country")
        elif name in hidden(""):
            country = Refused("cities", hidden("A new city's country")[name])
        else:
            country = Saved(city_countries, (text,), shown="Atlantis")
        org: Refused | Saved = (
            Saved(field_of("organizer_ids"), (), kind="accepted as empty")
            if name in ("empty", "spaces only")
            else Refused("organizers", NO_ORGANIZATION)
        )
        cases += [
            (f"url: {name}", into("url", text), url),
            (f"attendance: {name}", into("attendance", text), attendance),
            (f"time zone: {name}", into("timezone", text), zone),
            (f"new city name: {name}", new_city(text, "Nowhere"), city),
            (f"new city country: {name}", new_city("Atlantis", text), country),
            (f"organizer: {name}", organizer(text), org),
        ]
    only_web = "Only http:// and https:// addresses can be linked"
    long_url = "https://iclei.org/" + "a" * (10_000 - len("https://iclei.org/"))
    cases += [
        ("url: javascript:", into("url", "javascript:alert(1)"), Refused("url", only_web)),
        ("url: file:", into("url", "file:///etc/passwd"), Refused("url", only_web)),
        ("url: no scheme", into("url", "iclei.org/events"), Refused("url", NO_SCHEME)),
        (
            "url: spaces",
            into("url", "https://iclei.org/my events"),
            Refused("url", "Not a web address: it contains a space"),
        ),
        ("url: markup host", into("url", "https://<b>x</b>"), Refused("url", "Not a web address")),
        ("url: no host", into("url", "https://"), Refused("url", "Not a web address")),
        ("url: 10,000 characters", into("url", long_url), plain("url", long_url, long_url[:200])),
        ("attendance: negative", into("attendance", "-5"), Refused("attendance", WHOLE_NUMBER)),
        ("attendance: superscript", into("attendance", "²"), Refused("attendance", WHOLE_NUMBER)),
        ("attendance: circled", into("attendance", "①"), Refused("attendance", WHOLE_NUMBER)),
        (
            "attendance: 10,000 digits",
            into("attendance", "9" * 10_000),
            Refused("attendance", TOO_MANY),
        ),
        (
            "attendance: ten billion",
            into("attendance", "10000000000"),
            Refused("attendance", TOO_MANY),
        ),
        (
            "attendance: full-width digits",
            into("attendance", "\uff11\uff12\uff10"),  # "120" from a CJK input method
            typed_as(field_of("attendance"), 120),
        ),
        (
            "time zone: unknown",
            into("timezone", "Mars/Olympus_Mons"),
            Refused("timezone", "Unknown time zone"),
        ),
        (
            "time zone: path",
            into("timezone", "../../etc/passwd"),
            Refused("timezone", "Unknown time zone"),
        ),
        ("new city: typed, not added", typed_city("Atlantis"), Refused("cities", PENDING)),
        (
            "organizer: typed, not added",
            organizer("ICLEI East Asia Secretariat", add=False),
            Refused("organizers", PENDING),
        ),
    ]
    # Dates: impossible ones typed or pasted, and an end before the start.
    for which in ("start", "end"):
        field = f"{which}_date"
        other = ("2021-12-31", "") if which == "start" else ("", "2021-01-01")

        def fill(value: str, which: str = which, other: tuple[str, str] = other) -> Act:
            start, end = (value, other[0]) if which == "start" else (other[1], value)
            return dates(start, end)

        def edit(d: EventDialog, which: str = which) -> QDateTimeEdit:
            return d.start_date if which == "start" else d.end_date

        def typed(digits: str, edit: Callable[[EventDialog], QDateTimeEdit] = edit) -> Act:
            return lambda qtbot, d: type_date(qtbot, edit(d), digits)

        def pasted(text: str, edit: Callable[[EventDialog], QDateTimeEdit] = edit) -> Act:
            return lambda qtbot, d: paste(qtbot, edit(d), text)

        def note(refused: str, shown: str, field: str = field) -> Saved:
            text = f"{refused} is not a date"
            return kept(field_of(field), date.fromisoformat(shown), (field, text))

        cases += [
            (
                f"{which} date: Feb 30 typed",
                then(fill("2021-01-15"), typed("20210230")),
                note("2021-02-30", "2021-02-03"),
            ),
            (
                f"{which} date: Feb 30 pasted",
                then(fill("2021-01-15"), pasted("2021-02-30")),
                note("2021-02-30", "2021-01-15"),
            ),
            (
                f"{which} date: Apr 31 typed",
                then(fill("2021-01-15"), typed("20210431")),
                note("2021-04-31", "2021-04-03"),
            ),
            (
                f"{which} date: Apr 31 pasted",
                then(fill("2021-01-15"), pasted("2021-04-31")),
                note("2021-04-31", "2021-01-15"),
            ),
            (
                f"{which} date: year 0 typed",
                then(fill("2021-01-15"), typed("0000")),
                note("0000-01-15", "2021-01-15"),
            ),
            (
                f"{which} date: year 0 pasted",
                then(fill("2021-01-15"), pasted("0000-01-15")),
                note("0000-01-15", "2021-01-15"),
            ),
        ]
    cases += [
        (
            "end date: before start",
            dates("2026-05-10", "2026-05-09"),
            Refused("end_date", "End is before start"),
        ),
        (
            "end time: before start on the same day",
            timed("2026-05-10", "15:00", "14:00"),
            Refused("end_time", "End is before start"),
        ),
        (
            "start time: DST gap, New York",
            timed("2021-03-14", "02:30", "04:00", "America/New_York"),
            Refused(
                "start_time",
                "There is no 02:30 on 2021-03-14 in America/New_York: the clocks go forward past it",
            ),
        ),
        (
            "end time: DST gap, New York",
            timed("2021-03-14", "01:00", "02:15", "America/New_York"),
            Refused(
                "end_time",
                "There is no 02:15 on 2021-03-14 in America/New_York: the clocks go forward past it",
            ),
        ),
        (
            "start time: DST gap, Berlin",
            timed("2021-03-28", "02:30", "04:00", "Europe/Berlin"),
            Refused(
                "start_time",
                "There is no 02:30 on 2021-03-28 in Europe/Berlin: the clocks go forward past it",
            ),
        ),
        (
            "end time: DST gap on the next day, Berlin",
            timed("2021-03-27", "20:00", "02:00", "Europe/Berlin", "2021-03-28"),
            Refused(
                "end_time",
                "There is no 02:00 on 2021-03-28 in Europe/Berlin: the clocks go forward past it",
            ),
        ),
        (
            "start time: fall-back hour, New York",
            timed("2021-11-07", "01:30", "03:00", "America/New_York"),
            typed_as(
                field_of("start_time"),
                time(1, 30),
                (
                    "start_time",
                    "01:30 comes twice on 2021-11-07 in America/New_York as the clocks go back; the first is meant",
                ),
            ),
        ),
        (
            "end time: fall-back hour, Berlin",
            timed("2021-10-31", "01:00", "02:30", "Europe/Berlin"),
            typed_as(
                field_of("end_time"),
                time(2, 30),
                (
                    "end_time",
                    "02:30 comes twice on 2021-10-31 in Europe/Berlin as the clocks go back; the first is meant",
                ),
            ),
        ),
        (
            "start time: no DST in Seoul",
            timed("2021-03-14", "02:30", "04:00", "Asia/Seoul"),
            typed_as(field_of("start_time"), time(2, 30)),
        ),
        (
            "start time: 25:99 pasted",
            then(
                timed("2026-05-10", "10:00", "11:00"), lambda q, d: paste(q, d.start_time, "25:99")
            ),
            kept(field_of("start_time"), time(10, 0)),
        ),
        (
            "mode: markup typed",
            typed_into_combo(lambda d: d.mode_combo, "<b>x</b>"),
            kept(field_of("mode"), None),
        ),
        (
            "status: markup typed",
            typed_into_combo(lambda d: d.status_combo, "<b>x</b>"),
            kept(field_of("status"), "confirmed"),
        ),
        (
            "program: markup typed",
            typed_into_combo(lambda d: d.program_combo, "<b>x</b>"),
            kept(field_of("program_id"), None),
        ),
    ]
    return cases


def typed_city(name: str) -> Act:
    return lambda qtbot, d: put(qtbot, d.cities.box, name)


CASES = matrix()
REFUSED = [case for case in CASES if isinstance(case[2], Refused)]
# Every refusal in a new event, and the first for each field in an existing one as well.
EDITED_FIELDS = {outcome.field: case for case, _, outcome in reversed(REFUSED)}  # type: ignore[union-attr]
REFUSALS = [pytest.param(*case, "new", id=f"{case[0]}-new") for case in REFUSED] + [
    pytest.param(*case, "edit", id=f"{case[0]}-edit")
    for case in REFUSED
    if case[0] in EDITED_FIELDS.values()
]


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_settings(qapp) -> None:  # type: ignore[no-untyped-def]
    """Unlike the rest of the suite these tests use Qt: the app's names, no remembered state."""
    name_application(qapp)
    QSettings().clear()


@dataclass(frozen=True)
class Seeded:
    """A catalogue file seeded once, the event the Edit Event cases open, and its snapshot."""

    path: Path
    edited_id: int
    edited_uid: str
    before: object


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """A catalogue seeded once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("seeded") / "catalogue.sqlite"
    catalogue = Catalogue.open(path)
    edited = next(row for row in catalogue.events() if row.title == EDITED)
    before = snapshot(catalogue, edited.uid)
    catalogue.close()
    return Seeded(path, edited.id, edited.uid, before)


@pytest.fixture
def catalogue(seeded: Seeded, tmp_path: Path) -> Iterator[Catalogue]:
    """A real seeded catalogue file of this test's own."""
    copy = tmp_path / "catalogue.sqlite"
    shutil.copyfile(seeded.path, copy)
    opened = Catalogue.open(copy)
    yield opened
    opened.close()


@pytest.fixture
def editor(qtbot: QtBot, catalogue: Catalogue) -> EventEditor:
    """What the main window's New Event and Edit Event run: the form, then the catalogue."""
    window = QWidget()
    qtbot.addWidget(window)
    return EventEditor(catalogue, QUndoStack(window), window)


def snapshot(catalogue: Catalogue, edited_uid: str) -> object:
    """The events as the catalogue lists them, every count, and the edited event in full."""
    return catalogue.events(), catalogue.counts(), catalogue.event_draft(edited_uid)


# --- the tests -------------------------------------------------------------------------


def run_form(
    qtbot: QtBot, editor: EventEditor, flow: str | int, act: Act
) -> tuple[object, list[object], list[BaseException]]:
    """Run the form as New Event ("new") or Edit Event (an event id) does, ``act`` the person.

    Returns what the editor returned, the exceptions that reached Qt, and the act's failures.
    """

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        # As a window manager does: the form is the active window, so focus moves in it.
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        try:
            act(qtbot, dialog)
        finally:
            if dialog.isVisible():  # an act that failed leaves nothing open
                dialog.reject()

    failures = when_modal(qtbot, drive)
    with qtbot.captureExceptions() as crashes:
        result = editor.new_event() if flow == "new" else editor.edit_event(int(flow))
    return result, crashes, failures  # type: ignore[return-value]


def visible_errors(dialog: EventDialog) -> dict[str, str]:
    return {
        field: label.text()
        for field, label in dialog.error_labels.items()
        if label.isVisible() and field in dialog.errors()
    }


def fill_title(qtbot: QtBot, dialog: EventDialog, flow: str) -> None:
    if flow == "new":
        put(qtbot, dialog.title_edit, "Form check")


@pytest.mark.parametrize(("case", "act", "outcome", "flow"), REFUSALS)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot,
    editor: EventEditor,
    catalogue: Catalogue,
    seeded: Seeded,
    figures: Figures,
    flow: str,
    case: str,
    act: Act,
    outcome: Refused,
) -> None:
    seen: dict[str, object] = {}

    def refuse(qtbot: QtBot, dialog: EventDialog) -> None:
        fill_title(qtbot, dialog, flow)
        act(qtbot, dialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        seen["errors"] = visible_errors(dialog)
        seen["save enabled"] = save.isEnabled()
        # Every way of saving, while the form is wrong, leaves it open.
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        dialog.accept()
        seen["still open"] = dialog.isVisible()
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            Qt.MouseButton.LeftButton,
        )

    result, crashes, failures = run_form(
        qtbot, editor, flow if flow == "new" else seeded.edited_id, refuse
    )
    changed = snapshot(catalogue, seeded.edited_uid) != seeded.before
    figures.add(SECTION, "cases")
    figures.add(SECTION, "crashes", len(crashes))
    figures.add(SECTION, "invalid saves", int(changed or result not in (None, False)))
    refused = seen.get("errors") == {outcome.field: outcome.message}
    figures.add(SECTION, "refused with a message", int(refused and not seen["save enabled"]))
    assert not crashes, crashes
    assert not failures, failures
    assert seen["errors"] == {outcome.field: outcome.message}
    assert seen["save enabled"] is False
    assert seen["still open"] is True
    assert result in (None, False)
    assert not changed


ACCEPTED = [case for case in CASES if isinstance(case[2], Saved)]


@pytest.mark.parametrize(("case", "act", "outcome"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_unusual_input_is_saved_as_shown_and_displayed_as_text(
    qtbot: QtBot,
    editor: EventEditor,
    catalogue: Catalogue,
    figures: Figures,
    case: str,
    act: Act,
    outcome: Saved,
) -> None:
    before = len(catalogue.events())
    seen: dict[str, object] = {}

    def save(qtbot: QtBot, dialog: EventDialog) -> None:
        fill_title(qtbot, dialog, "new")
        act(qtbot, dialog)
        dialog.title_edit.setFocus()  # leaving a field settles what it shows
        seen["errors"] = visible_errors(dialog)
        seen["notes"] = {
            field: label.text()
            for field, label in dialog.error_labels.items()
            if label.isVisible() and field not in dialog.errors()
        }
        seen["shown"] = {
            "start_date": dialog.start_date.text(),
            "end_date": dialog.end_date.text(),
            "start_time": dialog.start_time.text(),
            "end_time": dialog.end_time.text(),
        }
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )

    uid, crashes, failures = run_form(qtbot, editor, "new", save)
    figures.add(SECTION, "cases")
    figures.add(SECTION, "crashes", len(crashes))
    assert not crashes, crashes
    assert not failures, failures
    assert seen["errors"] == {}
    assert isinstance(uid, str), "Save did not save"
    assert len(catalogue.events()) == before + 1
    stored = outcome.read(catalogue, uid)
    draft = catalogue.event_draft(uid)
    # What a date or time field showed is what was saved.
    shown = seen["shown"]
    assert isinstance(shown, dict)
    assert shown["start_date"] == str(draft.start_date)
    assert shown["end_date"] == str(draft.end_date)
    if not draft.all_day:
        assert (shown["start_time"], shown["end_time"]) == (
            f"{draft.start_time:%H:%M}",
            f"{draft.end_time:%H:%M}",
        )
    as_text = stored == outcome.value and shows_as_text(qtbot, catalogue, uid, outcome.shown)
    figures.add(SECTION, "invalid saves", int(not as_text))
    figures.add(SECTION, outcome.kind, int(as_text))
    assert stored == outcome.value
    assert seen["notes"] == (dict([outcome.note]) if outcome.note else {})
    assert shows_as_text(qtbot, catalogue, uid, outcome.shown)


def shows_as_text(qtbot: QtBot, catalogue: Catalogue, uid: str, text: str | None) -> bool:
    """Whether the event's detail pane shows ``text`` literally, with no markup of its own."""
    view = DetailView("Select an event")
    qtbot.addWidget(view)
    view.show_detail(catalogue.detail("event", catalogue.event_id(uid)))
    if text is not None and text not in view.toPlainText():
        return False
    return "<img" not in view.toHtml() and not any(
        href.startswith("javascript") for href in anchors(view)
    )


def anchors(view: DetailView) -> list[str]:
    found = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                found.append(fragment.charFormat().anchorHref())
            fragments += 1
        block = block.next()
    return found


def test_enter_in_a_picker_adds_there_and_does_not_save(
    qtbot: QtBot, editor: EventEditor, catalogue: Catalogue, seeded: Seeded
) -> None:
    seen: dict[str, object] = {}

    def enter(qtbot: QtBot, dialog: EventDialog) -> None:
        put(qtbot, dialog.title_edit, "Form check")
        put(qtbot, dialog.cities.country, "Nowhere")
        put(qtbot, dialog.cities.box, "Atlantis")
        qtbot.keyClick(dialog.cities.box, Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["cities"] = [
            dialog.cities.list.item(i).text() for i in range(dialog.cities.list.count())
        ]
        dialog.reject()

    result, crashes, failures = run_form(qtbot, editor, "new", enter)
    assert not crashes and not failures, (crashes, failures)
    assert seen == {"open": True, "cities": ["Atlantis, Nowhere (new)"]}
    assert result is None
    assert snapshot(catalogue, seeded.edited_uid) == seeded.before


def test_markup_title_reads_as_text_in_the_events_tab(qtbot: QtBot, catalogue: Catalogue) -> None:
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def save(qtbot: QtBot, dialog: EventDialog) -> None:
        put(qtbot, dialog.title_edit, MARKUP)
        paste(qtbot, dialog.start_date, "2026-05-10")
        paste(qtbot, dialog.end_date, "2026-05-10")
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)

    failures = when_modal(qtbot, lambda d: save(qtbot, d))  # type: ignore[arg-type]
    with qtbot.captureExceptions() as crashes:
        window.actions.new_event.trigger()  # type: ignore[attr-defined]  # its Actions
    assert not crashes and not failures, (crashes, failures)
    assert window.events_tab.detail.toPlainText().startswith(MARKUP)
    assert "<img" not in window.events_tab.detail.toHtml()
    click_row(qtbot, window.events_tab.view, MARKUP, 1)  # the list shows it as it is


def test_a_markup_title_is_text_in_the_list_tooltip(qtbot: QtBot, catalogue: Catalogue) -> None:
    uid = catalogue.create_event(
        EventDraft(title=MARKUP, start_date=date(2026, 5, 10), end_date=date(2026, 5, 10))
    )
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.events_tab)  # a list is read when first shown
    model = window.events_tab.view.model()
    (index,) = model.match(
        model.index(0, 1),
        Role.ID,
        catalogue.event_id(uid),
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )
    tip = index.siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole)
    assert as_drawn(tip) == MARKUP


def as_drawn(tip: str) -> str:
    """A tooltip's text as Qt draws it: rendered when it looks like rich text."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    document = QtGui.QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_what_is_wrong_where_the_form_has_no_field_is_said_below_it(
    qtbot: QtBot, catalogue: Catalogue, seeded: Seeded
) -> None:
    # A note from before validation refused control characters, carried through the form.
    draft = replace(catalogue.event_draft(seeded.edited_uid), note="ring\x07")
    dialog = EventDialog(catalogue.event_form_choices(), draft, "Edit event")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form_error.isVisible()
    assert (
        dialog.form_error.text() == "Note holds a control character (U+0007), which cannot be saved"
    )
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
