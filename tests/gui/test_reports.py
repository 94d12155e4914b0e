"""Printed reports: fact sheet, member profile and a year, printed or saved as PDF through File."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, Qt
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.gui.dialogs.report_dialog import ReportDialog, ReportFiles
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.reports import (
    default_page_layout,
    member_profile,
    pdf_bytes,
    year_report,
)
from tests.gui.helpers import when_modal

PAGE = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)")


def squeezed(text: str) -> str:
    """Text without any white space, so that a title wrapped in its cell still matches.

    NFKC undoes the "fi" ligature and, for a few Han characters, the Kangxi radical Qt's
    ToUnicode map names instead (its reverse cmap takes the lowest code point of a glyph:
    香 comes back as U+2F79).
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def pages_of(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(path).pages]


def assert_numbered(pages: list[str]) -> None:
    """Every page's footer says "Page i of N" with the right i and N."""
    for number, text in enumerate(pages, start=1):
        assert PAGE.findall(text) == [(str(number), str(len(pages)))], text[-200:]


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Answer the save dialog with ``target``; return the names it was asked to suggest."""
    asked: list[str] = []

    def answer(
        parent: QWidget | None, caption: str, suggested: str, filters: str
    ) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def in_report_dialog(qtbot: QtBot, act: Callable[[ReportDialog], None]) -> list[BaseException]:
    """Act on the report dialog when it opens."""

    def checked(dialog: QWidget) -> None:
        assert isinstance(dialog, ReportDialog)
        act(dialog)

    return when_modal(qtbot, checked)


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def record_id(catalogue: Catalogue, kind: str, name: str) -> int:
    return next(row.id for row in catalogue.all_rows(kind) if row.name == name)


def test_fact_sheet_of_the_selected_program_saved_as_pdf(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, tmp_path: Path, monkeypatch
) -> None:
    program = record_id(catalogue, "program", "Green Circular Cities Coalition")
    window.open_record("program", program)
    target = tmp_path / "fact-sheet.pdf"
    asked = save_to(monkeypatch, target)

    def act(dialog: ReportDialog) -> None:
        assert dialog.program_radio.isChecked()
        assert "Green Circular Cities Coalition" in dialog.program_radio.text()
        assert dialog.pdf_button.isDefault()
        click(qtbot, dialog.pdf_button)

    failures = in_report_dialog(qtbot, act)
    window.actions.export_pdf.trigger()
    assert not failures, failures

    assert asked == ["fact-sheet-green-circular-cities-coalition.pdf"]
    pages = pages_of(target)
    text = squeezed(" ".join(pages))
    detail = catalogue.detail("program", program)
    for expected in (
        "ICLEI East Asia Secretariat",
        "Program fact sheet",
        "Green Circular Cities Coalition (GCCC)",
        "Funders and partners",
        "GIZ IWM NAMA Project",
        "Cities involved",
        "Key figures",
        *(event.label for event in detail.events),  # type: ignore[union-attr]
        *(publication.label for publication in detail.publications),  # type: ignore[union-attr]
    ):
        assert squeezed(expected) in text, expected
    assert "東京都" in text and "横浜市" in text  # the cities' native names, as text
    assert_numbered(pages)
    assert window.statusBar().currentMessage().startswith("Saved “Green Circular")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".fact-sheet")]


@pytest.mark.parametrize(
    ("name", "native"),
    [
        ("Seoul", "서울특별시"),
        ("Tokyo", "東京都"),
        ("Chengdu", "成都市"),
        ("Ulaanbaatar", "Улаанбаатар"),
    ],
)
def test_profile_of_the_selected_member_has_its_native_name(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    native: str,
) -> None:
    window.open_record("local_government", record_id(catalogue, "local_government", name))
    target = tmp_path / "profile"  # no suffix: ".pdf" is added
    save_to(monkeypatch, target)

    def act(dialog: ReportDialog) -> None:
        assert dialog.member_radio.isChecked()
        assert native in dialog.member_radio.text()
        click(qtbot, dialog.pdf_button)

    failures = in_report_dialog(qtbot, act)
    window.actions.export_pdf.trigger()
    assert not failures, failures

    pages = pages_of(tmp_path / "profile.pdf")
    text = squeezed(" ".join(pages))
    assert squeezed(f"{name} {native}") in text  # the title, in glyphs the PDF maps to text
    assert "Memberprofile" in text
    assert_numbered(pages)


def test_seoul_profile_lists_its_representative_and_seat(
    catalogue: Catalogue, tmp_path: Path, qapp
) -> None:
    seoul = record_id(catalogue, "local_government", "Seoul")
    target = tmp_path / "seoul.pdf"
    target.write_bytes(pdf_bytes(member_profile(catalogue, seoul)))
    text = squeezed(" ".join(pages_of(target)))
    for expected in ("Jeong Hyup Seo", "Acting Mayor", "Vice Chair", "East Asia RexCom"):
        assert squeezed(expected) in text, expected


def test_year_report_lists_the_years_events_in_date_order_over_several_pages(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, tmp_path: Path, monkeypatch
) -> None:
    window.tabs.setCurrentWidget(window.events_tab)
    target = tmp_path / "2020.pdf"
    save_to(monkeypatch, target)

    def act(dialog: ReportDialog) -> None:
        assert dialog.year_radio.isChecked()
        assert (dialog.year_spin.minimum(), dialog.year_spin.maximum()) == (2019, 2021)
        assert dialog.year_spin.value() == 2021  # the latest by default
        dialog.year_spin.selectAll()
        qtbot.keyClicks(dialog.year_spin, "2020")
        assert dialog.year_spin.value() == 2020
        click(qtbot, dialog.pdf_button)

    failures = in_report_dialog(qtbot, act)
    window.actions.print_report.trigger()
    assert not failures, failures

    pages = pages_of(target)
    assert len(pages) > 1
    assert_numbered(pages)
    text = squeezed(" ".join(pages))
    assert squeezed("Events and publications 2020") in text
    events = [row for row in catalogue.events() if row.start_date.year <= 2020 <= row.end_date.year]
    assert len(events) == 25
    where = [text.index(squeezed(row.title)) for row in events]
    assert where == sorted(where)  # in date order
    publications = [row for row in catalogue.publications() if row.when.endswith("2020")]
    for row in publications:
        assert squeezed(row.title) in text, row.title
    assert squeezed("Chinese (Simplified)") in text and "ICLEIEastAsia" in text


def test_the_year_of_the_selected_event_is_offered(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    event = next(row for row in catalogue.events() if row.start_date.year == 2019)
    window.open_record("event", event.id)
    seen: list[int] = []

    def act(dialog: ReportDialog) -> None:
        seen.append(dialog.year_spin.value())
        assert dialog.print_button.isDefault()
        dialog.reject()

    failures = in_report_dialog(qtbot, act)
    assert window.print_report() is None
    assert not failures, failures
    assert seen == [2019]


def test_a_year_with_nothing_says_so_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, tmp_path: Path, monkeypatch
) -> None:
    catalogue.create_event(
        EventDraft(
            title="<i>Not markup</i> & a workshop",
            start_date=date(2015, 3, 2),
            end_date=date(2015, 3, 2),
        )
    )
    asked = save_to(monkeypatch, tmp_path / "never.pdf")
    messages: list[str] = []

    def act(dialog: ReportDialog) -> None:
        assert dialog.year_spin.minimum() == 2015
        dialog.year_spin.setValue(2016)  # between 2015 and 2019: nothing
        click(qtbot, dialog.pdf_button)
        box = dialog.findChild(QMessageBox, "error_box")
        messages.append(box.text())
        box.accept()
        assert dialog.isVisible()  # the person can pick another year
        dialog.reject()

    failures = in_report_dialog(qtbot, act)
    window.actions.export_pdf.trigger()
    assert not failures, failures

    assert messages == ["The catalogue has no events or publications in 2016."]
    assert asked == []
    assert not (tmp_path / "never.pdf").exists()


def test_a_year_with_one_event_and_no_publication_counts_them_in_words(
    catalogue: Catalogue, qapp
) -> None:
    catalogue.create_event(
        EventDraft(title="Lone 東京 summit", start_date=date(2031, 3, 1), end_date=date(2031, 3, 1))
    )
    report = year_report(catalogue, 2031)
    assert report is not None

    (text,) = [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(report))).pages]

    assert squeezed("1 event and 0 publications") in squeezed(text)
    assert squeezed("Lone 東京 summit") in squeezed(text)
    assert_numbered([text])


def test_record_text_is_printed_as_it_is_not_read_as_markup(
    catalogue: Catalogue, tmp_path: Path, qapp
) -> None:
    from iclei_desktop.gui.reports import year_report

    catalogue.create_event(
        EventDraft(
            title="<i>Not markup</i> & a workshop",
            start_date=date(2015, 3, 2),
            end_date=date(2015, 3, 2),
            location="<b>Seoul</b>",
        )
    )
    report = year_report(catalogue, 2015)
    assert report is not None
    target = tmp_path / "2015.pdf"
    target.write_bytes(pdf_bytes(report))
    text = squeezed(" ".join(pages_of(target)))
    assert squeezed("<i>Not markup</i> & a workshop") in text
    assert squeezed("<b>Seoul</b>") in text


@pytest.mark.parametrize("where", ["missing folder", "read-only folder"])
def test_an_unwritable_folder_is_reported_and_nothing_is_left(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    folder = tmp_path / "reports"
    if where == "read-only folder":
        folder.mkdir()
        folder.chmod(0o500)
        if os.access(folder, os.W_OK):  # root writes anywhere, but not into sysfs
            folder.chmod(0o700)
            folder = Path("/sys")
            if not folder.is_dir():
                pytest.skip("root can write to any folder here")
    target = folder / "2020.pdf"
    save_to(monkeypatch, target)
    messages: list[str] = []

    def act(dialog: ReportDialog) -> None:
        click(qtbot, dialog.pdf_button)
        box = dialog.findChild(QMessageBox, "error_box")
        messages.append(box.text())
        box.accept()
        dialog.reject()

    failures = in_report_dialog(qtbot, act)
    try:
        assert window.print_report("pdf") is None
    finally:
        if folder.is_relative_to(tmp_path) and folder.exists():
            folder.chmod(0o700)
    assert not failures, failures

    if where == "missing folder":
        assert messages == [f"cannot write {target}: folder {folder} does not exist"]
        assert not folder.exists()
    else:
        assert messages == [f"cannot write {target}: Permission denied"]
        assert not target.exists()
        assert folder == Path("/sys") or list(folder.iterdir()) == []


def test_print_through_the_print_dialog(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, tmp_path: Path, monkeypatch
) -> None:
    """The print dialog is accepted with the printer writing a PDF, as "Print to file" does."""
    window.open_record("program", record_id(catalogue, "program", "Urban Resilience"))
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)

    def act(dialog: ReportDialog) -> None:
        assert dialog.program_radio.isChecked()
        click(qtbot, dialog.print_button)

    failures = in_report_dialog(qtbot, act)
    window.actions.print_report.trigger()
    assert not failures, failures

    pages = pages_of(target)
    text = squeezed(" ".join(pages))
    assert squeezed("International Urban Resilience Forum Seoul 2020") in text
    assert_numbered(pages)
    assert window.statusBar().currentMessage() == "Printed “Urban Resilience”"


def test_preview_shows_the_pages(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    shown: list[int] = []

    def look(preview: QWidget) -> None:
        assert isinstance(preview, QPrintPreviewDialog)
        widget = preview.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=5000)
        shown.append(widget.pageCount())
        preview.reject()

    def act(dialog: ReportDialog) -> None:
        dialog.year_spin.setValue(2020)
        inner.extend(when_modal(qtbot, look))
        click(qtbot, dialog.preview_button)
        assert dialog.isVisible()  # back in the report dialog after the preview
        dialog.reject()

    inner: list[BaseException] = []
    failures = in_report_dialog(qtbot, act)
    assert window.print_report() is None
    assert not failures + inner, failures + inner
    assert shown and shown[0] > 1


def test_paper_follows_the_locale_when_there_is_no_printer(
    catalogue: Catalogue, tmp_path: Path, qapp
) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    if not QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("a default printer decides the paper here")
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        letter = default_page_layout()
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        a4 = default_page_layout()
    finally:
        QLocale.setDefault(before)
    seoul = record_id(catalogue, "local_government", "Seoul")
    report = member_profile(catalogue, seoul)
    for layout, size in ((letter, (612, 792)), (a4, (595, 842))):
        target = tmp_path / "paper.pdf"
        target.write_bytes(pdf_bytes(report, layout))
        box = PdfReader(target).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("report", "report.pdf"), ("report.v2", "report.v2.pdf"), ("Report.PDF", "Report.PDF")],
)
def test_the_pdf_name_gets_pdf_added_unless_it_ends_in_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str, saved: str
) -> None:
    save_to(monkeypatch, tmp_path / typed)
    assert ReportFiles.save_path(None, "x.pdf") == tmp_path / saved
