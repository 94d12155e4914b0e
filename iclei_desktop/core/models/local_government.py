"""Local and regional governments: cities, districts, provinces and regions."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import LOCAL_GOVERNMENT_KINDS
from .base import Base, RecordMixin, one_of


class LocalGovernment(RecordMixin, Base):
    """A local government; ``is_member`` is None when the report does not say."""

    __tablename__ = "local_government"
    __table_args__ = (
        CheckConstraint(one_of("kind", LOCAL_GOVERNMENT_KINDS), name="kind"),
        CheckConstraint(
            "member_since IS NULL OR"
            " (COALESCE(is_member, 0) = 1 AND member_since BETWEEN 1990 AND 2100)",
            name="member_since",
        ),
    )

    name: Mapped[str]
    native_name: Mapped[str | None]
    kind: Mapped[str]
    country: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("local_government.id", ondelete="SET NULL"), index=True
    )
    is_member: Mapped[bool | None]
    member_since: Mapped[int | None]
    membership_note: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[LocalGovernment | None] = relationship(
        remote_side="LocalGovernment.id", back_populates="children"
    )
    children: Mapped[list[LocalGovernment]] = relationship(back_populates="parent")


# The list's own order is by country and name; it also sorts by name case-blind.
Index("ix_local_government_country_name", LocalGovernment.country, LocalGovernment.name)
Index("ix_local_government_name", LocalGovernment.name.collate("NOCASE"))
