"""Choosing a report (fact sheet, member profile, a year) and printing, previewing or saving it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UserError
from ...core.files import write_atomically
from ..errors import show_error
from ..reports import (
    Report,
    member_profile,
    paint_report,
    pdf_bytes,
    prepare_printer,
    program_fact_sheet,
    report_years,
    year_report,
)

if TYPE_CHECKING:
    from ...core.api import Catalogue

CONTEXT = "ReportDialog"
PROGRAM, MEMBER, YEAR = "program", "local_government", "year"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class ReportFiles:
    """The system's file dialog for a PDF (tests replace QFileDialog's static call)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        """Ask where to save a PDF; a name not ending in ".pdf" gets it ("report.v2.pdf")."""
        name, _ = QFileDialog.getSaveFileName(
            parent, _tr("Save report as PDF"), suggested, _tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class ReportDialog(QDialog):
    """Pick a report, then Print…, Preview… or Save as PDF….

    The selected program and member (from the tabs) are offered; the year is one that has
    events or publications, the latest by default. After a print or a save the dialog closes
    and ``done_message`` says what was done; after an error it stays open.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        program_id: int | None = None,
        member_id: int | None = None,
        year: int | None = None,
        default: str = YEAR,
        primary: str = "print",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print or export a report"))
        self.catalogue = catalogue
        self.program_id = program_id
        self.member_id = member_id
        self.done_message = ""
        program = catalogue.rows(PROGRAM, [program_id]).get(program_id) if program_id else None
        member = catalogue.rows(MEMBER, [member_id]).get(member_id) if member_id else None
        self.program_radio = QRadioButton(
            self.tr("&Fact sheet of the program %1").replace("%1", self._short(program.name))
            if program
            else self.tr("&Fact sheet of a program (select one in the Programs tab)"),
            self,
        )
        self.program_radio.setEnabled(program is not None)
        member_name = (
            f"{member.name} {member.native_name}" if member and member.native_name else None
        ) or (member.name if member else "")
        self.member_radio = QRadioButton(
            self.tr("&Profile of the member %1").replace("%1", self._short(member_name))
            if member
            else self.tr("&Profile of a member (select one in the Members tab)"),
            self,
        )
        self.member_radio.setEnabled(member is not None)
        self.year_radio = QRadioButton(self.tr("&Events and publications of the year"), self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setAccessibleName(self.tr("Year"))
        years = report_years(catalogue)
        if years:
            self.year_spin.setRange(years[0], years[-1])
            self.year_spin.setValue(year if year in years else years[-1])
        self.year_radio.setEnabled(bool(years))
        self.year_spin.setEnabled(bool(years))
        self.choices = QButtonGroup(self)
        for radio, kind in (
            (self.program_radio, PROGRAM),
            (self.member_radio, MEMBER),
            (self.year_radio, YEAR),
        ):
            self.choices.addButton(radio)
            radio.setProperty("report", kind)
        wanted = {PROGRAM: self.program_radio, MEMBER: self.member_radio}.get(
            default, self.year_radio
        )
        fallback = next(
            (
                r
                for r in (wanted, self.year_radio, self.program_radio, self.member_radio)
                if r.isEnabled()
            ),
            None,
        )
        if fallback is not None:
            fallback.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.preview_button = QPushButton(self.tr("Pre&view…"), self)
        self.pdf_button = QPushButton(self.tr("&Save as PDF…"), self)
        for button in (self.print_button, self.preview_button, self.pdf_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
            button.setEnabled(fallback is not None)
        (self.pdf_button if primary == "pdf" else self.print_button).setDefault(True)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_radio)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which report?"), self))
        layout.addWidget(self.program_radio)
        layout.addWidget(self.member_radio)
        layout.addLayout(year_row)
        layout.addWidget(self.buttons)
        self._connect_signals()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        catalogue: Catalogue,
        *,
        program_id: int | None = None,
        member_id: int | None = None,
        year: int | None = None,
        default: str = YEAR,
        primary: str = "print",
    ) -> str | None:
        """Let the user print or save a report; return what was done, or None."""
        dialog = cls(
            catalogue,
            program_id=program_id,
            member_id=member_id,
            year=year,
            default=default,
            primary=primary,
            parent=parent,
        )
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.done_message if accepted else None
        finally:
            dialog.deleteLater()

    def chosen(self) -> str:
        """Which report is chosen: "program", "local_government" or "year"."""
        checked = self.choices.checkedButton()
        return str(checked.property("report")) if checked else YEAR

    def report(self) -> Report | None:
        """The chosen report, or None (having said why) when there is nothing to print."""
        try:
            if self.chosen() == PROGRAM and self.program_id is not None:
                return program_fact_sheet(self.catalogue, self.program_id)
            if self.chosen() == MEMBER and self.member_id is not None:
                return member_profile(self.catalogue, self.member_id)
            year = self.year_spin.value()
            found = year_report(self.catalogue, year)
        except UserError as error:
            show_error(self, self.tr("The report was not made"), str(error))
            return None
        if found is None:
            show_error(
                self,
                self.tr("Nothing to print"),
                self.tr("The catalogue has no events or publications in %1.").replace(
                    "%1", str(year)
                ),
            )
        return found

    def save_pdf(self) -> bool:
        """Ask for a file and write the chosen report to it as PDF; return whether it was."""
        report = self.report()
        if report is None:
            return False
        target = ReportFiles.save_path(self, report.file_name)
        if target is None:
            return False
        try:
            write_atomically(target, pdf_bytes(report))
        except UserError as error:
            show_error(self, self.tr("The report was not saved"), str(error))
            return False
        self.done_message = (
            self.tr("Saved “%1” to %2").replace("%1", report.title).replace("%2", str(target))
        )
        self.accept()
        return True

    def print_report(self) -> bool:
        """Ask for a printer and print the chosen report; return whether it was printed."""
        report = self.report()
        if report is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        printer.setDocName(report.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", report.title))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        if not paint_report(report, printer):
            show_error(
                self,
                self.tr("The report was not printed"),
                self.tr("The printer could not be started."),
            )
            return False
        self.done_message = self.tr("Printed “%1”").replace("%1", report.title)
        self.accept()
        return True

    def preview(self) -> None:
        """Show the chosen report's pages as they will print (and let them be printed)."""
        report = self.report()
        if report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        printer.setDocName(report.title)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("Preview of %1").replace("%1", report.title))
        dialog.paintRequested.connect(lambda device: paint_report(report, device))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _short(self, name: str) -> str:
        """A record's name, elided so that a long one does not widen the dialog past a screen."""
        # "&" would become a mnemonic in a button's text.
        elided = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, 420)
        return elided.replace("&", "&&")

    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        self.print_report()

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.preview()

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        self.save_pdf()

    @Slot(int)
    def _on_year_spin_value_changed(self, _year: int) -> None:
        self.year_radio.setChecked(True)
