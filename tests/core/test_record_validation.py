"""Every message the record forms can show, exactly, and that a refused draft saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import (
    FigureDraft,
    LocalGovernmentDraft,
    OrganizationDraft,
    PersonDraft,
    ProgramDraft,
    PublicationDraft,
    RecordDraft,
    SeatDraft,
)
from iclei_desktop.core.errors import UserError
from iclei_desktop.core.services.records import InvalidRecord
from iclei_desktop.core.validation import validate_record
from tests.ical_support import snapshot

PROGRAM = ProgramDraft(name="Clean air")
LG = LocalGovernmentDraft(name="Hwaseong", country="South Korea")
PERSON = PersonDraft(name="Kim Min-ji")
SEAT = SeatDraft(body="gexcom", position="Member", term_start=2021, term_end=2024)
ORG = OrganizationDraft(name="Green Finance Institute")
PUBLICATION = PublicationDraft(title="Clean air handbook")
LONG = "x" * 301
NOTE_LONG = "x" * 20_001

# (kind, draft, field, message): every message validation gives.
CASES: list[tuple[str, RecordDraft, str, str]] = [
    ("program", replace(PROGRAM, name="  "), "name", "Name is required"),
    ("program", replace(PROGRAM, name=LONG), "name", "Name is too long (at most 300 characters)"),
    (
        "program",
        replace(PROGRAM, name="Clean\x00air"),
        "name",
        "Name holds a control character (U+0000), which cannot be saved",
    ),
    (
        "program",
        replace(PROGRAM, acronym=LONG),
        "acronym",
        "Acronym is too long (at most 300 characters)",
    ),
    (
        "program",
        replace(PROGRAM, period_text="2020\r"),
        "period_text",
        "The report's period holds a control character (U+000D), which cannot be saved",
    ),
    (
        "program",
        replace(PROGRAM, summary=NOTE_LONG),
        "summary",
        "Summary is too long (at most 20000 characters)",
    ),
    (
        "program",
        replace(PROGRAM, note="\x1b"),
        "note",
        "Note holds a control character (U+001B), which cannot be saved",
    ),
    ("program", replace(PROGRAM, kind="campaign"), "kind", "Unknown kind"),
    ("program", replace(PROGRAM, status="paused"), "status", "Unknown status"),
    (
        "program",
        replace(PROGRAM, period_start=1989),
        "period_start",
        "Start year must be between 1990 and 2100",
    ),
    (
        "program",
        replace(PROGRAM, period_end=2101),
        "period_end",
        "End year must be between 1990 and 2100",
    ),
    (
        "program",
        replace(PROGRAM, period_start=2021, period_end=2020),
        "period_end",
        "End year is before start year",
    ),
    (
        "program",
        replace(PROGRAM, pathway_ids=(1, 2, 1)),
        "pathway_ids",
        "A pathway is listed twice",
    ),
    (
        "program",
        replace(PROGRAM, organizations=((1, "sponsor"),)),
        "organizations",
        "Unknown role: sponsor",
    ),
    (
        "program",
        replace(PROGRAM, organizations=((1, "funder"), (1, "funder"))),
        "organizations",
        "An organization is listed twice with the same role",
    ),
    (
        "program",
        replace(PROGRAM, local_governments=((1, "host"),)),
        "local_governments",
        "Unknown role: host",
    ),
    (
        "program",
        replace(PROGRAM, local_governments=((1, "pilot"), (1, "pilot"))),
        "local_governments",
        "A local government is listed twice with the same role",
    ),
    (
        "program",
        replace(PROGRAM, figures=(FigureDraft("Cities", "60"), FigureDraft(" ", "3"))),
        "figures",
        "Figure 2: label is required",
    ),
    (
        "program",
        replace(PROGRAM, figures=(FigureDraft("Cities", ""),)),
        "figures",
        "Figure 1: value is required",
    ),
    (
        "program",
        replace(PROGRAM, figures=(FigureDraft(LONG, "60"),)),
        "figures",
        "Figure 1: label is too long (at most 300 characters)",
    ),
    (
        "program",
        replace(PROGRAM, figures=(FigureDraft("Cities", "60", as_of="2020\x7f"),)),
        "figures",
        "Figure 1: as of holds a control character (U+007F), which cannot be saved",
    ),
    (
        "program",
        replace(PROGRAM, figures=(FigureDraft("Cities", "60", note="\x00"),)),
        "figures",
        "Figure 1: note holds a control character (U+0000), which cannot be saved",
    ),
    ("local_government", replace(LG, name=""), "name", "Name is required"),
    ("local_government", replace(LG, country=" "), "country", "Country is required"),
    (
        "local_government",
        replace(LG, country=LONG),
        "country",
        "Country is too long (at most 300 characters)",
    ),
    (
        "local_government",
        replace(LG, native_name="수원\x00"),
        "native_name",
        "Native name holds a control character (U+0000), which cannot be saved",
    ),
    ("local_government", replace(LG, kind="village"), "kind", "Unknown kind"),
    (
        "local_government",
        replace(LG, member_since=2012),
        "member_since",
        "Only a member has a year it joined: set it as a member or clear the year",
    ),
    (
        "local_government",
        replace(LG, is_member=False, member_since=2012),
        "member_since",
        "Only a member has a year it joined: set it as a member or clear the year",
    ),
    (
        "local_government",
        replace(LG, is_member=True, member_since=1989),
        "member_since",
        "Member since must be between 1990 and 2100",
    ),
    (
        "local_government",
        replace(LG, membership_note=NOTE_LONG),
        "membership_note",
        "Membership note is too long (at most 20000 characters)",
    ),
    ("person", replace(PERSON, name=""), "name", "Name is required"),
    (
        "person",
        replace(PERSON, honorific="Dr.\x01"),
        "honorific",
        "Honorific holds a control character (U+0001), which cannot be saved",
    ),
    (
        "person",
        replace(PERSON, title=LONG),
        "title",
        "Job title is too long (at most 300 characters)",
    ),
    ("person", replace(PERSON, city=LONG), "city", "City is too long (at most 300 characters)"),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, body="council"),)),
        "seats",
        "Seat 1: unknown body",
    ),
    (
        "person",
        replace(PERSON, seats=(SEAT, replace(SEAT, position=" "))),
        "seats",
        "Seat 2: position is required",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, term_start=None),)),
        "seats",
        "Seat 1: term start is required",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, term_end=None),)),
        "seats",
        "Seat 1: term end is required",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, term_start=1980),)),
        "seats",
        "Seat 1: term start must be between 1990 and 2100",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, term_end=2200),)),
        "seats",
        "Seat 1: term end must be between 1990 and 2100",
    ),
    (
        "person",
        replace(PERSON, seats=(SEAT, replace(SEAT, term_start=2021, term_end=2018))),
        "seats",
        "Seat 2: term end is before term start",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, portfolio="Climate\x0b"),)),
        "seats",
        "Seat 1: portfolio holds a control character (U+000B), which cannot be saved",
    ),
    (
        "person",
        replace(PERSON, seats=(replace(SEAT, note=NOTE_LONG),)),
        "seats",
        "Seat 1: note is too long (at most 20000 characters)",
    ),
    ("organization", replace(ORG, name=""), "name", "Name is required"),
    ("organization", replace(ORG, kind="club"), "kind", "Unknown kind"),
    (
        "organization",
        replace(ORG, acronym="G\x00"),
        "acronym",
        "Acronym holds a control character (U+0000), which cannot be saved",
    ),
    ("publication", replace(PUBLICATION, title=""), "title", "Title is required"),
    (
        "publication",
        replace(PUBLICATION, title=LONG),
        "title",
        "Title is too long (at most 300 characters)",
    ),
    ("publication", replace(PUBLICATION, language=""), "language", "Language is required"),
    (
        "publication",
        replace(PUBLICATION, language="English"),
        "language",
        "Not a language code (such as en or zh-Hans)",
    ),
    ("publication", replace(PUBLICATION, kind="book"), "kind", "Unknown kind"),
    ("publication", replace(PUBLICATION, status="draft"), "status", "Unknown status"),
    (
        "publication",
        replace(PUBLICATION, published_on=date(2021, 1, 1), date_precision="week"),
        "date_precision",
        "Unknown date precision",
    ),
    (
        "publication",
        replace(PUBLICATION, published_on=date(2021, 1, 1)),
        "date_precision",
        "Date precision is required with a date",
    ),
    (
        "publication",
        replace(PUBLICATION, date_precision="year"),
        "published_on",
        "Date is required with a date precision",
    ),
    (
        "publication",
        replace(PUBLICATION, date_text="June\x002021"),
        "date_text",
        "The report's date holds a control character (U+0000), which cannot be saved",
    ),
    ("publication", replace(PUBLICATION, url="example.org"), "url", "Not a web address"),
    (
        "publication",
        replace(PUBLICATION, url="https://example.org/a b"),
        "url",
        "Not a web address",
    ),
    (
        "publication",
        replace(PUBLICATION, organizations=((1, "editor"),)),
        "organizations",
        "Unknown role: editor",
    ),
    (
        "publication",
        replace(PUBLICATION, organizations=((1, "author"), (1, "author"))),
        "organizations",
        "An organization is listed twice with the same role",
    ),
    (
        "publication",
        replace(PUBLICATION, program_ids=(1, 1)),
        "program_ids",
        "A program is listed twice",
    ),
    (
        "publication",
        replace(PUBLICATION, event_ids=(2, 2)),
        "event_ids",
        "An event is listed twice",
    ),
]


@pytest.fixture
def cat(tmp_path: Path, seeded_bytes: bytes) -> Iterator[Catalogue]:
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    opened = Catalogue.open(path)
    yield opened
    opened.close()


@pytest.mark.parametrize(("kind", "draft", "field", "message"), CASES)
def test_each_message_of_validation(
    kind: str, draft: RecordDraft, field: str, message: str
) -> None:
    assert validate_record(kind, draft) == {field: message}


@pytest.mark.parametrize(
    ("kind", "draft"),
    [
        (kind, draft)
        for kind, draft in {
            "program": PROGRAM,
            "local_government": LG,
            "person": replace(PERSON, seats=(SEAT,)),
            "organization": ORG,
            "publication": PUBLICATION,
        }.items()
    ],
)
def test_a_plain_draft_of_each_kind_passes(kind: str, draft: RecordDraft) -> None:
    assert validate_record(kind, draft) == {}


def test_a_refused_draft_saves_nothing_and_names_its_fields(cat: Catalogue) -> None:
    before = snapshot(cat)
    for kind, draft, field, message in CASES:
        with pytest.raises(InvalidRecord) as refused:
            cat.create_record(kind, draft)
        assert refused.value.errors == {field: message}
        assert str(refused.value) == f"{field}: {message}"
        uid = {
            "program": "gccc",
            "local_government": "seoul",
            "person": "tae-young-yeom",
            "organization": "adb",
            "publication": "bea-codes-playbook",
        }[kind]
        with pytest.raises(InvalidRecord) as refused:
            cat.update_record(kind, uid, draft)
        assert refused.value.errors == {field: message}
    assert snapshot(cat) == before


def _refused(cat: Catalogue, change: Any) -> dict[str, str]:
    before = snapshot(cat)
    with pytest.raises(InvalidRecord) as refused:
        change()
    assert snapshot(cat) == before
    return refused.value.errors


def test_what_only_the_catalogue_can_tell_is_refused_by_field(cat: Catalogue) -> None:
    gone = 999_999
    for kind, draft, field, message in [
        (
            "program",
            replace(PROGRAM, parent_id=gone),
            "parent_id",
            "The parent program is no longer in the catalogue",
        ),
        (
            "program",
            replace(PROGRAM, pathway_ids=(1, 99)),
            "pathway_ids",
            "A pathway is no longer in the catalogue",
        ),
        (
            "program",
            replace(PROGRAM, organizations=((gone, "funder"),)),
            "organizations",
            "An organization is no longer in the catalogue",
        ),
        (
            "program",
            replace(PROGRAM, local_governments=((gone, "pilot"),)),
            "local_governments",
            "A local government is no longer in the catalogue",
        ),
        (
            "local_government",
            replace(LG, parent_id=gone),
            "parent_id",
            "The local government it is part of is no longer in the catalogue",
        ),
        (
            "local_government",
            replace(LG, name="seoul", country="south korea"),
            "name",
            "Seoul, South Korea is already in the catalogue",
        ),
        (
            "person",
            replace(PERSON, organization_id=gone),
            "organization_id",
            "The organization is no longer in the catalogue",
        ),
        (
            "person",
            replace(PERSON, local_government_id=gone),
            "local_government_id",
            "The local government is no longer in the catalogue",
        ),
        (
            "organization",
            replace(ORG, parent_id=gone),
            "parent_id",
            "The organization it is part of is no longer in the catalogue",
        ),
        (
            "organization",
            replace(ORG, name="asian development bank"),
            "name",
            "Asian Development Bank is already in the catalogue",
        ),
        (
            "publication",
            replace(PUBLICATION, translation_of_id=gone),
            "translation_of_id",
            "The original is no longer in the catalogue",
        ),
        (
            "publication",
            replace(PUBLICATION, organizations=((gone, "author"),)),
            "organizations",
            "An organization is no longer in the catalogue",
        ),
        (
            "publication",
            replace(PUBLICATION, program_ids=(gone,)),
            "program_ids",
            "A program is no longer in the catalogue",
        ),
        (
            "publication",
            replace(PUBLICATION, event_ids=(gone,)),
            "event_ids",
            "An event is no longer in the catalogue",
        ),
    ]:
        assert _refused(cat, lambda k=kind, d=draft: cat.create_record(k, d)) == {field: message}


def test_the_same_name_elsewhere_is_no_duplicate(cat: Catalogue) -> None:
    cat.create_record("local_government", replace(LG, name="Seoul", country="Elsewhere"))
    cat.update_record("organization", "adb", cat.record_draft("organization", "adb"))


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("program", "parent_id", "A program cannot be inside itself"),
        ("local_government", "parent_id", "A local government cannot be inside itself"),
        ("organization", "parent_id", "An organization cannot be inside itself"),
        ("publication", "translation_of_id", "A publication cannot be a translation of itself"),
    ],
)
def test_a_record_cannot_be_inside_itself(
    cat: Catalogue, kind: str, field: str, message: str
) -> None:
    draft: Any = {
        "program": PROGRAM,
        "local_government": LG,
        "organization": ORG,
        "publication": PUBLICATION,
    }[kind]
    top = cat.create_record(kind, draft)
    top_id = cat.record_id(kind, top)
    label = "title" if kind == "publication" else "name"
    inner = cat.create_record(kind, replace(draft, **{label: "Inner", field: top_id}))
    inner_id = cat.record_id(kind, inner)
    assert _refused(
        cat, lambda: cat.update_record(kind, top, replace(draft, **{field: top_id}))
    ) == {field: message}
    words = "a translation of" if kind == "publication" else "inside"
    noun = kind.replace("_", " ")
    assert _refused(
        cat, lambda: cat.update_record(kind, top, replace(draft, **{field: inner_id}))
    ) == {field: f"Inner is {words} this {noun}, so this cannot be {words} it"}


def test_a_record_that_would_be_inside_itself_is_not_restored(cat: Catalogue) -> None:
    top = cat.create_record("organization", ORG)
    top_id = cat.record_id("organization", top)
    middle = cat.create_record("organization", replace(ORG, name="Middle", parent_id=top_id))
    child = cat.create_record(
        "organization", replace(ORG, name="Child", parent_id=cat.record_id("organization", middle))
    )
    deleted = cat.delete_record("organization", middle)
    cat.update_record(
        "organization", top, replace(ORG, parent_id=cat.record_id("organization", child))
    )
    before = snapshot(cat)
    with pytest.raises(UserError) as refused:
        cat.restore_record(deleted)
    assert str(refused.value) == "Middle cannot be put back: it would be inside itself"
    assert snapshot(cat) == before


def test_a_draft_of_another_kind_is_a_bug(cat: Catalogue) -> None:
    with pytest.raises(TypeError):
        cat.create_record("program", ORG)
    with pytest.raises(ValueError):
        cat.record_form_choices("event")
