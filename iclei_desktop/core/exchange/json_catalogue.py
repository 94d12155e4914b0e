"""The whole catalogue as JSON: every record and link, keyed by stable uids.

Layout: ``{"format", "format_version", "app_version", "schema_revision", "exported_at",
<record type>: [records]}``. Integer row ids never appear; a reference to another record is
that record's ``uid`` and links sit inside the record that owns them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ... import __version__
from .. import models as m

FORMAT = "iclei-desktop-catalogue"
FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _fields(record: Any) -> dict[str, Any]:
    """Return a record's columns, with foreign keys turned into the referred record's uid."""
    mapper = inspect(type(record))
    out: dict[str, Any] = {"uid": record.uid}
    for column in mapper.columns:
        if column.key in {"id", "uid"}:
            continue
        value = getattr(record, column.key)
        if column.foreign_keys:
            name = column.key.removesuffix("_id")
            target = getattr(record, name)
            out[name] = target.uid if target is not None else None
        else:
            out[column.key] = _plain(value)
    return out


def _all(session: Session, cls: type[Any], order: Any) -> list[Any]:
    return list(session.scalars(select(cls).order_by(order)))


def export_catalogue(session: Session, schema_revision: str | None) -> dict[str, Any]:
    """Return the whole catalogue as a JSON-ready dict."""
    sections: dict[str, tuple[type[Any], Callable[[Any], dict[str, Any]]]] = {
        "pathways": (m.Pathway, _fields),
        "programs": (m.Program, _program),
        "events": (m.Event, _event),
        "local_governments": (m.LocalGovernment, _fields),
        "people": (m.Person, _fields),
        "governance_seats": (m.GovernanceSeat, _fields),
        "organizations": (m.Organization, _fields),
        "publications": (m.Publication, _publication),
        "figures": (m.Figure, _fields),
    }
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": schema_revision,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for name, (cls, serialize) in sections.items():
        document[name] = [serialize(r) for r in _all(session, cls, cls.uid)]
    return document


def _program(p: m.Program) -> dict[str, Any]:
    return {
        **_fields(p),
        "pathways": [link.pathway.uid for link in p.pathway_links],
        "organizations": sorted(
            (
                {"organization": link.organization.uid, "role": link.role}
                for link in p.organization_links
            ),
            key=lambda d: (d["organization"], d["role"]),
        ),
        "local_governments": sorted(
            (
                {"local_government": link.local_government.uid, "role": link.role}
                for link in p.local_government_links
            ),
            key=lambda d: (d["local_government"], d["role"]),
        ),
    }


def _event(e: m.Event) -> dict[str, Any]:
    return {
        **_fields(e),
        "local_governments": [link.local_government.uid for link in e.local_government_links],
        "organizations": sorted(
            (
                {"organization": link.organization.uid, "role": link.role}
                for link in e.organization_links
            ),
            key=lambda d: (d["organization"], d["role"]),
        ),
    }


def _publication(p: m.Publication) -> dict[str, Any]:
    return {
        **_fields(p),
        "organizations": sorted(
            (
                {"organization": link.organization.uid, "role": link.role}
                for link in p.organization_links
            ),
            key=lambda d: (d["organization"], d["role"]),
        ),
        "programs": sorted(link.program.uid for link in p.program_links),
        "events": sorted(link.event.uid for link in p.event_links),
    }


def dumps(document: dict[str, Any]) -> str:
    """Serialize an exported catalogue: UTF-8 text, CJK kept literal, stable key order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
