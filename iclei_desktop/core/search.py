"""Search every record type at once through an SQLite FTS5 index, in any of the catalogue's scripts.

How text is matched:

- Chinese, Japanese and Korean have no spaces between words, so every ideograph, kana and
  Hangul character is indexed as a token of its own (``index_text``) and a run of them in a
  query is a phrase of adjacent characters (``fts_query``). 成都 finds 成都市 and 서울 finds
  서울특별시; one- and two-character words count. This matches anywhere inside a run, so
  京都 (Kyoto) also finds 東京都 (Tokyo, 東·京都): telling the two apart needs a dictionary.
- Alphabetic scripts (English, Mongolian Cyrillic …) match by word prefix, ignoring case and
  accents: "ulaan" finds Ulaanbaatar, "улаан" finds Улаанбаатар and "malmo" finds Malmö.
  A word is not found from its middle ("baatar" does not find Ulaanbaatar): FTS5 indexes
  whole words and answers prefixes from its index, whereas an infix needs a trigram index,
  which cannot find the one- and two-character CJK words above.

How the index keeps in step: triggers on the six record tables (migration 0003) queue the
key of every record inserted, edited or deleted in ``search_index_pending``, using plain
SQL, so any SQLite tool can still edit the file. ``search`` first re-indexes the queued
records with ``iclei_index_text``, the SQL function ``db`` registers on every connection.
An index row's rowid is ``record id * 8 + kind code``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    column,
    delete,
    func,
    insert,
    literal,
    select,
    table,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import InstrumentedAttribute, Session

from . import models as m
from .dates import describe_partial, describe_range
from .dto import KINDS
from .services.catalogue import program_period

INDEX_TEXT_FUNCTION = "iclei_index_text"

# Ideographs (with 々, 〆, 〻 and the ideographic zero), kana and Hangul: each is a word.
_CJK_RANGES = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\u3005-\u3007\u303b"
    "\u3040-\u30ff\u31f0-\u31ff"
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
)
_CJK = re.compile(f"[{_CJK_RANGES}]")


def index_text(text: str | None) -> str:
    """Return ``text`` as the index stores it: NFKC, with each CJK character spaced apart.

    FTS5's ``unicode61`` tokenizer then folds case and accents; it would otherwise keep a
    whole run of CJK characters as one word.
    """
    if not text:
        return ""
    return _CJK.sub(r" \g<0> ", unicodedata.normalize("NFKC", text))


def fts_query(user_text: str) -> str | None:
    """Return an FTS5 query finding records that contain every word of ``user_text``.

    A run of CJK characters becomes a phrase of adjacent characters (``"成 都"``), found
    anywhere; any other word becomes a prefix term (``"ulaan"*``), found at the start of a
    word, not inside it, because FTS5 indexes whole words (see the module docstring). Every
    term is quoted, so operators, parentheses, quotes and stars typed by the user are plain
    text (punctuation separates words) and no input gives an FTS5 syntax error. Returns None
    when the text has no letters or digits to search for.
    """
    terms = []
    characters = unicodedata.normalize("NFKC", user_text)
    for kind, run in groupby(characters, _character_kind):
        # Quotes are separators, so no word holds one and none needs escaping.
        word = "".join(run)
        if not any(character.isalnum() for character in word):
            continue  # only combining marks
        if kind == "cjk":
            terms.append('"' + " ".join(word) + '"')
        elif kind == "word":
            terms.append(f'"{word}"*')
    # Juxtaposed terms are ANDed. Unlike an explicit AND, juxtaposition ignores a term that
    # FTS5 reads as empty (a letter newer than its Unicode tables), as the index does.
    return " ".join(terms) or None


def _character_kind(character: str) -> str:
    if not (character.isalnum() or unicodedata.category(character).startswith("M")):
        return "separator"
    return "cjk" if _CJK.match(character) else "word"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A record that matches a search: its type, keys and the lines to show for it."""

    kind: str
    id: int
    uid: str
    title: str
    detail: str


def search(
    session: Session,
    text: str,
    kinds: Iterable[str] | None = None,
    limit_per_kind: int = 50,
    *,
    refresh: bool = True,
) -> list[SearchHit]:
    """Return the records matching ``text``, grouped by type in ``KINDS`` order, best first.

    Ranks by BM25 with a word in a record's name counting ten times one in its other text.
    Re-indexes the records changed since the last search first (unless not ``refresh``, for
    a file that cannot be written), so this may write.
    """
    query = fts_query(text)
    wanted = KINDS if kinds is None else tuple(kinds)
    unknown = set(wanted) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown record types: {', '.join(sorted(unknown))}")
    if query is None or not wanted:
        return []
    if refresh:
        refresh_index(session)
    ranked = session.execute(
        sql(
            "SELECT kind, record_id FROM search_index"
            " WHERE search_index MATCH :query AND kind IN :kinds"
            " ORDER BY bm25(search_index, 0, 0, 10.0, 1.0), rowid"
        ).bindparams(bindparam("kinds", expanding=True)),
        {"query": query, "kinds": list(wanted)},
    ).all()
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for kind, record_id in ranked:
        if len(ids[kind]) < limit_per_kind:
            ids[kind].append(record_id)
    hits: list[SearchHit] = []
    for document in _DOCUMENTS:
        if not ids[document.kind]:
            continue
        model: Any = document.model
        records = {
            r.id: r for r in session.scalars(select(model).where(model.id.in_(ids[document.kind])))
        }
        hits.extend(
            SearchHit(document.kind, r.id, r.uid, *document.describe(r))
            for r in (records[i] for i in ids[document.kind] if i in records)
        )
    return hits


