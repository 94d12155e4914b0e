"""The Partners tab: organizations — partners, funders, UN bodies, ministries, ICLEI offices."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import OrganizationRow
from ..labels import label
from ..models.record_model import Column
from .record_tab import RecordTab

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

COLUMNS: tuple[Column[OrganizationRow], ...] = (
    Column(QT_TRANSLATE_NOOP("PartnersTab", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("PartnersTab", "Acronym"), lambda r: r.acronym or ""),
    Column(QT_TRANSLATE_NOOP("PartnersTab", "Kind"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("PartnersTab", "Country"), lambda r: r.country or ""),
    Column(
        QT_TRANSLATE_NOOP("PartnersTab", "Programs"),
        lambda r: str(r.programs),
        sort=lambda r: r.programs,
        alignment=RIGHT,
    ),
    Column(
        QT_TRANSLATE_NOOP("PartnersTab", "Events"),
        lambda r: str(r.events),
        sort=lambda r: r.events,
        alignment=RIGHT,
    ),
    Column(
        QT_TRANSLATE_NOOP("PartnersTab", "Publications"),
        lambda r: str(r.publications),
        sort=lambda r: r.publications,
        alignment=RIGHT,
    ),
)


class PartnersTab(RecordTab[OrganizationRow]):
    """Organizations named in the catalogue."""

    kind = "organization"
    screen = "partners"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            catalogue,
            COLUMNS,
            "PartnersTab",
            self.tr("Filter organizations by name or acronym…"),
            self.tr(
                "Select an organization for its people and its part in programs, events "
                "and publications."
            ),
            self.tr("Organizations"),
            parent,
        )
        self.kind_combo = self.add_choice(
            self.tr("Kind"), "kind", lambda kinds: sorted((label(k), k) for k in kinds)
        )
        self.country_combo = self.add_choice(
            self.tr("Country"), "country", lambda names: [(c, c) for c in names]
        )
