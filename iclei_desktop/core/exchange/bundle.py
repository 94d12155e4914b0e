"""Merge a catalogue bundle from another laptop into this catalogue, record by record.

A bundle is the JSON of core/exchange/json_catalogue.py (format version 1 or 2), or a .zip
holding it as ``catalogue.json`` beside ``files/<stored_name>`` for its publications' files.

Records are matched by their stable ``uid``. A record's *content* is every field and every
link it owns (links by uid), but not ``created_at``, ``updated_at`` or ``sequence``; its
digest is the SHA-256 of that content as canonical JSON. For each record of the bundle:

- uid unknown here (and not deleted here): **new**, added;
- same content here: **unchanged**;
- different content, decided three-way against ``merge_base`` (the digest of the content
  last agreed, written for every record of a bundle after each import): ours equal to the
  base means only theirs changed (**changed**, taken); theirs equal to the base means only
  ours changed (**kept**: ours is newer and is not overwritten); neither means both were
  edited (**conflict**);
- a new catalogue writes the base of every seeded record (``agree_on_everything``), so the
  seed's records are decided three-way from the first exchange on;
- with no ``merge_base`` row (a record added since, or a catalogue made before bases were
  written at seeding, in which ``created_at`` equals ``updated_at`` up to a moment), a side
  counts as *edited* when
  its ``updated_at`` is at least one second (EDITED_AFTER) after its ``created_at``; a side
  without timestamps counts as edited. Only theirs edited: changed; only ours: kept; both, or
  neither yet different: conflict;
- a conflict keeps ours unless its uid is in ``take_theirs`` (the user's choice); either
  way its base becomes theirs, so the next bundle shows it again only if edited again, unless
  ``settle_conflicts`` is false (the command line, where nobody chose): then a conflict kept
  keeps its old base and stays a conflict until someone chooses;
- a record deleted here that the base knows stays deleted (**deleted-here**) unless theirs
  changed since the base, which is a conflict (taking theirs brings it back);
- ``merge_base`` keeps every version seen, not only the newest agreed: those agreed (seeded or
  merged), those only handed on in an export (``remember_sent``), and those an imported
  bundle had seen before (its "versions": each record's earlier digests, ``past_versions``).
  A bundle holding a version seen before that is not the newest agreed is older than this
  catalogue: **kept** ("the bundle's copy is older"), or **deleted-here** for a record
  deleted since. An older bundle imported after a newer one therefore changes nothing, and a
  record sent to a colleague and deleted here since is not brought back by their next
  bundle.

Records only here are left as they are: a bundle never deletes. A link (or reference) to a
uid that is neither here nor written by the bundle is dropped and reported as a skipped
``link``; a record whose required reference is missing (a seat without its person) is
skipped. An event whose content changes gets its SEQUENCE raised, for calendar clients.

A publication's files are written only when the file itself is at hand: already in the files
folder with the same SHA-256, or in the .zip with the SHA-256 the bundle gives. Any other is
reported as a skipped ``file``; a name that would be stored outside the files folder
("../x") is refused that way too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn, cast

from sqlalchemy import Table, bindparam, delete, insert, inspect, literal_column, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import models as m
from .. import vocabulary as v
from ..dto import BundleItem, BundlePlan, FieldDifference
from ..errors import BundleImportError
from ..files import describe_os_error, sync_folder, writing_atomically
from ..models.base import utcnow
from ..validation import control_character, is_web_address
from .json_catalogue import FORMAT, FORMAT_VERSION, READ_VERSIONS, export_catalogue

Progress = Callable[[int, int], None]

MB = 1024 * 1024
MAX_JSON_BYTES = 256 * MB  # the catalogue itself: a hundred times the seed is about 60 MB
MAX_FILE_BYTES = 1024 * MB  # one publication file
MAX_TOTAL_BYTES = 8 * 1024 * MB  # everything a .zip unpacks to
MAX_MEMBERS = 200_000
MAX_RATIO = 200  # unpacked / packed, for members over a megabyte: more is a zip bomb
EDITED_AFTER = timedelta(seconds=1)
JSON_MEMBER = "catalogue.json"
ZIP_MAGIC = b"PK\x03\x04"  # how every .zip begins
FILES_PREFIX = "files/"
IGNORED = frozenset({"created_at", "updated_at", "sequence"})  # not content
PROGRESS_EVERY = 500
BATCH = 500  # rows a statement writes at once
DIGEST = re.compile("[0-9a-f]{64}")
CHUNK = 1024 * 1024

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("program", "kind"): v.PROGRAM_KINDS,
    ("program", "status"): v.PROGRAM_STATUSES,
    ("event", "mode"): v.EVENT_MODES,
    ("event", "status"): v.EVENT_STATUSES,
    ("event", "date_precision"): v.DATE_PRECISIONS,
    ("local_government", "kind"): v.LOCAL_GOVERNMENT_KINDS,
    ("organization", "kind"): v.ORGANIZATION_KINDS,
    ("publication", "kind"): v.PUBLICATION_KINDS,
    ("publication", "status"): v.PUBLICATION_STATUSES,
    ("publication", "date_precision"): v.DATE_PRECISIONS,
    ("governance_seat", "body"): v.SEAT_BODIES,
    ("program_organization", "role"): v.PROGRAM_ORGANIZATION_ROLES,
    ("program_local_government", "role"): v.PROGRAM_LOCAL_GOVERNMENT_ROLES,
    ("event_organization", "role"): v.EVENT_ORGANIZATION_ROLES,
    ("publication_organization", "role"): v.PUBLICATION_ORGANIZATION_ROLES,
}
TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    date: "a date (YYYY-MM-DD)",
    time: "a time (HH:MM)",
    datetime: "a date and time",
}


# --- what a bundle holds ----------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    """A column of a record as the JSON names it (``program`` for ``program_id``)."""

    name: str
    column: str
    python: type
    nullable: bool
    refers: str | None  # the table a reference points at


@dataclass(frozen=True)
class _Link:
    """A list of links a record owns, as the JSON has it under ``key``."""

    key: str
    cls: type[m.Base]
    owner: str
    target: str
    refers: str
    shape: str  # "ordered" (uids, by position), "roles" ({refers: uid, role}), "set" (uids)

    @property
    def table(self) -> Table:
        return _table(self.cls)


@dataclass(frozen=True)
class _Section:
    """A record type: its JSON section, table, naming field and the links it owns."""

    name: str
    kind: str
    cls: type[m.Base]
    label: str
    links: tuple[_Link, ...] = ()

    @property
    def table(self) -> Table:
        return _table(self.cls)

    @property
    def fields(self) -> tuple[_Field, ...]:
        return _fields(self.cls)


def _table(cls: type[m.Base]) -> Table:
    return cast(Table, cls.__table__)


_FIELDS: dict[type[m.Base], tuple[_Field, ...]] = {}


def _fields(cls: type[m.Base]) -> tuple[_Field, ...]:
    if cls not in _FIELDS:
        found = []
        for column in inspect(cls).columns:
            if column.key in {"id", "uid", *IGNORED}:
                continue
            refers = None
            if column.foreign_keys:
                (key,) = column.foreign_keys
                refers = key.column.table.name
            found.append(
                _Field(
                    name=column.key.removesuffix("_id") if refers else column.key,
                    column=column.key,
                    python=str if refers else column.type.python_type,
                    nullable=bool(column.nullable),
                    refers=refers,
                )
            )
        _FIELDS[cls] = tuple(found)
    return _FIELDS[cls]


def _roles(key: str, cls: type[m.Base], owner: str, target: str, refers: str) -> _Link:
    return _Link(key, cls, owner, target, refers, "roles")


# In the order they are written: every reference to another type points at an earlier one.
SECTIONS = (
    _Section("pathways", "pathway", m.Pathway, "name"),
    _Section("organizations", "organization", m.Organization, "name"),
    _Section("local_governments", "local_government", m.LocalGovernment, "name"),
    _Section(
        "programs",
        "program",
        m.Program,
        "name",
        (
            _Link("pathways", m.ProgramPathway, "program_id", "pathway_id", "pathway", "ordered"),
            _roles(
                "organizations",
                m.ProgramOrganization,
                "program_id",
                "organization_id",
                "organization",
            ),
            _roles(
                "local_governments",
                m.ProgramLocalGovernment,
                "program_id",
                "local_government_id",
                "local_government",
            ),
        ),
    ),
    _Section("people", "person", m.Person, "name"),
    _Section("governance_seats", "governance_seat", m.GovernanceSeat, "position"),
    _Section(
        "events",
        "event",
        m.Event,
        "title",
        (
            _Link(
                "local_governments",
                m.EventLocalGovernment,
                "event_id",
                "local_government_id",
                "local_government",
                "ordered",
            ),
            _roles(
                "organizations", m.EventOrganization, "event_id", "organization_id", "organization"
            ),
        ),
    ),
    _Section(
        "publications",
        "publication",
        m.Publication,
        "title",
        (
            _roles(
                "organizations",
                m.PublicationOrganization,
                "publication_id",
                "organization_id",
                "organization",
            ),
            _Link(
                "programs", m.PublicationProgram, "publication_id", "program_id", "program", "set"
            ),
            _Link("events", m.PublicationEvent, "publication_id", "event_id", "event", "set"),
        ),
    ),
    _Section("figures", "figure", m.Figure, "label"),
)
KIND_NAMES = {section.kind: section.kind.replace("_", " ") for section in SECTIONS}


@dataclass
class Bundle:
    """A bundle read and checked: each section's records, their content normalised."""

    source: Path
    version: int
    archive: bool  # a .zip, which may carry files
    records: dict[str, list[dict[str, Any]]]
    stamps: dict[str, tuple[datetime | None, datetime | None]] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    # Earlier versions of its records the sending catalogue had seen, by uid (digests).
    versions: dict[str, frozenset[str]] = field(default_factory=dict)


