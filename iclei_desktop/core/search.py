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

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Date
from sqlalchemy.orm import Session

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


# A query matching more records than this (a first letter, a common word) is answered from
# the first this many, in record order. BM25 costs 2–5 µs a match (it reads every
# occurrence of the words and each record's length): "u" matches 23,000 records and
# 可持续发展 1,500 at a hundred times the seed, and a keystroke has 10 ms in all, the
# popup's painting included. More makes a common word's best matches likelier to show.
RANKED_AT_MOST = 500


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
    A query matching more than ``RANKED_AT_MOST`` records, which the user is most likely
    still typing, ranks only the first ``RANKED_AT_MOST`` of them (the oldest records), so
    its results all match but may not be the best of all. Re-indexes the records changed
    since the last search first (unless not ``refresh``, for a file that cannot be
    written), so this may write.
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
    documents = [document for document in _DOCUMENTS if document.kind in wanted]
    driver = _driver(session.connection())
    ranked = _ranked(driver, query, documents)
    hits: list[SearchHit] = []
    for document in documents:
        ids = ranked[document.code][:limit_per_kind]
        if ids:
            hits.extend(document.hits(driver, ids))
    return hits


def _ranked(
    driver: sqlite3.Connection, query: str, documents: Sequence[_Document]
) -> dict[int, list[int]]:
    """Return the ids of the records matching ``query``, best first, by kind code."""
    # The kind and id are read from the rowid (id * 8 + code): reading the UNINDEXED
    # columns would look up every match in the index's content table.
    where = "search_index MATCH ?"
    if len(documents) < len(_DOCUMENTS):
        where += f" AND (rowid & 7) IN ({', '.join(str(d.code) for d in documents)})"
    cursor = driver.execute(
        f"SELECT bm25(search_index, 0, 0, 10.0, 1.0), rowid FROM search_index WHERE {where}"
        " LIMIT ?",
        (query, RANKED_AT_MOST),
    )
    ids: dict[int, list[int]] = {document.code: [] for document in documents}
    for _score, rowid in sorted(cursor.fetchall()):
        ids[rowid & 7].append(rowid >> 3)
    return ids


def _driver(connection: Connection) -> sqlite3.Connection:
    """Return the sqlite3 connection under ``connection``, in its transaction.

    A search reads hundreds of plain rows, which SQLAlchemy's result rows would make
    several times slower to fetch.
    """
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def refresh_index(session: Session) -> int:
    """Re-index the records whose keys the triggers queued; return how many keys there were."""
    session.flush()  # the triggers queue what the ORM has yet to write
    connection = session.connection()
    queued: dict[int, int] = dict(connection.exec_driver_sql(_QUEUED).all())
    if queued:
        connection.exec_driver_sql(_UNINDEX_QUEUED)
        for document in _DOCUMENTS:
            if document.code in queued:
                connection.exec_driver_sql(document.reindex)
        connection.exec_driver_sql(_EMPTY_QUEUE)
    return sum(queued.values())


def rebuild_index(session: Session) -> None:
    """Queue every record and re-index it, e.g. after the indexed columns change."""
    connection = session.connection()
    for document in _DOCUMENTS:
        connection.exec_driver_sql(
            "INSERT OR IGNORE INTO search_index_pending (key)"
            f" SELECT id * 8 + {document.code} FROM {document.kind}"
        )
    refresh_index(session)


# --- what each record type puts in the index and shows in a hit ---------------------------
# Each reads a row of the columns its ``_Document`` shows, by the names of the table's columns.


def _label(code: str) -> str:
    return code.replace("_", " ")


def _line(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)


def _program(p: Any) -> tuple[str, str]:
    return p.name, _line(p.acronym, program_period(p))


def _event(e: Any) -> tuple[str, str]:
    return e.title, _line(describe_range(e.start_date, e.end_date, e.date_precision), e.location)


def _local_government(lg: Any) -> tuple[str, str]:
    return lg.name + (f" {lg.native_name}" if lg.native_name else ""), lg.country


def _person(p: Any) -> tuple[str, str]:
    return p.name + (f" {p.native_name}" if p.native_name else ""), _line(p.title, p.city)