def refresh_index(session: Session) -> int:
    """Re-index the records whose keys the triggers queued; return how many keys there were."""
    queued = session.scalar(select(func.count()).select_from(_PENDING)) or 0
    if queued:
        session.execute(delete(_INDEX).where(_INDEX.c.rowid.in_(select(_PENDING.c.key))))
        for document in _DOCUMENTS:
            model: Any = document.model
            changed = select(_PENDING.c.key.op(">>")(3)).where(
                _PENDING.c.key.op("&")(7) == document.code
            )
            session.execute(
                insert(_INDEX).from_select(
                    ["rowid", "kind", "record_id", "title", "body"],
                    select(
                        model.id * 8 + document.code,
                        literal(document.kind, String),
                        model.id,
                        _joined(document.title),
                        _joined(document.body),
                    ).where(model.id.in_(changed)),
                )
            )
        session.execute(delete(_PENDING))
    return queued


def rebuild_index(session: Session) -> None:
    """Queue every record and re-index it, e.g. after the indexed columns change."""
    for document in _DOCUMENTS:
        model: Any = document.model
        session.execute(
            insert(_PENDING)
            .from_select(["key"], select(model.id * 8 + document.code))
            .prefix_with("OR IGNORE")
        )
    refresh_index(session)


# --- what each record type puts in the index and shows in a hit ---------------------------


def _label(code: str) -> str:
    return code.replace("_", " ")


def _line(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)


def _program(p: m.Program) -> tuple[str, str]:
    return p.name, _line(p.acronym, program_period(p))


def _event(e: m.Event) -> tuple[str, str]:
    return e.title, _line(describe_range(e.start_date, e.end_date, e.date_precision), e.location)


def _local_government(lg: m.LocalGovernment) -> tuple[str, str]:
    return lg.name + (f" {lg.native_name}" if lg.native_name else ""), lg.country


def _person(p: m.Person) -> tuple[str, str]:
    return p.name + (f" {p.native_name}" if p.native_name else ""), _line(p.title, p.city)


def _organization(o: m.Organization) -> tuple[str, str]:
    name = o.name + (f" {o.native_name}" if o.native_name else "")
    return name, _line(o.acronym, o.country, _label(o.kind))


def _publication(p: m.Publication) -> tuple[str, str]:
    when = describe_partial(p.published_on, p.date_precision) or p.date_text
    return p.title, _line(_label(p.kind), when, p.language)


@dataclass(frozen=True)
class _Document:
    kind: str
    code: int
    model: type[m.Base]
    title: Sequence[InstrumentedAttribute[Any]]
    body: Sequence[InstrumentedAttribute[Any]]
    describe: Callable[[Any], tuple[str, str]]


# Changing a kind's columns or code needs a migration that queues every record of it,
# like rebuild_index, and the triggers of migration 0003 use these codes.
_DOCUMENTS = (
    _Document(
        "program",
        1,
        m.Program,
        (m.Program.name, m.Program.acronym),
        (m.Program.summary, m.Program.period_text, m.Program.note),
        _program,
    ),
    _Document(
        "event",
        2,
        m.Event,
        (m.Event.title, m.Event.series),
        (
            m.Event.location,
            m.Event.date_text,
            m.Event.description,
            m.Event.attendance_text,
            m.Event.note,
        ),
        _event,
    ),
    _Document(
        "local_government",
        3,
        m.LocalGovernment,
        (m.LocalGovernment.name, m.LocalGovernment.native_name),
        (m.LocalGovernment.country, m.LocalGovernment.membership_note, m.LocalGovernment.note),
        _local_government,
    ),
    _Document(
        "person",
        4,
        m.Person,
        (m.Person.name, m.Person.native_name),
        (m.Person.title, m.Person.city, m.Person.note),
        _person,
    ),
    _Document(
        "organization",
        5,
        m.Organization,
        (m.Organization.name, m.Organization.acronym, m.Organization.native_name),
        (m.Organization.country, m.Organization.note),
        _organization,
    ),
    _Document(
        "publication",
        6,
        m.Publication,
        (m.Publication.title,),
        (m.Publication.date_text, m.Publication.language, m.Publication.note),
        _publication,
    ),
)
_INDEX = table(
    "search_index",
    column("rowid"),
    column("kind"),
    column("record_id"),
    column("title"),
    column("body"),
)
_PENDING = table("search_index_pending", column("key"))


def _joined(columns: Sequence[InstrumentedAttribute[Any]]) -> ColumnElement[str]:
    parts = [func.iclei_index_text(func.coalesce(c, ""), type_=String) for c in columns]
    joined: ColumnElement[str] = parts[0]
    for part in parts[1:]:
        joined = joined + " " + part
    return joined
