"""Publications and translations, with their publishers, translators, programs and events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..vocabulary import (
    DATE_PRECISIONS,
    PUBLICATION_KINDS,
    PUBLICATION_ORGANIZATION_ROLES,
    PUBLICATION_STATUSES,
)
from .base import Base, RecordMixin, one_of
from .event import Event
from .exchange import PublicationFile
from .organization import Organization
from .program import Program


class Publication(RecordMixin, Base):
    """A publication; a translation points at its original through ``translation_of``."""

    __tablename__ = "publication"
    __table_args__ = (
        CheckConstraint(one_of("kind", PUBLICATION_KINDS), name="kind"),
        CheckConstraint(one_of("status", PUBLICATION_STATUSES), name="status"),
        CheckConstraint(
            f"date_precision IS NULL OR {one_of('date_precision', DATE_PRECISIONS)}",
            name="date_precision",
        ),
        CheckConstraint("(published_on IS NULL) = (date_precision IS NULL)", name="dated"),
        CheckConstraint("translation_of_id IS NULL OR translation_of_id != id", name="not_self"),
    )

    title: Mapped[str]
    kind: Mapped[str]
    published_on: Mapped[date | None] = mapped_column(index=True)
    date_precision: Mapped[str | None]
    date_text: Mapped[str | None]
    status: Mapped[str] = mapped_column(default="published")
    language: Mapped[str]
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("publication.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None]
    note: Mapped[str | None] = mapped_column(Text)

    translation_of: Mapped[Publication | None] = relationship(
        remote_side="Publication.id", back_populates="translations"
    )
    translations: Mapped[list[Publication]] = relationship(back_populates="translation_of")
    organization_links: Mapped[list[PublicationOrganization]] = relationship(
        back_populates="publication", cascade="all, delete-orphan"
    )
    program_links: Mapped[list[PublicationProgram]] = relationship(
        back_populates="publication", cascade="all, delete-orphan"
    )
    event_links: Mapped[list[PublicationEvent]] = relationship(
        back_populates="publication", cascade="all, delete-orphan"
    )
    files: Mapped[list[PublicationFile]] = relationship(
        back_populates="publication",
        cascade="all, delete-orphan",
        order_by="PublicationFile.position",
    )


class PublicationOrganization(Base):
    """An organization as publisher, translator or author of a publication."""

    __tablename__ = "publication_organization"
    __table_args__ = (CheckConstraint(one_of("role", PUBLICATION_ORGANIZATION_ROLES), name="role"),)

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)

    publication: Mapped[Publication] = relationship(back_populates="organization_links")
    organization: Mapped[Organization] = relationship()


class PublicationProgram(Base):
    """A publication produced under a program."""

    __tablename__ = "publication_program"

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    publication: Mapped[Publication] = relationship(back_populates="program_links")
    program: Mapped[Program] = relationship()


class PublicationEvent(Base):
    """A publication about an event, such as an event report."""

    __tablename__ = "publication_event"

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    publication: Mapped[Publication] = relationship(back_populates="event_links")
    event: Mapped[Event] = relationship()
