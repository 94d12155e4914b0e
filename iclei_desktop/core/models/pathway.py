"""The five ICLEI development pathways."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RecordMixin

if TYPE_CHECKING:
    from .program import ProgramPathway


class Pathway(RecordMixin, Base):
    """One of the five pathways; ``position`` orders them as the report does."""

    __tablename__ = "pathway"

    name: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    program_links: Mapped[list[ProgramPathway]] = relationship(back_populates="pathway")
