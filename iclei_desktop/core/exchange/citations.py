"""Publications as citations for reference managers: BibTeX, RIS and CSL-JSON.

The three formats are written by their libraries (bibtexparser's ``BibTexWriter``,
``rispy.dumps``, ``json``); this module decides what goes in each field.

Kinds map to the types Zotero imports best (checked against Zotero's BibTeX, RIS and
CSL JSON translators: ``@techreport`` / ``RPRT`` / ``report`` become a Zotero Report with the
kind as its report type, ``@book`` / ``BOOK`` / ``book`` a Book, ``@misc`` a Document):

=============== =========== ====== =============
kind            BibTeX      RIS    CSL
=============== =========== ====== =============
report          techreport  RPRT   report
case_study      techreport  RPRT   report
event_report    techreport  RPRT   report
summary         techreport  RPRT   report
handbook        book        BOOK   book
guidelines      book        BOOK   book
playbook        book        BOOK   book
newsletter      misc        SER    periodical
periodical      misc        SER    periodical
article_series  misc        SER    document
=============== =========== ====== =============

RIS ``SER`` (serial) rather than ``GEN``, which Zotero reads as a journal article.

Dates are cited only as precisely as they are known: the year for a year, a quarter or a
half; the year and month for a month; the day only for a day. A planned publication is
"forthcoming" (CSL ``status``, biblatex ``pubstate``, and a note). Organizations are corporate
authors, publishers and translators under their full names: ``{{Name}}`` in BibTeX,
``{"literal": ...}`` in CSL-JSON, the whole name in an RIS ``AU`` or ``A4``. A translation
names its original (CSL ``original-title``, biblatex ``origtitle``, and a note); the
programs it belongs to are its keywords; its uid is kept (BibTeX ``uid``, RIS ``AN``, CSL
``archive_location``) so that a record can be matched again.

Titles and names are written on one line: a newline in them becomes a space (RIS is a
line-based format, and BibTeX reads a newline as a space anyway).

Citation keys, such as ``ICLEI2020GreenCircularCities``, are made from the first word of the
first author's short name (else the publisher's, else the translator's), the year (none when
undated) and the first three significant words of the title, folded to ASCII, and a translation's
language (``ICLEI2020BuildingEfficiencyCodesZhHans``). They are worked
out over the whole catalogue, so that a publication cited alone gets the key it has in a full
export; publications sharing one are told apart by a, b, c … in the order they were added.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import rispy
from bibtexparser.bibdatabase import BibDatabase, BibDataString
from bibtexparser.bwriter import BibTexWriter
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..errors import ExportError

FORMATS = ("bibtex", "ris", "csl-json")
CHUNK = 500  # ids per IN (...) query, well under SQLite's limit on bound parameters

BIBTEX_TYPES = {
    "report": "techreport",
    "case_study": "techreport",
    "event_report": "techreport",
    "summary": "techreport",
    "handbook": "book",
    "guidelines": "book",
    "playbook": "book",
    "newsletter": "misc",
    "periodical": "misc",
    "article_series": "misc",
}
RIS_TYPES = {
    "report": "RPRT",
    "case_study": "RPRT",
    "event_report": "RPRT",
    "summary": "RPRT",
    "handbook": "BOOK",
    "guidelines": "BOOK",
    "playbook": "BOOK",
    "newsletter": "SER",
    "periodical": "SER",
    "article_series": "SER",
}
CSL_TYPES = {
    "report": "report",
    "case_study": "report",
    "event_report": "report",
    "summary": "report",
    "handbook": "book",
    "guidelines": "book",
    "playbook": "book",
    "newsletter": "periodical",
    "periodical": "periodical",
    "article_series": "document",
}
# What a reader is told the work is (BibTeX ``type``, RIS ``M3``, CSL ``genre``); Zotero
# keeps it as a report's type. Book kinds need none: "Book" says it.
GENRES = {
    "report": "Report",
    "case_study": "Case study",
    "event_report": "Event report",
    "summary": "Summary",
    "newsletter": "Newsletter",
    "periodical": "Periodical",
    "article_series": "Article series",
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ARCHIVE = "ICLEI East Asia catalogue"
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with", "vs", "via"}
)


@dataclass(frozen=True, slots=True)
class Citable:
    """What a citation says about one publication."""

    key: str
    uid: str
    title: str
    kind: str
    published_on: date | None
    precision: str | None
    status: str
    language: str
    url: str | None
    authors: tuple[str, ...]
    publishers: tuple[str, ...]
    translators: tuple[str, ...]
    original_title: str | None
    programs: tuple[str, ...]

    @property
    def date_parts(self) -> tuple[int, ...]:
        """Year, month and day, as many of them as are known."""
        if self.published_on is None:
            return ()
        d = self.published_on
        if self.precision == "day":
            return (d.year, d.month, d.day)
        if self.precision == "month":
            return (d.year, d.month)
        return (d.year,)

    @property
    def forthcoming(self) -> bool:
        """Whether it is planned rather than out."""
        return self.status == "planned"


def check_format(fmt: str) -> None:
    """Raise ExportError unless ``fmt`` is one of FORMATS."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown citation format {fmt!r}: choose bibtex, ris or csl-json")