def _organization(o: Any) -> tuple[str, str]:
    name = o.name + (f" {o.native_name}" if o.native_name else "")
    return name, _line(o.acronym, o.country, _label(o.kind))


def _publication(p: Any) -> tuple[str, str]:
    when = describe_partial(p.published_on, p.date_precision) or p.date_text
    return p.title, _line(_label(p.kind), when, p.language)


class _Document:
    """One record type: its code, what the index holds of it and what a hit shows."""

    def __init__(
        self,
        code: int,
        model: type[m.Base],
        title: Sequence[str],
        body: Sequence[str],
        shown: Sequence[str],
        describe: Callable[[Any], tuple[str, str]],
    ) -> None:
        table: Any = model.__table__
        self.kind: str = table.name
        self.code = code
        self._describe = describe
        self._shown = ("id", "uid", *shown)
        self._dates = [name for name in shown if isinstance(table.c[name].type, Date)]
        # Plain SQL, written once: building and compiling it on every save and search
        # took most of their time.
        self._select = (
            f"SELECT {', '.join(self._shown)} FROM {self.kind}"
            " WHERE id IN (SELECT value FROM json_each(?))"
        )
        self.reindex = (
            "INSERT INTO search_index (rowid, kind, record_id, title, body)"
            f" SELECT id * 8 + {code}, '{self.kind}', id, {_indexed(title)}, {_indexed(body)}"
            f" FROM {self.kind} WHERE id IN"
            f" (SELECT key >> 3 FROM search_index_pending WHERE key & 7 = {code})"
        )

    def hits(self, driver: sqlite3.Connection, ids: list[int]) -> list[SearchHit]:
        """Describe the records ``ids`` (that exist), in that order."""
        rows: dict[int, SimpleNamespace] = {}
        for values in driver.execute(self._select, (json.dumps(ids),)):
            row = SimpleNamespace(**dict(zip(self._shown, values, strict=True)))
            for name in self._dates:  # stored as SQLAlchemy's Date writes them, ISO 8601
                value = getattr(row, name)
                setattr(row, name, value and date.fromisoformat(value))
            rows[row.id] = row
        return [
            SearchHit(self.kind, row.id, row.uid, *self._describe(row))
            for row in (rows[i] for i in ids if i in rows)
        ]


def _indexed(columns: Sequence[str]) -> str:
    return " || ' ' || ".join(f"{INDEX_TEXT_FUNCTION}(coalesce({c}, ''))" for c in columns)


# Changing a kind's columns or code needs a migration that queues every record of it,
# like rebuild_index, and the triggers of migration 0003 use these codes.
_DOCUMENTS = (
    _Document(
        1,
        m.Program,
        ("name", "acronym"),
        ("summary", "period_text", "note"),
        ("name", "acronym", "period_text", "period_start", "period_end"),
        _program,
    ),
    _Document(
        2,
        m.Event,
        ("title", "series"),
        ("location", "date_text", "description", "attendance_text", "note"),
        ("title", "start_date", "end_date", "date_precision", "location"),
        _event,
    ),
    _Document(
        3,
        m.LocalGovernment,
        ("name", "native_name"),
        ("country", "membership_note", "note"),
        ("name", "native_name", "country"),
        _local_government,
    ),
    _Document(
        4,
        m.Person,
        ("name", "native_name"),
        ("title", "city", "note"),
        ("name", "native_name", "title", "city"),
        _person,
    ),
    _Document(
        5,
        m.Organization,
        ("name", "acronym", "native_name"),
        ("country", "note"),
        ("name", "native_name", "acronym", "country", "kind"),
        _organization,
    ),
    _Document(
        6,
        m.Publication,
        ("title",),
        ("date_text", "language", "note"),
        ("title", "kind", "published_on", "date_precision", "date_text", "language"),
        _publication,
    ),
)
_QUEUED = "SELECT key & 7, count(*) FROM search_index_pending GROUP BY key & 7"
_UNINDEX_QUEUED = "DELETE FROM search_index WHERE rowid IN (SELECT key FROM search_index_pending)"
_EMPTY_QUEUE = "DELETE FROM search_index_pending"
# The code of each record type in the index's rowids (record id * 8 + code).
KIND_CODES = {document.kind: document.code for document in _DOCUMENTS}
