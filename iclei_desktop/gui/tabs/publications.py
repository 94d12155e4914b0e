"""The Publications tab."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import PublicationRow
from ..labels import label
from ..models.table_model import Column
from .list_tab import ListTab

COLUMNS: tuple[Column[PublicationRow], ...] = (
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Title"), lambda r: r.title),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Kind"), lambda r: label(r.kind)),
    Column(
        QT_TRANSLATE_NOOP("PublicationsTab", "Date"),
        lambda r: r.when,
        sort=lambda r: r.published_on.isoformat() if r.published_on else "",
    ),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Language"), lambda r: label(r.language)),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Publisher or translator"), lambda r: r.publishers),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Translation of"), lambda r: r.original or ""),
)


class PublicationsTab(ListTab[PublicationRow]):
    """Publications and translations."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            COLUMNS,
            "PublicationsTab",
            catalogue.publications,
            self.tr("Filter publications…"),
            0,
            parent,
        )
