"""The Events tab."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import EventRow
from ..labels import label
from ..models.table_model import Column
from .list_tab import ListTab

COLUMNS: tuple[Column[EventRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("EventsTab", "When"),
        lambda r: r.when,
        sort=lambda r: f"{r.start_date.isoformat()} {r.end_date.isoformat()}",
    ),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Title"), lambda r: r.title),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Location"), lambda r: r.location or ""),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Mode"), lambda r: label(r.mode)),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Status"), lambda r: label(r.status)),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Series"), lambda r: r.series or ""),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Program"), lambda r: r.program or ""),
)


class EventsTab(ListTab[EventRow]):
    """The events calendar, as a list for now."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            COLUMNS, "EventsTab", catalogue.events, self.tr("Filter events…"), 1, parent
        )