def read_citables(session: Session, publication_ids: Sequence[int]) -> list[Citable]:
    """Return the publications ``publication_ids`` as citables, in that order (once each).

    Raises ExportError naming the ids that no publication has.
    """
    wanted = list(dict.fromkeys(publication_ids))
    found: dict[int, m.Publication] = {}
    for chunk in _chunks(wanted):
        for publication in session.scalars(
            select(m.Publication)
            .where(m.Publication.id.in_(chunk))
            .options(
                selectinload(m.Publication.organization_links).selectinload(
                    m.PublicationOrganization.organization
                ),
                selectinload(m.Publication.program_links).selectinload(
                    m.PublicationProgram.program
                ),
                selectinload(m.Publication.translation_of),
            )
        ):
            found[publication.id] = publication
    missing = [i for i in wanted if i not in found]
    if missing:
        raise ExportError(f"no publication has id {', '.join(str(i) for i in missing)}")
    keys = citation_keys(session)
    return [_citable(found[i], keys[i]) for i in wanted]


def citation_keys(session: Session) -> dict[int, str]:
    """Return every publication's citation key, by id: unique across the catalogue."""
    who: dict[int, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for publication_id, role, name, acronym in session.execute(
        select(
            m.PublicationOrganization.publication_id,
            m.PublicationOrganization.role,
            m.Organization.name,
            m.Organization.acronym,
        )
        .join(m.Organization, m.Organization.id == m.PublicationOrganization.organization_id)
        .order_by(m.Organization.name)
    ):
        who[publication_id][role].append((name, acronym))
    bases: dict[int, str] = {}
    P = m.Publication
    for publication_id, title, kind, published_on, language, original_id in session.execute(
        select(P.id, P.title, P.kind, P.published_on, P.language, P.translation_of_id).order_by(
            P.id
        )
    ):
        roles = who.get(publication_id, {})
        first = next(
            (roles[r][0] for r in ("author", "publisher", "translator") if roles.get(r)), None
        )
        year = str(published_on.year) if published_on else ""
        # Translations share their original's title words; their language tells them apart.
        in_language = "".join(_capitalized(_ascii_words(language))) if original_id else ""
        bases[publication_id] = _key_name(first) + year + _key_title(title, kind) + in_language
    return _deduplicated(bases)


def render(fmt: str, citables: Sequence[Citable]) -> str:
    """Return ``citables`` as text in ``fmt`` (one of FORMATS)."""
    check_format(fmt)
    if fmt == "bibtex":
        return bibtex(citables)
    if fmt == "ris":
        return ris(citables)
    return csl_json(citables)


# --- BibTeX ------------------------------------------------------------------------------

BIBTEX_ESCAPES = {
    "\\": r"{\textbackslash}",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
    "<": r"{\textless}",
    ">": r"{\textgreater}",
    "|": r"{\textbar}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
}


def bibtex(citables: Sequence[Citable]) -> str:
    """Return ``citables`` as BibTeX entries (UTF-8 text, as biblatex and Zotero read it)."""
    database = BibDatabase()
    database.entries = [_bibtex_entry(c, database) for c in citables]
    writer = BibTexWriter()
    writer.indent = "  "
    writer.order_entries_by = None  # the order asked for
    writer.display_order = [
        "title",
        "author",
        "translator",
        "institution",
        "publisher",
        "year",
        "month",
        "date",
        "type",
        "language",
        "url",
        "origtitle",
        "pubstate",
        "keywords",
        "note",
        "uid",
    ]
    text: str = writer.write(database)
    return text


def latex_escape(text: str) -> str:
    """Write ``text`` for a braced BibTeX field, on one line; UTF-8 letters stay as they are.

    Braces that pair up are escaped as ``\\{`` and ``\\}``; one without a partner gets a
    ``\\vphantom`` partner as Zotero writes it, since BibTeX counts every brace, escaped or
    not, and an unbalanced field would swallow the rest of the file.
    """
    text = " ".join(text.split())
    partner: dict[int, int] = {}
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "{":
            opened.append(i)
        elif char == "}" and opened:
            partner[opened.pop()] = i
    paired = set(partner) | set(partner.values())
    out = []
    for i, char in enumerate(text):
        if char == "{":
            out.append(r"\{" if i in paired else r"\{\vphantom{\}}")
        elif char == "}":
            out.append(r"\}" if i in paired else r"\vphantom{\{}\}")
        else:
            out.append(BIBTEX_ESCAPES.get(char, char))
    return "".join(out)


def _bibtex_entry(c: Citable, database: BibDatabase) -> dict[str, Any]:
    entry_type = BIBTEX_TYPES[c.kind]
    entry: dict[str, Any] = {"ENTRYTYPE": entry_type, "ID": c.key, "title": latex_escape(c.title)}
    if c.authors:
        entry["author"] = _bibtex_names(c.authors)
    if c.translators:
        entry["translator"] = _bibtex_names(c.translators)
    if c.publishers:
        # BibTeX's @techreport names its publisher "institution" (Zotero reads it back so).
        field = "institution" if entry_type == "techreport" else "publisher"
        entry[field] = " and ".join("{" + latex_escape(p) + "}" for p in c.publishers)
    parts = c.date_parts
    if parts:
        entry["year"] = str(parts[0])
        if len(parts) > 1:
            entry["month"] = BibDataString(database, MONTHS[parts[1] - 1])
        entry["date"] = _iso(parts)  # biblatex's field, which Zotero prefers when present
    if c.kind in GENRES:
        entry["type"] = GENRES[c.kind]
    entry["language"] = latex_escape(c.language)
    if c.url:
        entry["url"] = c.url.replace("{", "%7B").replace("}", "%7D")
    if c.original_title:
        entry["origtitle"] = latex_escape(c.original_title)
    if c.forthcoming:
        entry["pubstate"] = "forthcoming"
    if c.programs:
        entry["keywords"] = ", ".join(latex_escape(p) for p in c.programs)
    note = _note(c)
    if note:
        entry["note"] = latex_escape(note)
    entry["uid"] = latex_escape(c.uid)
    return entry


def _bibtex_names(names: Iterable[str]) -> str:
    # Each organization in its own braces: a corporate name, never split into first and last.
    return " and ".join("{" + latex_escape(name) + "}" for name in names)


# --- RIS ---------------------------------------------------------------------------------


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer without the "1.", "2." … line it puts above each record.

    That line is no RIS tag; some readers take it for part of the record before.
    """

    def set_header(self, count: int) -> str:
        return ""


def ris(citables: Sequence[Citable]) -> str:
    """Return ``citables`` as RIS records."""
    text: str = rispy.dumps([_ris_record(c) for c in citables], implementation=_RisWriter)
    return text


def _ris_record(c: Citable) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type_of_reference": RIS_TYPES[c.kind],
        "id": c.key,
        "title": _line(c.title),
    }
    if c.authors:
        record["authors"] = [_line(a) for a in c.authors]
    if c.translators:
        record["subsidiary_authors"] = [_line(t) for t in c.translators]  # A4: translators
    if c.publishers:
        record["publisher"] = "; ".join(_line(p) for p in c.publishers)
    parts = c.date_parts
    if parts:
        record["year"] = str(parts[0])
        record["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    if c.kind in GENRES:
        record["type_of_work"] = GENRES[c.kind]
    record["language"] = c.language
    if c.url:
        record["urls"] = [c.url]
    if c.programs:
        record["keywords"] = [_line(p) for p in c.programs]
    note = _note(c)
    if note:
        record["notes"] = [_line(note)]
    record["name_of_database"] = ARCHIVE
    record["accession_number"] = c.uid
    return record


# --- CSL-JSON ----------------------------------------------------------------------------


def csl_json(citables: Sequence[Citable]) -> str:
    """Return ``citables`` as a CSL-JSON array (UTF-8 text, non-ASCII letters as they are)."""
    return json.dumps([csl_item(c) for c in citables], ensure_ascii=False, indent=2) + "\n"


def csl_item(c: Citable) -> dict[str, Any]:
    """One publication as a CSL-JSON item."""
    item: dict[str, Any] = {"id": c.key, "type": CSL_TYPES[c.kind], "title": _line(c.title)}
    if c.authors:
        item["author"] = [{"literal": _line(a)} for a in c.authors]
    if c.translators:
        item["translator"] = [{"literal": _line(t)} for t in c.translators]
    if c.publishers:
        item["publisher"] = "; ".join(_line(p) for p in c.publishers)
    parts = c.date_parts
    if parts:
        item["issued"] = {"date-parts": [list(parts)]}
    if c.kind in GENRES:
        item["genre"] = GENRES[c.kind]
    item["language"] = c.language
    if c.url:
        item["URL"] = c.url
    if c.forthcoming:
        item["status"] = "forthcoming"
    if c.original_title:
        item["original-title"] = _line(c.original_title)
    if c.programs:
        item["keyword"] = ", ".join(_line(p) for p in c.programs)
    item["archive"] = ARCHIVE
    item["archive_location"] = c.uid
    return item


# --- helpers -----------------------------------------------------------------------------


def _citable(p: m.Publication, key: str) -> Citable:
    by_role: dict[str, list[str]] = defaultdict(list)
    for link in p.organization_links:
        by_role[link.role].append(link.organization.name)
    return Citable(
        key=key,
        uid=p.uid,
        title=p.title,
        kind=p.kind,
        published_on=p.published_on,
        precision=p.date_precision,
        status=p.status,
        language=p.language,
        url=p.url or None,
        authors=tuple(sorted(by_role["author"])),
        publishers=tuple(sorted(by_role["publisher"])),
        translators=tuple(sorted(by_role["translator"])),
        original_title=p.translation_of.title if p.translation_of else None,
        programs=tuple(sorted(link.program.name for link in p.program_links)),
    )


def _note(c: Citable) -> str:
    said = []
    if c.original_title:
        said.append(f"Translation of: {_line(c.original_title)}.")
    if c.forthcoming:
        said.append("Forthcoming.")
    return " ".join(said)


def _iso(parts: Sequence[int]) -> str:
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def _line(text: str) -> str:
    return " ".join(text.split())


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[A-Za-z0-9]+", folded)


def _key_name(organization: tuple[str, str | None] | None) -> str:
    if organization is None:
        return "Anon"
    name, acronym = organization
    words = _ascii_words(acronym or name)
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return _capitalized(words[:1])[0] if words else "Anon"


def _key_title(title: str, kind: str) -> str:
    words = [w for w in _ascii_words(title) if w.lower() not in STOPWORDS]
    if not words:  # a title in Chinese, Korean or Japanese only: name the kind instead
        words = kind.split("_")
    return "".join(_capitalized(words[:3]))


def _capitalized(words: Iterable[str]) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


def _deduplicated(bases: dict[int, str]) -> dict[int, str]:
    groups: dict[str, list[int]] = defaultdict(list)
    for publication_id in sorted(bases):
        groups[bases[publication_id]].append(publication_id)
    taken = set(groups)  # no suffixed key may equal another publication's plain one
    keys: dict[int, str] = {}
    for base, ids in groups.items():
        if len(ids) == 1:
            keys[ids[0]] = base
            continue
        suffixes = _suffixes()
        for publication_id in ids:
            key = base + next(suffixes)
            while key in taken:
                key = base + next(suffixes)
            taken.add(key)
            keys[publication_id] = key
    return keys


def _suffixes() -> Iterator[str]:
    """a, b, … z, aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    length = 1
    while True:
        for n in range(len(letters) ** length):
            word = ""
            for _ in range(length):
                n, r = divmod(n, len(letters))
                word = letters[r] + word
            yield word
        length += 1


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
