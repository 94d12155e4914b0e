"""What the catalogue keeps to merge bundles from other laptops and to hold publication files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RecordMixin

if TYPE_CHECKING:
    from .publication import Publication


class MergeBase(Base):
    """A version of a record's content this catalogue has seen in a bundle, as a digest.

    Every version is kept (seeded, merged from a bundle, or handed on in an export), the
    newest with the highest rowid: a bundle holding an older one is then known to be older,
    and never taken over a newer edit. Kept after the record is deleted (no foreign key): a
    record deleted here and still in a colleague's bundle is then known to be deleted, not
    new. See core/exchange/bundle.py.
    """

    __tablename__ = "merge_base"

    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    digest: Mapped[str] = mapped_column(primary_key=True)
    kind: Mapped[str]
    # True for a version both sides hold (seeded, or merged from a bundle); False for one
    # only handed on in an export, which the other side may never have taken.
    agreed: Mapped[bool]

    def __repr__(self) -> str:
        return f"<MergeBase {self.uid!r} {self.digest[:8]}>"


class PublicationFile(RecordMixin, Base):
    """A file of a publication (PDF, DOCX …), copied into the folder beside the catalogue.

    ``stored_name`` is its path inside that folder, with forward slashes; ``name`` is the
    file name shown and used when it is opened or exported.
    """

    __tablename__ = "publication_file"

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str]
    stored_name: Mapped[str] = mapped_column(unique=True)
    size: Mapped[int]
    sha256: Mapped[str]

    publication: Mapped[Publication] = relationship(back_populates="files")
