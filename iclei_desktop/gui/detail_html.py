"""Detail panes as HTML: every record named is a link ``record:<kind>/<id>``."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QGuiApplication, QPalette

from ..core.dto import (
    EventDetail,
    LocalGovernmentDetail,
    OrganizationDetail,
    PersonDetail,
    ProgramDetail,
    PublicationDetail,
    PublicationFileRow,
    Ref,
    SeatRow,
)
from .labels import label

SCHEME = "record"
FILE_SCHEME = "publication-file"  # a file of the publication shown: opened, never navigated to


def tr(text: str) -> str:
    """Translate a detail-pane string."""
    return QCoreApplication.translate("Detail", text)


def href(kind: str, record_id: int) -> str:
    """Return the link that opens a record."""
    return f"{SCHEME}:{kind}/{record_id}"


def parse_href(url: str) -> tuple[str, int] | None:
    """Return (kind, id) of a record link, or None for anything else."""
    scheme, _, rest = url.partition(":")
    kind, _, number = rest.partition("/")
    if scheme != SCHEME or not number.isdigit():
        return None
    return kind, int(number)


def file_href(file_id: int) -> str:
    """Return the link that opens a publication's file."""
    return f"{FILE_SCHEME}:{file_id}"


def parse_file_href(url: str) -> int | None:
    """Return the file id of a file link, or None for anything else."""
    scheme, _, number = url.partition(":")
    return int(number) if scheme == FILE_SCHEME and number.isdigit() else None


def file_size(size: int) -> str:
    """A file's size as people read it: 840 bytes, 2.0 kB, 1.2 MB."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def file_status(status: str) -> str:
    """What a file's status means, in words ("" when it is as it was added)."""
    return {
        "missing": tr("missing — moved or deleted"),
        "changed": tr("changed since it was added"),
    }.get(status, "")


