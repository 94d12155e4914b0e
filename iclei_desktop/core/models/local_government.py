"""Local and regional governments: cities, districts, provinces and regions."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RecordMixin, one_of
from .vocabulary import LOCAL_GOVERNMENT_KINDS


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

    name: Mapped[str] = mapped_column(index=True)
    native_name: Mapped[str | None]
    kind: Mapped[str]
    country: Mapped[str] = mapped_column(index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("local_government.id", ondelete="SET NULL"), index=True
    )
    is_member: Mapped[bool | None] = mapped_column(index=True)
    member_since: Mapped[int | None]
    membership_note: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[LocalGovernment | None] = relationship(
        remote_side="LocalGovernment.id", back_populates="children"
    )
    children: Mapped[list[LocalGovernment]] = relationship(back_populates="parent")
