"""Organizations: partners, funders, UN bodies, ministries, universities, NGOs, ICLEI offices."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import ORGANIZATION_KINDS
from .base import Base, RecordMixin, one_of


class Organization(RecordMixin, Base):
    """An organization; ``parent`` places an office or project inside a larger body."""

    __tablename__ = "organization"
    __table_args__ = (CheckConstraint(one_of("kind", ORGANIZATION_KINDS), name="kind"),)

    name: Mapped[str]
    acronym: Mapped[str | None]
    native_name: Mapped[str | None]
    kind: Mapped[str]
    country: Mapped[str | None] = mapped_column(index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Organization | None] = relationship(
        remote_side="Organization.id", back_populates="children"
    )
    children: Mapped[list[Organization]] = relationship(back_populates="parent")


# The list's own order is by name, case-blind.
Index("ix_organization_name", Organization.name.collate("NOCASE"))