def check_source(source: Path) -> None:
    """Refuse a source that is missing or a folder, before any work."""
    if source.is_dir():
        raise BundleImportError(f"cannot import {source}: it is a folder")
    try:
        source.stat()
    except FileNotFoundError:
        raise BundleImportError(f"cannot import {source}: there is no such file") from None
    except OSError as error:
        raise BundleImportError(f"cannot import {source}: {error.strerror}") from error


def read_bundle(source: Path, known_revisions: Collection[str]) -> Bundle:
    """Read and check the bundle at ``source``; raise BundleImportError for a bad one."""
    check_source(source)
    data, archive = _read_bytes(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(source, "it is not JSON (not UTF-8 text)")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        _refuse(
            source, f"it is not JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        )
    except RecursionError:
        _refuse(source, "it is not JSON (nested too deeply)")
    return _Checker(source, known_revisions).bundle(document, archive)


def _refuse(source: Path, problem: str) -> NoReturn:
    raise BundleImportError(f"cannot import {source}: {problem}")


def _read_bytes(source: Path) -> tuple[bytes, bool]:
    try:
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                info = _check_archive(source, archive)
                with archive.open(info) as stream:
                    return stream.read(MAX_JSON_BYTES + 1), True
        with source.open("rb") as stream:
            head = stream.read(len(ZIP_MAGIC))
        if head == ZIP_MAGIC or source.suffix.lower() == ".zip":
            # A .zip cut short (a copy to a stick interrupted) has lost its directory.
            _refuse(source, "the .zip is damaged or unreadable (cut short, or not a .zip)")
        size = source.stat().st_size
        if size > MAX_JSON_BYTES:
            _refuse(source, f"the file is {_mb(size)}; at most {_mb(MAX_JSON_BYTES)} can be read")
        with source.open("rb") as stream:
            data = stream.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:  # it grew after the check
            _refuse(source, f"the file is larger than {_mb(MAX_JSON_BYTES)}")
        return data, False
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as error:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        _refuse(source, f"the .zip is damaged or unreadable ({error})")
    except OSError as error:
        _refuse(source, error.strerror or str(error))


def _check_archive(source: Path, archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """Refuse a .zip that would unpack to more than is sane; return its catalogue.json."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        _refuse(source, f"the .zip holds {len(members):,} files; at most {MAX_MEMBERS:,}")
    total = 0
    for info in members:
        total += info.file_size
        limit = MAX_JSON_BYTES if info.filename == JSON_MEMBER else MAX_FILE_BYTES
        if info.file_size > limit:
            _refuse(
                source,
                f"{info.filename} in the .zip is {_mb(info.file_size)}; at most {_mb(limit)}",
            )
        if info.file_size > MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _refuse(
                source,
                f"{info.filename} in the .zip unpacks to {info.file_size // info.compress_size}"
                " times its packed size (a zip bomb?)",
            )
    if total > MAX_TOTAL_BYTES:
        _refuse(source, f"the .zip unpacks to {_mb(total)}; at most {_mb(MAX_TOTAL_BYTES)}")
    try:
        return archive.getinfo(JSON_MEMBER)
    except KeyError:
        _refuse(source, f"the .zip has no {JSON_MEMBER}; it is not a catalogue bundle")


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


class _Checker:
    """Checks a parsed document and normalises its records to the export's own form."""

    def __init__(self, source: Path, known_revisions: Collection[str]) -> None:
        self.source = source
        self.known = known_revisions

    def bundle(self, document: Any, archive: bool) -> Bundle:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            self.refuse("it is not an ICLEI Desktop catalogue")
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            self.refuse("it has no format version")
        if version > FORMAT_VERSION:
            self.refuse(
                f"it is format version {version}, newer than this app reads "
                f"(up to {FORMAT_VERSION}); update ICLEI Desktop to import it"
            )
        if version not in READ_VERSIONS:
            self.refuse(f"it is format version {version}, which this app does not read")
        revision = document.get("schema_revision")
        if revision is not None and (not isinstance(revision, str) or revision not in self.known):
            self.refuse(
                f"it comes from a newer catalogue (schema {revision}) than this app knows; "
                "update ICLEI Desktop to import it"
            )
        result = Bundle(self.source, version, archive, {})
        result.versions = self.versions(document.get("versions", {}))
        for section in SECTIONS:
            records = document.get(section.name, [])
            if not isinstance(records, list):
                self.refuse(f"its {section.name} are not a list")
            seen: set[str] = set()
            result.records[section.name] = [
                self.record(section, index, record, seen, result)
                for index, record in enumerate(records)
            ]
        return result

    def versions(self, raw: Any) -> dict[str, frozenset[str]]:
        if not isinstance(raw, dict):
            self.refuse("its versions are not a mapping of uids to digests")
        found: dict[str, frozenset[str]] = {}
        for uid, digests in raw.items():
            if not isinstance(digests, list) or not all(
                isinstance(d, str) and DIGEST.fullmatch(d) for d in digests
            ):
                self.refuse(f"the versions of {uid} are not a list of SHA-256 digests")
            found[uid] = frozenset(digests)
        return found

    def refuse(self, problem: str) -> NoReturn:
        _refuse(self.source, problem)

    def record(
        self, section: _Section, index: int, raw: Any, seen: set[str], bundle: Bundle
    ) -> dict[str, Any]:
        kind = KIND_NAMES[section.kind]
        if not isinstance(raw, dict):
            self.refuse(f"record {index + 1} of its {section.name} is not a record")
        uid = raw.get("uid")
        if not isinstance(uid, str) or not uid.strip():
            self.refuse(f"record {index + 1} of its {section.name} has no uid")
        if len(uid) > 200:
            self.refuse(f"{kind} {uid[:40]}…: the uid is longer than 200 characters")
        if uid in seen:
            self.refuse(f"{kind} {uid} appears twice")
        seen.add(uid)
        where = f"{kind} {uid}"
        label = raw.get(section.label)
        if label is None or (isinstance(label, str) and not label.strip()):
            self.refuse(f"{where} has no {section.label}")
        record: dict[str, Any] = {"uid": uid}
        for spec in section.fields:
            record[spec.name] = self.value(where, section.kind, spec, raw.get(spec.name))
        for link in section.links:
            record[link.key] = self.links(where, link, raw.get(link.key, []))
        if section.kind == "publication" and ("files" in raw or bundle.version >= 2):
            record["files"] = self.files(where, raw.get("files", []))
        created, updated = (self.stamp(where, raw, key) for key in ("created_at", "updated_at"))
        bundle.stamps[uid] = (created, updated)
        if section.kind == "event":
            sequence = raw.get("sequence", 0)
            if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
                self.refuse(f"{where}: sequence should be a whole number, not {_shown(sequence)}")
            bundle.sequences[uid] = sequence
        return record

    def value(self, where: str, kind: str, spec: _Field, value: Any) -> Any:
        if value is None:
            if not spec.nullable:
                self.refuse(f"{where} has no {spec.name}")
            return None
        python = spec.python
        if python in (date, time, datetime):
            try:
                if not isinstance(value, str):
                    raise ValueError
                return cast(Any, python).fromisoformat(value).isoformat()
            except ValueError:
                self.wrong(where, spec.name, python, value)
        if python is int and (not isinstance(value, int) or isinstance(value, bool)):
            self.wrong(where, spec.name, python, value)
        if not isinstance(value, python):
            self.wrong(where, spec.name, python, value)
        choices = CHOICES.get((kind, spec.column))
        if choices is not None and value not in choices:
            self.refuse(f"{where}: {spec.name} {_shown(value)} is not one of {', '.join(choices)}")
        if isinstance(value, str) and spec.refers is None:
            # The forms' rules: text a form would refuse would then fail on its next save.
            code = control_character(value)
            if code:
                self.refuse(
                    f"{where}: {spec.name} holds a control character ({code}), "
                    "which cannot be saved"
                )
            if spec.column == "url" and value.strip() and not is_web_address(value.strip()):
                self.refuse(f"{where}: url {_shown(value)} is not a web address")
        return value

    def wrong(self, where: str, name: str, python: type, value: Any) -> NoReturn:
        self.refuse(f"{where}: {name} should be {TYPE_NAMES[python]}, not {_shown(value)}")

    def links(self, where: str, link: _Link, raw: Any) -> list[Any]:
        if not isinstance(raw, list):
            self.refuse(f"{where}: {link.key} should be a list")
        if link.shape != "roles":
            if not all(isinstance(uid, str) for uid in raw):
                self.refuse(f"{where}: {link.key} should be a list of uids")
            unique = list(dict.fromkeys(raw))
            return unique if link.shape == "ordered" else sorted(unique)
        found: set[tuple[str, str]] = set()
        choices = CHOICES[(link.table.name, "role")]
        for entry in raw:
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get(link.refers), str)
                or not isinstance(entry.get("role"), str)
            ):
                self.refuse(f"{where}: {link.key} should be a list of {{{link.refers}, role}}")
            if entry["role"] not in choices:
                self.refuse(
                    f"{where}: role {_shown(entry['role'])} in {link.key} is not one of "
                    f"{', '.join(choices)}"
                )
            found.add((entry[link.refers], entry["role"]))
        return [{link.refers: uid, "role": role} for uid, role in sorted(found)]

    def files(self, where: str, raw: Any) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            self.refuse(f"{where}: files should be a list")
        files = []
        for entry in raw:
            if not isinstance(entry, dict):
                self.refuse(f"{where}: files should be a list of records")
            for key, python in (
                ("uid", str),
                ("name", str),
                ("stored_name", str),
                ("size", int),
                ("sha256", str),
            ):
                value = entry.get(key)
                if value is None:
                    self.refuse(f"{where}: a file has no {key}")
                if not isinstance(value, python) or isinstance(value, bool):
                    self.wrong(f"{where}, file {entry.get('uid')}", key, python, value)
            files.append({key: entry[key] for key in ("uid", "name", "stored_name", "size")})
            files[-1]["sha256"] = entry["sha256"].lower()
        return files

    def stamp(self, where: str, raw: dict[str, Any], key: str) -> datetime | None:
        value = raw.get(key)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return datetime.fromisoformat(value)
        except ValueError:
            self.wrong(where, key, datetime, value)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


# --- planning and merging ---------------------------------------------------------------


def digest(content: dict[str, Any]) -> str:
    """The SHA-256 of a record's content (no timestamps, no sequence) as canonical JSON."""
    kept = {key: value for key, value in content.items() if key not in IGNORED}
    text = json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Step:
    section: _Section
    theirs: dict[str, Any]
    local: dict[str, Any] | None
    action: str
    write: bool = False
    reason: str = ""
    differences: tuple[FieldDifference, ...] = ()
    take_theirs: bool = False
    stale: bool = False  # the bundle holds an older version than the newest agreed here

    def item(self) -> BundleItem:
        return BundleItem(
            self.section.kind,
            self.theirs["uid"],
            _label(self.section, self.theirs),
            self.action,
            self.reason,
            self.differences,
            self.take_theirs,
        )


@dataclass
class _FileStep:
    entry: dict[str, Any]
    copy: bool  # from the .zip; else already in the files folder


class Merge:
    """Plans (and, with ``apply``, carries out) the merge of ``bundle`` into a session."""

    def __init__(
        self,
        session: Session,
        bundle: Bundle,
        folder: Path,
        schema_revision: str | None,
        take_theirs: Collection[str] = (),
        progress: Progress | None = None,
        settle_conflicts: bool = True,
    ) -> None:
        self.session = session
        self.settle_conflicts = settle_conflicts
        self.bundle = bundle
        self.folder = folder
        self.take_theirs = frozenset(take_theirs)
        self.progress = progress or (lambda _done, _total: None)
        self.total = sum(len(records) for records in bundle.records.values())
        self.done = 0
        self.local = export_catalogue(session, schema_revision)
        # The newest version agreed of each record, and every version seen (agreed or sent).
        self.bases: dict[str, tuple[str, str]] = {}
        self.seen: dict[str, set[str]] = {}
        base = _table(m.MergeBase)
        for uid, kind, value, agreed in session.execute(
            select(base.c.uid, base.c.kind, base.c.digest, base.c.agreed).order_by(
                literal_column("merge_base.rowid")
            )
        ):
            self.seen.setdefault(uid, set()).add(value)
            if agreed:
                self.bases[uid] = (kind, value)
        self.steps: list[_Step] = []
        self.extra: dict[str, list[BundleItem]] = {}  # dropped links and skipped files, by uid
        self.files: dict[str, _FileStep] = {}  # the files written, by uid
        self.written: dict[str, dict[str, Any]] = {}  # what is written of each record, by uid
        self.stored_here = {  # each stored name of a file here, with that file's uid
            entry["stored_name"]: entry["uid"]
            for record in self.local["publications"]
            for entry in record["files"]
        }
        self.writing = "a record"  # named in the message when a write breaks a rule
        self._plan()

    def plan(self) -> BundlePlan:
        """What the merge does, item by item."""
        items: list[BundleItem] = []
        for step in self.steps:
            items.append(step.item())
            items.extend(self.extra.get(step.theirs["uid"], ()))
        return BundlePlan(tuple(items))

    # --- planning ---

    def _plan(self) -> None:
        available: dict[str, set[str]] = {}
        for section in SECTIONS:
            local = {record["uid"]: record for record in self.local[section.name]}
            steps = [
                self._decide(section, theirs, local.get(theirs["uid"]))
                for theirs in self.bundle.records[section.name]
            ]
            available[section.kind] = set(local) | {s.theirs["uid"] for s in steps if s.write}
            for step in steps:
                if step.write:
                    self._check_references(step, available)
                if step.write and section.kind == "publication":
                    self._plan_files(step, local)
                self._tick()
            self.steps.extend(steps)

    def _tick(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0 or self.done == self.total:
            self.progress(self.done, self.total)

    def _decide(
        self, section: _Section, theirs: dict[str, Any], local: dict[str, Any] | None
    ) -> _Step:
        uid = theirs["uid"]
        if section.kind == "publication" and "files" not in theirs:
            # A version 1 bundle says nothing of files: it leaves ours as they are.
            theirs["files"] = list(local["files"]) if local is not None else []
        base = self.bases.get(uid)
        base_digest = base[1] if base is not None and base[0] == section.kind else None
        theirs_digest = digest(theirs)
        if theirs_digest != base_digest and theirs_digest in self.seen.get(uid, ()):
            # A version seen before but not the newest: the bundle is older than what is here.
            if local is None:
                return _Step(section, theirs, None, "deleted-here", reason="deleted here")
            if digest(local) != theirs_digest:
                return _Step(
                    section,
                    theirs,
                    local,
                    "kept",
                    reason="the bundle's copy is older",
                    differences=_differences(local, theirs),
                    stale=True,
                )
        if local is None:
            if base_digest is None:
                return _Step(section, theirs, None, "new", write=True)
            if theirs_digest == base_digest:
                return _Step(section, theirs, None, "deleted-here", reason="deleted here")
            taken = uid in self.take_theirs
            return _Step(
                section,
                theirs,
                None,
                "conflict",
                write=taken,
                reason="deleted here, changed in the bundle",
                differences=(FieldDifference("record", "(deleted)", "changed"),),
                take_theirs=taken,
            )
        local_digest = digest(local)
        if local_digest == theirs_digest:
            return _Step(section, theirs, local, "unchanged")
        differences = _differences(local, theirs)
        if base_digest is not None:
            mine_edited = local_digest != base_digest
            theirs_edited = theirs_digest != base_digest
        else:
            mine_edited = _edited(_stamps(local))
            theirs_edited = _edited(self.bundle.stamps.get(uid, (None, None)))
        if theirs_edited and not mine_edited:
            return _Step(section, theirs, local, "changed", True, differences=differences)
        if mine_edited and not theirs_edited:
            return _Step(
                section, theirs, local, "kept", reason="yours is newer", differences=differences
            )
        taken = uid in self.take_theirs
        return _Step(
            section, theirs, local, "conflict", taken, differences=differences, take_theirs=taken
        )

    def _check_references(self, step: _Step, available: dict[str, set[str]]) -> None:
        """Drop the links of ``step`` to records missing on both sides (or skip the record)."""
        section, theirs = step.section, step.theirs
        written = dict(theirs)
        for spec in section.fields:
            target = theirs[spec.name]
            if spec.refers is None or target is None or target in available[spec.refers]:
                continue
            if not spec.nullable:
                step.write = False
                step.action = "skipped"
                step.reason = f"its {spec.name} {target} is neither here nor in the bundle"
                available[section.kind].discard(theirs["uid"])
                return
            written[spec.name] = None
            self._dropped(step, spec.refers, target)
        for link in section.links:
            kept = []
            for entry in theirs[link.key]:
                target = entry[link.refers] if link.shape == "roles" else entry
                if target in available[link.refers]:
                    kept.append(entry)
                else:
                    self._dropped(step, link.refers, target)
            written[link.key] = kept
        self.written[theirs["uid"]] = written

    def _dropped(self, step: _Step, kind: str, target: str) -> None:
        self.extra.setdefault(step.theirs["uid"], []).append(
            BundleItem(
                "link",
                step.theirs["uid"],
                f"{_label(step.section, step.theirs)} → {KIND_NAMES[kind]} {target}",
                "skipped",
                f"{KIND_NAMES[kind]} {target} is neither here nor in the bundle; "
                "the link is dropped",
            )
        )

    def _plan_files(self, step: _Step, local: dict[str, dict[str, Any]]) -> None:
        mine = {f["uid"]: f for f in (local.get(step.theirs["uid"]) or {}).get("files", [])}
        kept = []
        for entry in step.theirs["files"]:
            problem = self._file_problem(entry, mine.get(entry["uid"]))
            if problem is None:
                kept.append(entry)
            else:
                self.extra.setdefault(step.theirs["uid"], []).append(
                    BundleItem("file", step.theirs["uid"], entry["name"], "skipped", problem)
                )
        self.written[step.theirs["uid"]]["files"] = kept

    def _file_problem(self, entry: dict[str, Any], mine: dict[str, Any] | None) -> str | None:
        """Why the file of ``entry`` cannot be had (None: it can); plans its copy."""
        name = entry["stored_name"]
        if mine == entry:  # ours as it is, whether or not its file is at hand
            self.files[entry["uid"]] = _FileStep(entry, copy=False)
            return None
        if not _safe_name(name):
            return f"its name {name} would be stored outside the files folder"
        owner = self.stored_here.get(name)
        if owner is not None and owner != entry["uid"]:
            return f"another file here is stored as {name}"
        if entry["size"] > MAX_FILE_BYTES:
            return f"it is {_mb(entry['size'])}; at most {_mb(MAX_FILE_BYTES)}"
        if _has_file(self.folder / name, entry):
            self.files[entry["uid"]] = _FileStep(entry, copy=False)
            return None
        if not self.bundle.archive:
            return "the file is not in the bundle (a .json bundle carries no files)"
        problem = _member_problem(self.bundle.source, entry)
        if problem is None:
            self.files[entry["uid"]] = _FileStep(entry, copy=True)
        return problem

    # --- writing ---

    def apply(self) -> BundlePlan:
        """Write the planned changes in the session's transaction; return what was done."""
        ids: dict[str, dict[str, int]] = {}
        # The writes report their own progress, so Cancel still stops (and rolls back) here.
        self.done, self.total = 0, sum(1 for step in self.steps if step.write)
        try:
            for section in SECTIONS:
                steps = [s for s in self.steps if s.section is section and s.write]
                self._write_section(section, steps, ids)
            self._write_bases()
            self.session.flush()
        except IntegrityError as error:
            # The checks of read_bundle catch wrong types; a rule across fields (an end
            # before its start) is the database's to enforce.
            raise BundleImportError(
                f"cannot import {self.bundle.source}: {self.writing} breaks a rule of the "
                f"catalogue ({error.orig}); nothing was imported"
            ) from error
        return self.plan()

    def _ids(self, ids: dict[str, dict[str, int]], kind: str) -> dict[str, int]:
        if kind not in ids:
            table = m.Base.metadata.tables[kind]
            ids[kind] = {
                uid: row_id for uid, row_id in self.session.execute(select(table.c.uid, table.c.id))
            }
        return ids[kind]

    def _write_section(
        self, section: _Section, steps: list[_Step], ids: dict[str, dict[str, int]]
    ) -> None:
        table = section.table
        own = [spec for spec in section.fields if spec.refers == section.kind]
        added: list[dict[str, Any]] = []
        for step in steps:
            written = self.written[step.theirs["uid"]]
            values = self._values(section, written, ids, skip=own)
            uid = written["uid"]
            self._tick()
            if step.local is None:
                created, updated = self.bundle.stamps.get(uid, (None, None))
                values.update(
                    uid=uid, created_at=created or utcnow(), updated_at=updated or utcnow()
                )
                if section.kind == "event":
                    values["sequence"] = self.bundle.sequences.get(uid, 0)
                added.append(values)
            else:
                self.writing = f"{KIND_NAMES[section.kind]} {uid}"
                values["updated_at"] = utcnow()
                if section.kind == "event":
                    values["sequence"] = (
                        max(step.local["sequence"], self.bundle.sequences.get(uid, 0)) + 1
                    )
                self.session.execute(update(table).where(table.c.uid == uid).values(**values))
        self._insert(section, added)
        ids.pop(section.kind, None)
        mine = self._ids(ids, section.kind)
        owners = [mine[step.theirs["uid"]] for step in steps]
        if own:
            self.writing = f"a {KIND_NAMES[section.kind]}"
            rows = [
                {
                    "_id": owner,
                    **self._values(section, self.written[step.theirs["uid"]], ids, only=own),
                }
                for owner, step in zip(owners, steps, strict=True)
            ]
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({spec.column: bindparam(spec.column) for spec in own})
            )
            for start in range(0, len(rows), BATCH):
                self.session.execute(statement, rows[start : start + BATCH])
        replaced = [owner for owner, step in zip(owners, steps, strict=True) if step.local]
        for link in section.links:
            self._write_links(link, owners, steps, replaced, ids)
        if section.kind == "publication":
            for owner, step in zip(owners, steps, strict=True):
                files = self.written[step.theirs["uid"]]["files"]
                if files or step.local is not None:
                    self._write_files(owner, files)

    def _insert(self, section: _Section, rows: list[dict[str, Any]]) -> None:
        """Insert new records in batches; on a broken rule, find and name the record."""
        table = section.table
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            try:
                with self.session.begin_nested():
                    self.session.execute(insert(table), batch)
            except IntegrityError:
                for row in batch:
                    self.writing = f"{KIND_NAMES[section.kind]} {row['uid']}"
                    self.session.execute(insert(table).values(**row))
                raise

    def _values(
        self,
        section: _Section,
        written: dict[str, Any],
        ids: dict[str, dict[str, int]],
        skip: Iterable[_Field] = (),
        only: Iterable[_Field] | None = None,
    ) -> dict[str, Any]:
        chosen = list(only) if only is not None else [f for f in section.fields if f not in skip]
        values: dict[str, Any] = {}
        for spec in chosen:
            value = written[spec.name]
            if value is not None and spec.refers is not None:
                value = self._ids(ids, spec.refers)[value]
            elif value is not None and spec.python in (date, time, datetime):
                value = cast(Any, spec.python).fromisoformat(value)
            values[spec.column] = value
        return values

    def _write_links(
        self,
        link: _Link,
        owners: list[int],
        steps: list[_Step],
        replaced: list[int],
        ids: dict[str, dict[str, int]],
    ) -> None:
        table = link.table
        self.writing = f"a link of a {link.owner.removesuffix('_id').replace('_', ' ')}"
        for start in range(0, len(replaced), BATCH):
            chunk = replaced[start : start + BATCH]
            self.session.execute(delete(table).where(table.c[link.owner].in_(chunk)))
        targets = self._ids(ids, link.refers)
        rows = []
        for owner, step in zip(owners, steps, strict=True):
            for position, entry in enumerate(self.written[step.theirs["uid"]][link.key]):
                row: dict[str, Any] = {link.owner: owner}
                if link.shape == "roles":
                    row[link.target] = targets[entry[link.refers]]
                    row["role"] = entry["role"]
                else:
                    row[link.target] = targets[entry]
                if link.shape == "ordered":
                    row["position"] = position
                rows.append(row)
        for start in range(0, len(rows), BATCH):
            self.session.execute(insert(table), rows[start : start + BATCH])

    def _write_files(self, publication: int, entries: list[dict[str, Any]]) -> None:
        table = _table(m.PublicationFile)
        wanted = {entry["uid"] for entry in entries}
        self.session.execute(
            delete(table).where(table.c.publication_id == publication, table.c.uid.not_in(wanted))
        )
        # The files themselves stay in the folder: a bundle never deletes a file.
        for position, entry in enumerate(entries):
            if self.files[entry["uid"]].copy:
                _copy_member(self.bundle.source, entry, self.folder)
            values = {
                "publication_id": publication,
                "position": position,
                "name": entry["name"],
                "stored_name": entry["stored_name"],
                "size": entry["size"],
                "sha256": entry["sha256"],
            }
            found = self.session.execute(
                update(table).where(table.c.uid == entry["uid"]).values(**values)
            )
            if not found.rowcount:  # type: ignore[attr-defined]
                self.session.execute(insert(table).values(uid=entry["uid"], **values))

    def _write_bases(self) -> None:
        rows = [
            {"uid": step.theirs["uid"], "kind": step.section.kind, "digest": digest(step.theirs)}
            for step in self.steps
            if step.action != "skipped"
            # An older copy does not become the newest version agreed.
            and not step.stale
            # A conflict kept unchosen keeps its old base, so the next import shows it again.
            and (self.settle_conflicts or step.action != "conflict" or step.take_theirs)
        ]
        _remember(self.session, rows, agreed=True)
        # Their earlier versions are older than what is merged: a bundle bringing one later
        # (an older export, imported after this one) is then known to be older.
        kinds = {step.theirs["uid"]: step.section.kind for step in self.steps}
        _remember(
            self.session,
            [
                {"uid": uid, "kind": kinds[uid], "digest": value}
                for uid, values in self.bundle.versions.items()
                if uid in kinds
                for value in sorted(values)
            ],
            agreed=False,
        )


def agree_on_everything(session: Session) -> None:
    """Write the merge base of every record as it is now: what a new catalogue's seed holds.

    Two laptops seeded from the same catalogue then agree on every seeded record before
    either is edited, so a seeded record deleted on one is known as deleted there and a
    first exchange does not bring it back as new.
    """
    _remember(session, current_versions(export_catalogue(session, None)), agreed=True)


def current_versions(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Each record of an exported ``document`` with its kind and digest, as merge_base rows."""
    return [
        {"uid": record["uid"], "kind": section.kind, "digest": digest(record)}
        for section in SECTIONS
        for record in document.get(section.name, ())
    ]


def past_versions(session: Session, current: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The versions seen here of each record of ``current`` other than its current one.

    An export carries them (its "versions"), so that a catalogue importing it knows them as
    older than what it merges.
    """
    now = {row["uid"]: row["digest"] for row in current}
    past: dict[str, list[str]] = {}
    base = _table(m.MergeBase)
    for uid, value in session.execute(
        select(base.c.uid, base.c.digest).order_by(base.c.uid, base.c.digest)
    ):
        if uid in now and value != now[uid]:
            past.setdefault(uid, []).append(value)
    return past


def remember_sent(session: Session, current: list[dict[str, Any]]) -> None:
    """Note the versions of an export (``current_versions``) as seen, not as agreed.

    The colleague's bundle may bring these versions back: one that is not the newest here
    is then known to be older (never taken over an edit made since), and a record deleted
    here since is known to be deleted, not new. Nothing is agreed, since the colleague may
    never import the export.
    """
    _remember(session, current, agreed=False)


def _remember(session: Session, rows: list[dict[str, Any]], *, agreed: bool) -> None:
    """Write versions seen; an agreed one becomes its record's newest (a new rowid)."""
    statement = sqlite_insert(_table(m.MergeBase)).values(agreed=agreed)
    # A version agreed replaces its row, moving it last; one only sent leaves a row alone.
    statement = statement.prefix_with("OR REPLACE" if agreed else "OR IGNORE")
    for start in range(0, len(rows), BATCH):
        session.execute(statement, rows[start : start + BATCH])


def _stamps(record: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    def read(key: str) -> datetime | None:
        value = record.get(key)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    return read("created_at"), read("updated_at")


def _edited(stamps: tuple[datetime | None, datetime | None]) -> bool:
    created, updated = stamps
    if created is None or updated is None:
        return True
    return updated - created >= EDITED_AFTER


def _label(section: _Section, record: dict[str, Any]) -> str:
    label = str(record.get(section.label) or record["uid"])
    if section.kind == "governance_seat":
        return f"{record.get('person')}: {label}"
    if section.kind == "figure":
        return f"{label}: {record.get('value')}"
    return label


def _differences(mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[FieldDifference, ...]:
    return tuple(
        FieldDifference(key, _text(mine.get(key)), _text(value))
        for key, value in theirs.items()
        if key not in IGNORED and mine.get(key) != value
    )


def _text(value: Any, limit: int = 80) -> str:
    """A field's value as short text for a person to compare."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        parts = []
        for entry in value:
            if isinstance(entry, dict) and "role" in entry:
                target = next(v for k, v in entry.items() if k != "role")
                parts.append(f"{target} ({entry['role']})")
            elif isinstance(entry, dict):
                parts.append(str(entry.get("name")))
            else:
                parts.append(str(entry))
        value = ", ".join(parts)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- publication files in a .zip ------------------------------------------------------


def _safe_name(name: str) -> bool:
    """Whether ``name`` stays inside the files folder on every system."""
    if not name or "\\" in name or "\x00" in name or ":" in name or name.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _has_file(path: Path, entry: dict[str, Any]) -> bool:
    """Whether ``path`` holds the file of ``entry`` already (same size and SHA-256)."""
    try:
        if not path.is_file() or path.stat().st_size != entry["size"]:
            return False
        hasher = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                hasher.update(chunk)
    except OSError:
        return False
    return str(entry["sha256"]) == hasher.hexdigest()


def _member_problem(source: Path, entry: dict[str, Any]) -> str | None:
    """Why the .zip's copy of ``entry`` cannot be used (None: it can)."""
    try:
        with zipfile.ZipFile(source) as archive:
            try:
                info = archive.getinfo(FILES_PREFIX + entry["stored_name"])
            except KeyError:
                return "the file is missing from the bundle"
            if info.file_size != entry["size"]:
                return "the file in the bundle is damaged (its size differs)"
            hasher = hashlib.sha256()
            with archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    hasher.update(chunk)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError):
        return "the file in the bundle is damaged (it cannot be read)"
    if hasher.hexdigest() != entry["sha256"]:
        return "the file in the bundle is damaged (its sha256 differs)"
    return None


def _copy_member(source: Path, entry: dict[str, Any], folder: Path) -> None:
    """Copy a checked file from the .zip into ``folder`` through a temporary file."""
    target = folder / entry["stored_name"]
    if not target.resolve().is_relative_to(folder.resolve()):  # a link inside the folder
        raise BundleImportError(f"cannot import {source}: {target} is outside the files folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".import-")
        try:
            hasher = hashlib.sha256()
            with (
                os.fdopen(handle, "wb") as out,
                zipfile.ZipFile(source) as archive,
                archive.open(FILES_PREFIX + entry["stored_name"]) as stream,
            ):
                while chunk := stream.read(CHUNK):
                    hasher.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if hasher.hexdigest() != entry["sha256"]:  # it changed since the preview
                raise BundleImportError(
                    f"cannot import {source}: the file {entry['stored_name']} in it is damaged"
                )
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        sync_folder(target.parent)
    except OSError as error:
        raise BundleImportError(
            f"cannot import {source}: cannot copy {entry['stored_name']} into {folder}: "
            f"{describe_os_error(error)}"
        ) from error


def write_zip(target: Path, catalogue_json: bytes, folder: Path, stored_names: list[str]) -> int:
    """Write a .zip bundle atomically: the catalogue and the files it names; return how many.

    A file missing from ``folder`` is left out (the import reports it as skipped).
    Raises ExportError, having left ``target`` as it was, when it cannot be written.
    """
    written = 0
    with (
        writing_atomically(target) as out,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(JSON_MEMBER, catalogue_json)
        for name in stored_names:
            path = folder / name
            if _safe_name(name) and path.is_file():
                # Publications (PDF, DOCX) are compressed already.
                archive.write(path, FILES_PREFIX + name, zipfile.ZIP_STORED)
                written += 1
    return written
