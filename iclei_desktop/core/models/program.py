"""Programs, networks, projects, partnerships and initiatives, with their links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import (
    PROGRAM_KINDS,
    PROGRAM_LOCAL_GOVERNMENT_ROLES,
    PROGRAM_ORGANIZATION_ROLES,
    PROGRAM_STATUSES,
)
from .base import Base, RecordMixin, one_of
from .local_government import LocalGovernment
from .organization import Organization

if TYPE_CHECKING:
    from .figure import Figure
    from .pathway import Pathway


class Program(RecordMixin, Base):
    """A program; its period is in years, with the report's own words in ``period_text``."""

    __tablename__ = "program"
    __table_args__ = (
        CheckConstraint(one_of("kind", PROGRAM_KINDS), name="kind"),
        CheckConstraint(f"status IS NULL OR {one_of('status', PROGRAM_STATUSES)}", name="status"),
        CheckConstraint(
            "period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
            name="period",
        ),
    )

    name: Mapped[str] = mapped_column(index=True)
    acronym: Mapped[str | None]
    kind: Mapped[str]
    period_start: Mapped[int | None] = mapped_column(index=True)
    period_end: Mapped[int | None]
    period_text: Mapped[str | None]
    status: Mapped[str | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Program | None] = relationship(
        remote_side="Program.id", back_populates="children"
    )
    children: Mapped[list[Program]] = relationship(back_populates="parent")
    pathway_links: Mapped[list[ProgramPathway]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="ProgramPathway.position"
    )
    organization_links: Mapped[list[ProgramOrganization]] = relationship(
        back_populates="program", cascade="all, delete-orphan"
    )
    local_government_links: Mapped[list[ProgramLocalGovernment]] = relationship(
        back_populates="program", cascade="all, delete-orphan"
    )
    figures: Mapped[list[Figure]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="Figure.position"
    )


class ProgramPathway(Base):
    """A program on a pathway; position 0 is the predominant pathway."""

    __tablename__ = "program_pathway"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    pathway_id: Mapped[int] = mapped_column(
        ForeignKey("pathway.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    program: Mapped[Program] = relationship(back_populates="pathway_links")
    pathway: Mapped[Pathway] = relationship(back_populates="program_links")


class ProgramOrganization(Base):
    """An organization's role in a program: funder, partner, implementer …"""

    __tablename__ = "program_organization"
    __table_args__ = (CheckConstraint(one_of("role", PROGRAM_ORGANIZATION_ROLES), name="role"),)

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)

    program: Mapped[Program] = relationship(back_populates="organization_links")
    organization: Mapped[Organization] = relationship()


class ProgramLocalGovernment(Base):
    """A local government's part in a program: member, participant, pilot …"""

    __tablename__ = "program_local_government"
    __table_args__ = (CheckConstraint(one_of("role", PROGRAM_LOCAL_GOVERNMENT_ROLES), name="role"),)

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    local_government_id: Mapped[int] = mapped_column(
        ForeignKey("local_government.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)

    program: Mapped[Program] = relationship(back_populates="local_government_links")
    local_government: Mapped[LocalGovernment] = relationship()
