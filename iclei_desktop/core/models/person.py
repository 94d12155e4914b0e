"""People and their governance seats."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import SEAT_BODIES
from .base import Base, RecordMixin, one_of
from .local_government import LocalGovernment
from .organization import Organization


class Person(RecordMixin, Base):
    """A representative, advisor or member of the secretariat's staff."""

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(index=True)
    honorific: Mapped[str | None]
    native_name: Mapped[str | None]
    title: Mapped[str]
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    local_government_id: Mapped[int | None] = mapped_column(
        ForeignKey("local_government.id", ondelete="SET NULL"), index=True
    )
    city: Mapped[str | None]
    is_staff: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization | None] = relationship()
    local_government: Mapped[LocalGovernment | None] = relationship()
    seats: Mapped[list[GovernanceSeat]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="GovernanceSeat.id"
    )


class GovernanceSeat(RecordMixin, Base):
    """A seat on the GexCom or the East Asia RexCom for a term of years."""

    __tablename__ = "governance_seat"
    __table_args__ = (
        CheckConstraint(one_of("body", SEAT_BODIES), name="body"),
        CheckConstraint("term_end >= term_start", name="term"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(index=True)
    position: Mapped[str]
    portfolio: Mapped[str | None]
    term_start: Mapped[int]
    term_end: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="seats")