def _files(files: Iterable[PublicationFileRow]) -> str:
    # Words say what is wrong; the colour only draws the eye (and follows light or dark mode).
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    warning = "#ff8a80" if dark else "#b3261e"
    items = []
    for f in files:
        status = file_status(f.status)
        marked = (
            f' — <b><span style="color:{warning}">{escape(status)}</span></b>' if status else ""
        )
        items.append(
            f'<li><a href="{file_href(f.id)}">{escape(f.name)}</a>'
            f" <span>({escape(file_size(f.size))})</span>{marked}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _link(ref: Ref) -> str:
    text = f'<a href="{href(ref.kind, ref.id)}">{escape(ref.label)}</a>'
    return f"{text} <span>({escape(label(ref.note))})</span>" if ref.note else text


def _links(refs: Iterable[Ref]) -> str:
    items = [f"<li>{_link(r)}</li>" for r in refs]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def _fields(rows: Iterable[tuple[str, str | None]]) -> str:
    """A two-column table of the fields that have a value; values are already HTML."""
    cells = [
        f"<tr><td><b>{escape(name)}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>"
        for name, value in rows
        if value
    ]
    return f"<table cellspacing='2'>{''.join(cells)}</table>" if cells else ""


def _text(value: str | None) -> str | None:
    return escape(value) if value else None


def _paragraph(value: str | None) -> str:
    return f"<p>{escape(value)}</p>" if value else ""


def _note(value: str | None) -> str:
    return _section(tr("Notes"), _paragraph(value))


def _title(title: str, subtitle: str | None = None) -> str:
    sub = f"<p><i>{escape(subtitle)}</i></p>" if subtitle else ""
    return f"<h2>{escape(title)}</h2>{sub}"


def _seats(seats: Iterable[SeatRow], *, show_person: bool) -> str:
    items = []
    for seat in seats:
        body = {"gexcom": tr("GexCom"), "rexcom_east_asia": tr("East Asia RexCom")}.get(
            seat.body, seat.body
        )
        parts = [f"{escape(seat.position)}, {escape(body)} {escape(seat.term)}"]
        if seat.portfolio:
            parts.append(escape(seat.portfolio))
        who = _link(seat.person) + " — " if show_person else ""
        items.append(f"<li>{who}{' · '.join(parts)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def program_html(d: ProgramDetail) -> str:
    """Render a program."""
    title = f"{d.name} ({d.acronym})" if d.acronym else d.name
    figures = "".join(
        f"<li><b>{escape(f.value)}</b> — {escape(f.label)}"
        + (f" <i>({escape(f.note)})</i>" if f.note else "")
        + "</li>"
        for f in d.figures
    )
    funders = [r for r in d.organizations if r.note == "funder"]
    others = [r for r in d.organizations if r.note != "funder"]
    return "".join(
        [
            _title(title, label(d.kind)),
            _fields(
                [
                    (tr("Pathways"), _text(", ".join(d.pathways))),
                    (tr("Period"), _text(d.period)),
                    (tr("Status"), _text(label(d.status))),
                    (tr("Part of"), _link(d.parent) if d.parent else None),
                ]
            ),
            _paragraph(d.summary),
            _section(tr("Funders"), _links(funders)),
            _section(tr("Partners and implementers"), _links(others)),
            _section(tr("Local governments"), _links(d.local_governments)),
            _section(tr("Key figures"), f"<ul>{figures}</ul>" if figures else ""),
            _section(tr("Projects within it"), _links(d.children)),
            _section(tr("Events"), _links(d.events)),
            _section(tr("Publications"), _links(d.publications)),
            _note(d.note),
        ]
    )


def event_html(d: EventDetail) -> str:
    """Render an event."""
    when = escape(d.when)
    if d.date_text and d.precision != "day":
        when += " " + escape(tr("(the report says “%1”)").replace("%1", d.date_text))
    attendance = d.attendance_text or (str(d.attendance) if d.attendance is not None else None)
    return "".join(
        [
            _title(d.title, d.series),
            _fields(
                [
                    (tr("When"), when),
                    (tr("Time"), _text(d.times)),
                    (tr("Where"), _text(d.location)),
                    (tr("Mode"), _text(label(d.mode))),
                    (tr("Status"), _text(label(d.status))),
                    (tr("Program"), _link(d.program) if d.program else None),
                    (tr("Pathways"), _text(", ".join(d.pathways))),
                    (tr("Attendance"), _text(attendance)),
                    (
                        tr("Link"),
                        f'<a href="{escape(d.url)}">{escape(d.url)}</a>' if d.url else None,
                    ),
                ]
            ),
            _paragraph(d.description),
            _section(tr("Cities"), _links(d.cities)),
            _section(tr("Organizations"), _links(d.organizations)),
            _section(tr("Publications"), _links(d.publications)),
            _note(d.note),
        ]
    )


def local_government_html(d: LocalGovernmentDetail) -> str:
    """Render a local government."""
    title = f"{d.name} {d.native_name}" if d.native_name else d.name
    if d.is_member:
        membership = tr("Member")
        if d.member_since:
            membership += " " + tr("since %1").replace("%1", str(d.member_since))
    elif d.is_member is False:
        membership = tr("Not a member")
    else:
        membership = tr("Not stated in the report")
    return "".join(
        [
            _title(title, f"{label(d.kind)}, {d.country}"),
            _fields(
                [
                    (tr("ICLEI membership"), escape(membership)),
                    (tr("Membership"), _text(d.membership_note)),
                    (tr("Part of"), _link(d.parent) if d.parent else None),
                ]
            ),
            _section(tr("Representatives"), _links(d.representatives)),
            _section(tr("Governance seats"), _seats(d.seats, show_person=True)),
            _section(tr("Districts and cities within it"), _links(d.children)),
            _section(tr("Programs"), _links(d.programs)),
            _section(tr("Events"), _links(d.events)),
            _note(d.note),
        ]
    )


def person_html(d: PersonDetail) -> str:
    """Render a person."""
    name = " ".join(x for x in (d.honorific, d.name, d.native_name) if x)
    return "".join(
        [
            _title(name, d.title),
            _fields(
                [
                    (tr("Represents"), _link(d.local_government) if d.local_government else None),
                    (tr("Organization"), _link(d.organization) if d.organization else None),
                    (tr("City"), _text(d.city)),
                    (tr("Secretariat staff"), escape(tr("Yes")) if d.is_staff else None),
                ]
            ),
            _section(tr("Governance seats"), _seats(d.seats, show_person=False)),
            _note(d.note),
        ]
    )


def organization_html(d: OrganizationDetail) -> str:
    """Render an organization."""
    title = f"{d.name} ({d.acronym})" if d.acronym and d.acronym not in d.name else d.name
    return "".join(
        [
            _title(title, label(d.kind)),
            _fields(
                [
                    (tr("Native name"), _text(d.native_name)),
                    (tr("Country"), _text(d.country)),
                    (tr("Part of"), _link(d.parent) if d.parent else None),
                ]
            ),
            _section(tr("Offices and projects within it"), _links(d.children)),
            _section(tr("People"), _links(d.people)),
            _section(tr("Programs"), _links(d.programs)),
            _section(tr("Events"), _links(d.events)),
            _section(tr("Publications"), _links(d.publications)),
            _note(d.note),
        ]
    )


def publication_html(d: PublicationDetail) -> str:
    """Render a publication."""
    when = escape(d.when) if d.when else None
    if d.date_text:
        when = (when + " " if when else "") + escape(
            tr("(the report says “%1”)").replace("%1", d.date_text)
        )
    return "".join(
        [
            _title(d.title, label(d.kind)),
            _fields(
                [
                    (tr("Date"), when),
                    (tr("Language"), _text(label(d.language))),
                    (tr("Status"), _text(label(d.status))),
                    (tr("Translation of"), _link(d.translation_of) if d.translation_of else None),
                    (
                        tr("Link"),
                        f'<a href="{escape(d.url)}">{escape(d.url)}</a>' if d.url else None,
                    ),
                ]
            ),
            _section(tr("Files"), _files(d.files)),
            _section(tr("Translations"), _links(d.translations)),
            _section(tr("Publishers, translators and authors"), _links(d.organizations)),
            _section(tr("Programs"), _links(d.programs)),
            _section(tr("Events"), _links(d.events)),
            _note(d.note),
        ]
    )


RENDERERS = {
    ProgramDetail: program_html,
    EventDetail: event_html,
    LocalGovernmentDetail: local_government_html,
    PersonDetail: person_html,
    OrganizationDetail: organization_html,
    PublicationDetail: publication_html,
}


def render(detail: object) -> str:
    """Render any detail DTO."""
    return RENDERERS[type(detail)](detail)  # type: ignore[operator]
