"""The Programs tab: programs grouped by their predominant pathway."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import ProgramRow
from ..labels import label
from ..models.record_model import Column, Node, group
from .record_tab import RecordTab

COLUMNS: tuple[Column[ProgramRow], ...] = (
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Acronym"), lambda r: r.acronym or ""),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Kind"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Status"), lambda r: label(r.status)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Also on"), lambda r: ", ".join(r.pathways[1:])),
)


def active_in(row: ProgramRow, year: int) -> bool:
    """Whether a program's period, as far as the report gives it, covers ``year``."""
    if row.period_start is None and row.period_end is None:
        return False
    start = row.period_start if row.period_start is not None else -1
    end = row.period_end if row.period_end is not None else 9999
    return start <= year <= end


class ProgramsTab(RecordTab[ProgramRow]):
    """Programs, networks, projects, partnerships and initiatives by pathway."""

    kind = "program"
    screen = "programs"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            catalogue,
            COLUMNS,
            "ProgramsTab",
            self.tr("Filter programs by name, acronym, kind, period…"),
            self.tr(
                "Select a program to see its summary, funders, partners, cities, "
                "key figures, events and publications."
            ),
            self.tr("Programs"),
            parent,
        )
        self.pathway_combo = self.add_choice(
            self.tr("Pathway"),
            lambda rows: [(p, p) for p in sorted({p for r in rows for p in r.pathways})],
            lambda row, value: value in row.pathways,
        )
        self.year_combo = self.add_choice(
            self.tr("Active in"),
            self._years,
            active_in,
        )
        self.partner_combo = self.add_choice(
            self.tr("Partner or funder"),
            lambda rows: [
                (o, o) for o in sorted({o for r in rows for o in r.organizations}, key=str.casefold)
            ],
            lambda row, value: value in row.organizations,
        )

    def fetch(self) -> Sequence[ProgramRow]:
        return self.catalogue.programs()

    def nodes(self, rows: Sequence[ProgramRow]) -> list[Node[ProgramRow]]:
        pathways: dict[str, list[ProgramRow]] = {}
        for row in rows:
            pathways.setdefault(row.pathways[0] if row.pathways else "", []).append(row)
        order = self.catalogue.pathway_names()
        return group([(p, pathways[p]) for p in order if p in pathways])

    @staticmethod
    def _years(rows: Sequence[ProgramRow]) -> list[tuple[str, int]]:
        years = {y for r in rows for y in (r.period_start, r.period_end) if y is not None}
        if not years:
            return []
        return [(str(y), y) for y in range(max(years), min(years) - 1, -1)]
