"""Key figures: a program's, or the network's headline figures when no program is set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RecordMixin

if TYPE_CHECKING:
    from .program import Program


class Figure(RecordMixin, Base):
    """A figure as the report states it; ``value`` is text ("over 60", "2.9 million MWh")."""

    __tablename__ = "figure"

    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str]
    value: Mapped[str]
    as_of: Mapped[str | None]
    note: Mapped[str | None] = mapped_column(Text)

    program: Mapped[Program | None] = relationship(back_populates="figures")
