"""The Programs tab."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import ProgramRow
from ..labels import label
from ..models.table_model import Column
from .list_tab import ListTab

COLUMNS: tuple[Column[ProgramRow], ...] = (
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Acronym"), lambda r: r.acronym or ""),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Kind"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Pathways"), lambda r: ", ".join(r.pathways)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Status"), lambda r: label(r.status)),
)


class ProgramsTab(ListTab[ProgramRow]):
    """Programs, networks, projects, partnerships and initiatives."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            COLUMNS, "ProgramsTab", catalogue.programs, self.tr("Filter programs…"), 0, parent
        )
