"""The Members tab: local governments."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import MemberRow
from ..labels import label
from ..models.table_model import Column
from .list_tab import ListTab

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _membership(row: MemberRow) -> str:
    if row.is_member is None:
        return QCoreApplication.translate("MembersTab", "Not stated")
    if not row.is_member:
        return QCoreApplication.translate("MembersTab", "No")
    return QCoreApplication.translate("MembersTab", "Member")


COLUMNS: tuple[Column[MemberRow], ...] = (
    Column(QT_TRANSLATE_NOOP("MembersTab", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Native name"), lambda r: r.native_name or ""),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Country"), lambda r: r.country),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Kind"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("MembersTab", "ICLEI member"), _membership),
    Column(
        QT_TRANSLATE_NOOP("MembersTab", "Member since"),
        lambda r: str(r.member_since or ""),
        sort=lambda r: r.member_since or 0,
        alignment=RIGHT,
    ),
    Column(
        QT_TRANSLATE_NOOP("MembersTab", "Programs"),
        lambda r: str(r.programs),
        sort=lambda r: r.programs,
        alignment=RIGHT,
    ),
    Column(
        QT_TRANSLATE_NOOP("MembersTab", "Events"),
        lambda r: str(r.events),
        sort=lambda r: r.events,
        alignment=RIGHT,
    ),
)


class MembersTab(ListTab[MemberRow]):
    """Local governments, members of ICLEI or named in the catalogue."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            COLUMNS,
            "MembersTab",
            catalogue.members,
            self.tr("Filter local governments…"),
            0,
            parent,
        )
