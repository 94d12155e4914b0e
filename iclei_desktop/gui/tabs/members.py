"""The Members tab: local governments, and the governance seats with who holds them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTabWidget, QTreeView, QWidget

from ...core.api import Catalogue
from ...core.dto import MemberRow, SeatRow
from ..labels import label
from ..models.filter_proxy import FilterProxy
from ..models.record_model import Column, RecordModel, Role, group
from .record_tab import RecordTab

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def membership(row: MemberRow) -> str:
    """ICLEI membership as the report has it."""
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
    Column(QT_TRANSLATE_NOOP("MembersTab", "ICLEI member"), membership),
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

SEAT_COLUMNS: tuple[Column[SeatRow], ...] = (
    Column(QT_TRANSLATE_NOOP("MembersTab", "Person"), lambda r: r.person.label),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Position"), lambda r: r.position),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Portfolio"), lambda r: r.portfolio or ""),
    Column(
        QT_TRANSLATE_NOOP("MembersTab", "Represents"),
        lambda r: r.represents.label if r.represents else "",
    ),
    Column(QT_TRANSLATE_NOOP("MembersTab", "Term"), lambda r: r.term),
)
BODIES = {
    "gexcom": QT_TRANSLATE_NOOP("MembersTab", "GexCom"),
    "rexcom_east_asia": QT_TRANSLATE_NOOP("MembersTab", "East Asia RexCom"),
    "staff": QT_TRANSLATE_NOOP("MembersTab", "ICLEI East Asia Secretariat"),
    "other": QT_TRANSLATE_NOOP("MembersTab", "Other people"),
}


class GovernanceView(QTreeView):
    """Seats by body (GexCom, East Asia RexCom) and the secretariat's staff.

    Signals:
        person_selected(int): the user selected the seat of a person.
    """

    person_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_: RecordModel[SeatRow] = RecordModel(SEAT_COLUMNS, "MembersTab", self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model_)
        self.setModel(self.proxy)
        self.setAccessibleName(self.tr("Governance seats"))
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def set_seats(self, seats: Sequence[SeatRow]) -> None:
        """Show the seats grouped by body, in the order given."""
        bodies: dict[str, list[SeatRow]] = {}
        for seat in seats:
            bodies.setdefault(seat.body, []).append(seat)
        terms = {b: next((s.term for s in rows if s.term), "") for b, rows in bodies.items()}
        self.model_.set_nodes(
            group(
                [
                    (
                        " ".join(
                            x
                            for x in (QCoreApplication.translate("MembersTab", BODIES[b]), terms[b])
                            if x
                        ),
                        rows,
                    )
                    for b, rows in bodies.items()
                ]
            )
        )
        self.expandAll()

    def select_person(self, person_id: int) -> bool:
        """Select the first seat of a person."""
        for row in range(self.proxy.rowCount()):
            parent = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(child, 0, parent)
                seat = index.data(Role.ROW)
                if seat is not None and seat.person.id == person_id:
                    self.blockSignals(True)
                    self.setCurrentIndex(index)
                    self.blockSignals(False)
                    self.scrollTo(index)
                    return True
        return False

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        seat = current.data(Role.ROW)
        if seat is not None:
            self.person_selected.emit(seat.person.id)


class MembersTab(RecordTab[MemberRow]):
    """Local governments, members of ICLEI or named in the catalogue, and governance."""

    kind = "local_government"
    screen = "members"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            catalogue,
            COLUMNS,
            "MembersTab",
            self.tr("Filter local governments by name (any script), country…"),
            self.tr(
                "Select a local government for its representatives, governance seats, "
                "programs and events, or a seat under “Governance” for its holder."
            ),
            self.tr("Local governments"),
            parent,
        )
        self.country_combo = self.add_choice(
            self.tr("Country"), "country", lambda names: [(c, c) for c in names]
        )
        self.membership_combo = self.add_choice(
            self.tr("Membership"),
            "membership",
            lambda _values: [
                (self.tr("ICLEI members"), "member"),
                (self.tr("Membership not stated"), "not_stated"),
            ],
        )
        self.governance = GovernanceView(self)
        self.lists = QTabWidget(self)
        self.lists.setDocumentMode(True)
        self.list_side_layout.removeWidget(self.stack)
        self.lists.addTab(self.stack, self.tr("&Local governments"))
        self.lists.addTab(self.governance, self.tr("&Governance"))
        self.list_side_layout.insertWidget(2, self.lists, 1)
        self._seats_read = False
        self.lists.currentChanged.connect(self._on_lists_current_changed)
        self.governance.person_selected.connect(self._on_governance_person_selected)
        self.filter_edit.textChanged.connect(self._on_filter_text_changed_for_governance)

    def reload(self) -> None:
        self._seats_read = False  # read when Governance is first shown
        if self.lists.currentIndex() == 1:
            self._read_seats()
        super().reload()

    def _read_seats(self) -> None:
        if not self._seats_read:
            self._seats_read = True
            self.governance.set_seats(self.catalogue.seats())
            self.governance.proxy.set_text(self.filter_edit.text())
            self.governance.expandAll()

    def show_record(self, record_id: int, *, emit: bool = False) -> bool:
        self.lists.setCurrentIndex(0)
        return super().show_record(record_id, emit=emit)

    def show_person(self, person_id: int) -> bool:
        """Show a person under Governance, selecting their seat if they hold one."""
        self.ensure_loaded()
        self.lists.setCurrentIndex(1)
        self._read_seats()
        self.governance.select_person(person_id)
        self.show_detail_of("person", person_id)
        return True

    @Slot(str)
    def _on_filter_text_changed_for_governance(self, text: str) -> None:
        self.governance.proxy.set_text(text)
        self.governance.expandAll()

    @Slot(int)
    def _on_lists_current_changed(self, index: int) -> None:
        if index == 1:
            self._read_seats()

    @Slot(int)
    def _on_governance_person_selected(self, person_id: int) -> None:
        self.show_detail_of("person", person_id)
        self.record_selected.emit("person", person_id)
