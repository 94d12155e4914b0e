"""Events of the calendar, with their cities and organizations."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import DATE_PRECISIONS, EVENT_MODES, EVENT_ORGANIZATION_ROLES, EVENT_STATUSES
from .base import Base, RecordMixin, one_of
from .local_government import LocalGovernment
from .organization import Organization
from .program import Program


class Event(RecordMixin, Base):
    """An event; ``uid`` is its iCalendar UID.

    Dates are inclusive local dates. An imprecise event ("Q3-4") spans its whole period with
    ``date_precision`` saying so, rather than sitting on an invented day. A timed event also
    has start and end times in an IANA ``timezone``.
    """

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "end_date > start_date OR start_time IS NULL OR end_time IS NULL"
            " OR end_time >= start_time",
            name="end_time_after_start_time",
        ),
        CheckConstraint(
            "(all_day = 1 AND start_time IS NULL AND end_time IS NULL)"
            " OR (all_day = 0 AND start_time IS NOT NULL AND end_time IS NOT NULL"
            " AND timezone IS NOT NULL)",
            name="all_day_or_timed",
        ),
        CheckConstraint(one_of("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(f"mode IS NULL OR {one_of('mode', EVENT_MODES)}", name="mode"),
        CheckConstraint(one_of("status", EVENT_STATUSES), name="status"),
        CheckConstraint("attendance IS NULL OR attendance >= 0", name="attendance"),
    )

    title: Mapped[str]
    series: Mapped[str | None]
    start_date: Mapped[date]
    end_date: Mapped[date]
    all_day: Mapped[bool] = mapped_column(default=True)
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    timezone: Mapped[str | None]
    date_precision: Mapped[str] = mapped_column(default="day")
    date_text: Mapped[str | None]
    mode: Mapped[str | None]
    status: Mapped[str] = mapped_column(default="confirmed")
    location: Mapped[str | None]
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True
    )
    attendance: Mapped[int | None]
    attendance_text: Mapped[str | None]
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None]
    note: Mapped[str | None] = mapped_column(Text)
    # Raised on every edit, for the iCalendar SEQUENCE (migration 0002).
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    program: Mapped[Program | None] = relationship()
    local_government_links: Mapped[list[EventLocalGovernment]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="EventLocalGovernment.position",
    )
    organization_links: Mapped[list[EventOrganization]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventLocalGovernment(Base):
    """A city or region where an event happens or that takes part in it."""

    __tablename__ = "event_local_government"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    local_government_id: Mapped[int] = mapped_column(
        ForeignKey("local_government.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="local_government_links")
    local_government: Mapped[LocalGovernment] = relationship()


class EventOrganization(Base):
    """An organization's role in an event: organizer, host, supporter …"""

    __tablename__ = "event_organization"
    __table_args__ = (CheckConstraint(one_of("role", EVENT_ORGANIZATION_ROLES), name="role"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)

    event: Mapped[Event] = relationship(back_populates="organization_links")
    organization: Mapped[Organization] = relationship()


# The calendar picks a date range by both dates (see services/listing.py).
Index("ix_event_dates", Event.start_date, Event.end_date)
