"""Adding, editing, deleting and restoring programs, members, people, partners and publications."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import (
    Choice,
    DeleteImpact,
    FigureDraft,
    LinkCount,
    LocalGovernmentDraft,
    OrganizationDraft,
    PersonDraft,
    ProgramDraft,
    PublicationDraft,
    RecordDraft,
    Ref,
    SeatDraft,
)
from iclei_desktop.core.errors import DatabaseReadOnlyError, UserError
from iclei_desktop.core.services.details import RecordNotFound
from tests.ical_support import snapshot

KINDS = ("program", "local_government", "person", "organization", "publication")


@pytest.fixture
def cat(tmp_path: Path, seeded_bytes: bytes) -> Iterator[Catalogue]:
    """A copy of the seeded catalogue."""
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    opened = Catalogue.open(path)
    yield opened
    opened.close()


def ids(cat: Catalogue, kind: str, *uids: str) -> tuple[int, ...]:
    return tuple(cat.record_id(kind, uid) for uid in uids)


def column(cat: Catalogue, sql: str, *args: Any) -> list[Any]:
    with closing(sqlite3.connect(cat.path)) as connection:
        return [row[0] for row in connection.execute(sql, args)]


def full_draft(cat: Catalogue, kind: str) -> RecordDraft:
    """A draft of ``kind`` with every field set, links included, and spaces to trim."""
    org = ids(cat, "organization", "adb", "iclei-korea")
    lg = ids(cat, "local_government", "seoul", "chengdu")
    if kind == "program":
        return ProgramDraft(
            name="  Clean Air Cities  ",
            acronym="CAC",
            kind="project",
            status="planned",
            period_start=2022,
            period_end=2024,
            period_text="2022–24",
            summary="Air quality 空气质量\nand health.",
            parent_id=cat.record_id("program", "gccc"),
            note="A note",
            pathway_ids=(3, 1),
            organizations=((org[1], "funder"), (org[0], "partner"), (org[0], "funder")),
            local_governments=((lg[1], "pilot"), (lg[0], "member")),
            figures=(
                FigureDraft(label="Cities", value="over 60", as_of="2021", note="n"),
                FigureDraft(label=" Tonnes ", value="2.9 million"),
            ),
        )
    if kind == "local_government":
        return LocalGovernmentDraft(
            name="Hwaseong",
            native_name="화성시",
            kind="city",
            country="South Korea",
            parent_id=cat.record_id("local_government", "seoul"),
            is_member=True,
            member_since=2012,
            membership_note="Joined at the 2012 Congress",
            note="A note",
        )
    if kind == "person":
        return PersonDraft(
            name="Kim Min-ji",
            honorific="Dr.",
            native_name="김민지",
            title="Mayor of Hwaseong",
            organization_id=org[1],
            local_government_id=lg[0],
            city="Hwaseong",
            is_staff=False,
            note="A note",
            seats=(
                SeatDraft(
                    body="gexcom",
                    position="Member",
                    portfolio="Climate",
                    term_start=2021,
                    term_end=2024,
                    note="n",
                ),
                SeatDraft(
                    body="rexcom_east_asia", position="Chair", term_start=2018, term_end=2021
                ),
            ),
        )
    if kind == "organization":
        return OrganizationDraft(
            name="Green Finance Institute",
            acronym="GFI",
            native_name="绿色金融研究院",
            kind="research_institute",
            country="China",
            parent_id=org[0],
            note="A note",
        )
    return PublicationDraft(
        title="Clean air handbook",
        kind="handbook",
        published_on=date(2021, 6, 1),
        date_precision="month",
        date_text="June 2021",
        status="published",
        language="zh-Hans",
        translation_of_id=cat.record_id("publication", "bea-codes-playbook"),
        url="https://example.org/handbook.pdf",
        note="A note",
        organizations=((org[0], "publisher"), (org[1], "translator")),
        program_ids=ids(cat, "program", "gccc", "bea"),
        event_ids=(cat.event_id(cat.events()[1].uid), cat.event_id(cat.events()[0].uid)),
    )


def trimmed(draft: Any) -> Any:
    changes: dict[str, Any] = {}
    for name in draft.__dataclass_fields__:
        value = getattr(draft, name)
        if isinstance(value, str):
            changes[name] = value.strip()
        elif name in {"seats", "figures"}:
            changes[name] = tuple(trimmed(part) for part in value)
    return replace(draft, **changes)


def label_of(draft: Any) -> str:
    return str(draft.title if isinstance(draft, PublicationDraft) else draft.name).strip()


def content(cat: Catalogue) -> Any:
    """The whole catalogue but when each record last changed (a restore is a change)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in {"updated_at", "sequence"}}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(snapshot(cat))


def found(cat: Catalogue, kind: str, text: str) -> list[str]:
    return [hit.uid for hit in cat.search(text, [kind])]


def updated_at(cat: Catalogue, kind: str, uid: str) -> str:
    return str(column(cat, f"SELECT updated_at FROM {kind} WHERE uid = ?", uid)[0])


# --- create, read, update, delete, restore --------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_is_saved_read_renamed_deleted_and_restored(cat: Catalogue, kind: str) -> None:
    draft = full_draft(cat, kind)
    uid = cat.create_record(kind, draft)
    assert uid.startswith(kind.replace("_", "-") + "-")
    assert cat.record_draft(kind, uid) == trimmed(draft)
    record_id = cat.record_id(kind, uid)
    assert cat.record_uid(kind, record_id) == uid
    assert uid in found(cat, kind, label_of(draft))

    field = "title" if kind == "publication" else "name"
    renamed = replace(draft, **{field: "Zyxwv renamed"})
    before = updated_at(cat, kind, uid)
    cat.update_record(kind, uid, renamed)
    assert cat.record_draft(kind, uid) == trimmed(renamed)
    assert updated_at(cat, kind, uid) > before
    assert found(cat, kind, "zyxwv") == [uid]
    assert uid not in found(cat, kind, label_of(draft))

    detail = cat.detail(kind, record_id)
    deleted = cat.delete_record(kind, uid)
    assert found(cat, kind, "zyxwv") == []
    with pytest.raises(RecordNotFound):
        cat.detail(kind, record_id)
    with pytest.raises(RecordNotFound, match="is no longer in the catalogue"):
        cat.record_id(kind, uid)
    with pytest.raises(RecordNotFound, match="is no longer in the catalogue"):
        cat.record_uid(kind, record_id)

    assert cat.restore_record(deleted) == uid
    assert cat.record_draft(kind, uid) == trimmed(renamed)
    assert cat.detail(kind, record_id) == detail
    assert found(cat, kind, "zyxwv") == [uid]


@pytest.mark.parametrize("kind", KINDS)
def test_saving_an_unchanged_draft_writes_nothing_and_a_link_alone_is_a_change(
    cat: Catalogue, kind: str
) -> None:
    uid = cat.create_record(kind, full_draft(cat, kind))
    before = updated_at(cat, kind, uid)
    cat.update_record(kind, uid, cat.record_draft(kind, uid))
    assert updated_at(cat, kind, uid) == before
    changes: dict[str, dict[str, Any]] = {
        "program": {"organizations": ()},
        "local_government": {"parent_id": None},
        "person": {"seats": ()},
        "organization": {"parent_id": None},
        "publication": {"event_ids": ()},
    }
    changed = replace(cat.record_draft(kind, uid), **changes[kind])
    cat.update_record(kind, uid, changed)
    assert updated_at(cat, kind, uid) > before
    assert cat.record_draft(kind, uid) == changed


def test_every_seeded_record_reads_back_as_a_draft_that_saves_unchanged(cat: Catalogue) -> None:
    before = snapshot(cat)
    for kind in KINDS:
        for uid in column(cat, f"SELECT uid FROM {kind}"):
            cat.update_record(kind, uid, cat.record_draft(kind, uid))
    assert snapshot(cat) == before


def test_links_and_parts_read_back_in_the_order_saved(cat: Catalogue) -> None:
    uid = cat.create_record("program", full_draft(cat, "program"))
    draft = cat.record_draft("program", uid)
    assert isinstance(draft, ProgramDraft)
    turned = replace(
        draft,
        pathway_ids=draft.pathway_ids[::-1],
        organizations=draft.organizations[::-1],
        figures=draft.figures[::-1],
    )
    cat.update_record("program", uid, turned)
    assert cat.record_draft("program", uid) == turned


def test_a_seat_left_unchanged_keeps_its_uid_when_another_is_removed(cat: Catalogue) -> None:
    uid = cat.create_record("person", full_draft(cat, "person"))
    person_id = cat.record_id("person", uid)
    sql = "SELECT uid FROM governance_seat WHERE person_id = ? ORDER BY id"
    first, second = column(cat, sql, person_id)
    draft = cat.record_draft("person", uid)
    assert isinstance(draft, PersonDraft)
    cat.update_record("person", uid, replace(draft, seats=draft.seats[1:]))
    assert column(cat, sql, person_id) == [second]
    assert first != second


def test_a_uid_given_is_kept_and_one_taken_is_refused(cat: Catalogue) -> None:
    draft = full_draft(cat, "organization")
    assert cat.create_record("organization", draft, "green-finance") == "green-finance"
    with pytest.raises(UserError) as refused:
        cat.create_record("organization", replace(draft, name="Other"), "green-finance")
    assert str(refused.value) == (
        "an organization with the UID green-finance is already in the catalogue"
    )


# --- what the forms offer -------------------------------------------------------------------


def test_the_forms_offer_their_links_sorted_by_label(cat: Catalogue) -> None:
    expected = {
        "program": ["pathways", "programs", "organizations", "local_governments"],
        "local_government": ["local_governments", "countries"],
        "person": ["organizations", "local_governments", "people"],
        "organization": ["organizations", "countries"],
        "publication": ["publications", "programs", "organizations", "events", "languages"],
    }
    for kind, keys in expected.items():
        choices = cat.record_form_choices(kind)
        assert list(choices) == keys
        for key, offered in choices.items():
            if key != "pathways":
                labels = [c.label.casefold() for c in offered]
                assert labels == sorted(labels), (kind, key)
    program = cat.record_form_choices("program")
    assert [c.label for c in program["pathways"]] == cat.pathway_names()
    assert len(program["programs"]) == cat.counts().programs
    assert len(cat.record_form_choices("person")["people"]) == cat.counts().people
    assert (
        Choice(cat.record_id("local_government", "seoul"), "Seoul 서울특별시, South Korea")
        in (program["local_governments"])
    )
    publication = cat.record_form_choices("publication")
    assert [c.label for c in publication["languages"]] == ["en", "ko", "zh-Hans", "zh-Hant"]
    countries = [c.label for c in cat.record_form_choices("organization")["countries"]]
    assert "South Korea" in countries and "Germany" in countries
    assert len(countries) == len(set(countries))


# --- deleting: what it touches, and putting it back ------------------------------------------


def test_delete_impact_counts_what_a_seeded_record_touches(cat: Catalogue) -> None:
    assert cat.delete_impact("program", "urban-resilience") == DeleteImpact(
        kind="program",
        uid="urban-resilience",
        label="Urban Resilience",
        links=(
            LinkCount("event", 4, "unlinked"),
            LinkCount("organization", 1, "unlinked"),
            LinkCount("publication", 2, "unlinked"),
        ),
    )
    gccc = cat.delete_impact("program", "gccc").links
    assert LinkCount("figure", 1, "deleted") in gccc
    assert LinkCount("event", 3, "unlinked") in gccc
    assert cat.delete_impact("local_government", "chengdu").links == (
        LinkCount("program", 7, "unlinked"),
        LinkCount("event", 7, "unlinked"),
    )
    assert cat.delete_impact("person", "tae-young-yeom").links == (LinkCount("seat", 2, "deleted"),)
    iclei = cat.delete_impact("organization", "iclei").links
    assert LinkCount("organization", 9, "unlinked") in iclei
    assert cat.delete_impact("publication", "bea-codes-playbook").links[-1] == LinkCount(
        "publication", 3, "unlinked"
    )


SEEDED = [
    ("program", "urban-resilience"),
    ("program", "gccc"),
    ("program", "bea"),
    ("local_government", "chengdu"),
    ("local_government", "beijing"),
    ("person", "tae-young-yeom"),
    ("organization", "iclei-east-asia"),
    ("organization", "iclei"),
    ("publication", "bea-codes-playbook"),
]


def linked_details(cat: Catalogue, kind: str, record_id: int) -> dict[tuple[str, int], Any]:
    """The record's detail and those of every record it links to, or that link to it."""
    detail = cat.detail(kind, record_id)
    return {(ref.kind, ref.id): cat.detail(ref.kind, ref.id) for ref in _refs(detail)} | {
        (kind, record_id): detail
    }


def _refs(detail: Any) -> list[Ref]:
    refs: list[Ref] = []
    for name in detail.__dataclass_fields__:
        value = getattr(detail, name)
        values = value if isinstance(value, tuple) else (value,)
        refs += [v for v in values if isinstance(v, Ref)]
        refs += [v.person for v in values if hasattr(v, "person")]
    return refs


def mentions(detail: Any, kind: str, record_id: int) -> bool:
    return any(ref.kind == kind and ref.id == record_id for ref in _refs(detail))


@pytest.mark.parametrize(("kind", "uid"), SEEDED)
def test_deleting_unlinks_everything_and_restoring_puts_every_link_back(
    cat: Catalogue, kind: str, uid: str
) -> None:
    record_id = cat.record_id(kind, uid)
    before = linked_details(cat, kind, record_id)
    whole = content(cat)
    deleted = cat.delete_record(kind, uid)
    for (other_kind, other_id), _detail in before.items():
        if (other_kind, other_id) != (kind, record_id):
            assert not mentions(cat.detail(other_kind, other_id), kind, record_id)
    assert cat.restore_record(deleted) == uid
    assert linked_details(cat, kind, record_id) == before
    assert content(cat) == whole


# What links to a record of each kind, as plain SQL counts the distinct other records.
IMPACT_SQL: dict[str, dict[str, str]] = {
    "program": {
        "event": "SELECT COUNT(*) FROM event WHERE program_id = :id",
        "program": "SELECT COUNT(*) FROM program WHERE parent_id = :id",
        "organization": "SELECT COUNT(DISTINCT organization_id) FROM program_organization"
        " WHERE program_id = :id",
        "local_government": "SELECT COUNT(DISTINCT local_government_id)"
        " FROM program_local_government WHERE program_id = :id",
        "publication": "SELECT COUNT(*) FROM publication_program WHERE program_id = :id",
        "figure": "SELECT COUNT(*) FROM figure WHERE program_id = :id",
    },
    "organization": {
        "program": "SELECT COUNT(DISTINCT program_id) FROM program_organization"
        " WHERE organization_id = :id",
        "event": "SELECT COUNT(DISTINCT event_id) FROM event_organization"
        " WHERE organization_id = :id",
        "person": "SELECT COUNT(*) FROM person WHERE organization_id = :id",
        "organization": "SELECT COUNT(*) FROM organization WHERE parent_id = :id",
        "publication": "SELECT COUNT(DISTINCT publication_id) FROM publication_organization"
        " WHERE organization_id = :id",
    },
    "local_government": {
        "program": "SELECT COUNT(DISTINCT program_id) FROM program_local_government"
        " WHERE local_government_id = :id",
        "event": "SELECT COUNT(*) FROM event_local_government WHERE local_government_id = :id",
        "person": "SELECT COUNT(*) FROM person WHERE local_government_id = :id",
        "local_government": "SELECT COUNT(*) FROM local_government WHERE parent_id = :id",
    },
}


@pytest.mark.parametrize("kind", sorted(IMPACT_SQL))
def test_delete_impact_of_every_seeded_record_matches_plain_sql_counts(
    cat: Catalogue, kind: str
) -> None:
    uids = column(cat, f"SELECT uid FROM {kind} ORDER BY id")
    assert uids
    with closing(sqlite3.connect(cat.path)) as connection:
        for uid in uids:
            record_id = cat.record_id(kind, uid)
            expected = {
                other: connection.execute(sql, {"id": record_id}).fetchone()[0]
                for other, sql in IMPACT_SQL[kind].items()
            }
            counted = {link.kind: link.count for link in cat.delete_impact(kind, uid).links}
            assert counted == {other: n for other, n in expected.items() if n}, uid


@pytest.mark.parametrize("kind", ["organization", "local_government", "program"])
def test_undoing_a_delete_puts_each_link_back_in_its_place_in_the_other_s_list(
    cat: Catalogue, kind: str
) -> None:
    # A program lists its funders and cities, a publication its programs and organizations,
    # in the order saved: a restored link goes back where it was, not to the end.
    first_in_a_list = {
        "organization": "SELECT organization_id FROM program_organization p WHERE rowid ="
        " (SELECT MIN(rowid) FROM program_organization WHERE program_id = p.program_id)"
        " AND (SELECT COUNT(*) FROM program_organization WHERE program_id = p.program_id) > 1",
        "local_government": "SELECT local_government_id FROM program_local_government p"
        " WHERE rowid = (SELECT MIN(rowid) FROM program_local_government"
        " WHERE program_id = p.program_id) AND (SELECT COUNT(*) FROM program_local_government"
        " WHERE program_id = p.program_id) > 1",
        "program": "SELECT program_id FROM publication_program p WHERE rowid ="
        " (SELECT MIN(rowid) FROM publication_program WHERE publication_id = p.publication_id)"
        " AND (SELECT COUNT(*) FROM publication_program"
        " WHERE publication_id = p.publication_id) > 1",
    }[kind]
    record_ids = sorted(set(column(cat, first_in_a_list)))
    assert record_ids
    drafts = {
        (k, u): cat.record_draft(k, u)
        for k in ("program", "publication")
        for u in column(cat, f"SELECT uid FROM {k}")
    }
    for record_id in record_ids:
        uid = cat.record_uid(kind, record_id)
        cat.restore_record(cat.delete_record(kind, uid))
        after = {key: cat.record_draft(*key) for key in drafts}
        assert after == drafts, uid


def test_restoring_a_seeded_record_keeps_its_parts_uids(cat: Catalogue) -> None:
    sql = "SELECT id, uid, created_at FROM governance_seat ORDER BY id"
    seats = column(cat, "SELECT uid FROM governance_seat ORDER BY id")
    rows = column(cat, sql.replace("id, uid, created_at", "uid || created_at || id"))
    cat.restore_record(cat.delete_record("person", "tae-young-yeom"))
    assert column(cat, "SELECT uid FROM governance_seat ORDER BY id") == seats
    assert column(cat, sql.replace("id, uid, created_at", "uid || created_at || id")) == rows


def test_deleting_raises_the_sequence_of_the_events_it_unlinks(cat: Catalogue) -> None:
    sql = "SELECT sequence FROM event WHERE program_id = ? ORDER BY id"
    program_id = cat.record_id("program", "urban-resilience")
    before = column(cat, sql, program_id)
    deleted = cat.delete_record("program", "urban-resilience")
    cat.restore_record(deleted)
    assert column(cat, sql, program_id) == [n + 2 for n in before]


def test_a_publication_s_files_are_deleted_with_it_and_restored(cat: Catalogue) -> None:
    publication_id = cat.record_id("publication", "bea-codes-playbook")
    with closing(sqlite3.connect(cat.path)) as connection, connection:
        connection.execute(
            "INSERT INTO publication_file (uid, created_at, updated_at, publication_id, position,"
            " name, stored_name, size, sha256) VALUES ('file-1', '2021-01-01 00:00:00.000000',"
            " '2021-01-02 00:00:00.000000', ?, 0, 'Playbook.pdf', 'ab/playbook.pdf', 10, 'x')",
            (publication_id,),
        )
    sql = (
        "SELECT id || uid || created_at || updated_at || name || stored_name FROM publication_file"
    )
    before = column(cat, sql)
    assert (
        LinkCount("file", 1, "deleted")
        in cat.delete_impact("publication", "bea-codes-playbook").links
    )
    deleted = cat.delete_record("publication", "bea-codes-playbook")
    assert column(cat, sql) == []
    assert [f.name for f in deleted.files] == ["Playbook.pdf"]
    cat.restore_record(deleted)
    assert column(cat, sql) == before


def test_restoring_leaves_out_links_to_records_deleted_since(cat: Catalogue) -> None:
    uid = cat.create_record("publication", full_draft(cat, "publication"))
    deleted = cat.delete_record("publication", uid)
    cat.delete_record("program", "gccc")
    cat.restore_record(deleted)
    draft = cat.record_draft("publication", uid)
    assert isinstance(draft, PublicationDraft)
    assert draft.program_ids == ids(cat, "program", "bea")


def test_a_record_whose_uid_is_taken_again_is_not_restored(cat: Catalogue) -> None:
    deleted = cat.delete_record("organization", "adb")
    cat.create_record("organization", OrganizationDraft(name="A new ADB"), "adb")
    before = snapshot(cat)
    with pytest.raises(UserError) as refused:
        cat.restore_record(deleted)
    assert str(refused.value) == (
        "Asian Development Bank cannot be put back: an organization with its UID is in the "
        "catalogue again"
    )
    assert snapshot(cat) == before


def test_a_record_whose_name_is_taken_again_is_not_restored(cat: Catalogue) -> None:
    uid = cat.create_record("organization", full_draft(cat, "organization"))
    deleted = cat.delete_record("organization", uid)
    cat.create_record("organization", full_draft(cat, "organization"))
    with pytest.raises(UserError) as refused:
        cat.restore_record(deleted)
    assert str(refused.value) == (
        "Green Finance Institute cannot be put back: Green Finance Institute is already in the "
        "catalogue"
    )


# --- merging duplicates: deleting with a replacement ----------------------------------------


def test_links_move_to_the_replacement_once_and_move_back_on_restore(cat: Catalogue) -> None:
    korea, beijing = ids(cat, "organization", "iclei-korea", "iclei-beijing-office")
    # A program linked to both, in the same role: it keeps one link, to the replacement.
    program_uid = cat.record_uid("program", cat.detail("organization", beijing).programs[0].id)
    program = cat.record_draft("program", program_uid)
    assert isinstance(program, ProgramDraft)
    role = next(r for i, r in program.organizations if i == beijing)
    cat.update_record(
        "program",
        program_uid,
        replace(program, organizations=(*program.organizations, (korea, role))),
    )
    before = linked_details(cat, "organization", korea) | linked_details(
        cat, "organization", beijing
    )
    whole = content(cat)
    korea_detail = cat.detail("organization", korea)
    deleted = cat.delete_record("organization", "iclei-korea", replace_with="iclei-beijing-office")
    merged = cat.detail("organization", beijing)
    for name in ("programs", "events", "publications"):
        refs = getattr(merged, name)
        assert len({(r.id, r.note) for r in refs}) == len(refs)  # linked to both: one link
        assert {(r.id, r.note) for r in getattr(korea_detail, name)} <= {
            (r.id, r.note) for r in refs
        }
    assert {link.moved for link in deleted.links} == {True, False}
    cat.restore_record(deleted)
    after = linked_details(cat, "organization", korea) | linked_details(
        cat, "organization", beijing
    )
    assert after == before
    assert content(cat) == whole


@pytest.mark.parametrize(
    ("kind", "uid", "replacement"),
    [
        ("program", "urban-resilience", "gccc"),
        ("local_government", "chengdu", "seoul"),
        ("publication", "bea-codes-playbook", "technical-guidelines-ucca"),
    ],
)
def test_merging_two_seeded_records_can_be_undone(
    cat: Catalogue, kind: str, uid: str, replacement: str
) -> None:
    record_id, replacement_id = ids(cat, kind, uid, replacement)
    before = linked_details(cat, kind, record_id) | linked_details(cat, kind, replacement_id)
    whole = content(cat)
    deleted = cat.delete_record(kind, uid, replace_with=replacement)
    merged = linked_details(cat, kind, replacement_id)
    # The record's own parent (or original) is not a link to it, and is not moved.
    own = getattr(before[kind, record_id], "translation_of" if kind == "publication" else "parent")
    skipped = {(kind, record_id), (kind, replacement_id)} | ({(own.kind, own.id)} if own else set())
    for (other_kind, other_id), detail in before.items():
        if (other_kind, other_id) not in skipped and mentions(detail, kind, record_id):
            assert mentions(merged[other_kind, other_id], kind, replacement_id)
    cat.restore_record(deleted)
    assert linked_details(cat, kind, record_id) | linked_details(cat, kind, replacement_id) == (
        before
    )
    assert content(cat) == whole


def test_a_child_replacing_its_parent_takes_the_parent_s_place(cat: Catalogue) -> None:
    top = cat.create_record("organization", OrganizationDraft(name="Top"))
    middle = cat.create_record(
        "organization",
        OrganizationDraft(name="Middle", parent_id=cat.record_id("organization", top)),
    )
    child = cat.create_record(
        "organization",
        OrganizationDraft(name="Child", parent_id=cat.record_id("organization", middle)),
    )
    sibling = cat.create_record(
        "organization",
        OrganizationDraft(name="Sibling", parent_id=cat.record_id("organization", middle)),
    )
    whole = content(cat)
    before = cat.record_draft("organization", child)
    with pytest.raises(UserError) as refused:
        cat.delete_record("organization", top, replace_with=child)
    assert (
        str(refused.value)
        == "Child cannot take the place of Top: it is inside Middle, which is inside Top"
    )
    deleted = cat.delete_record("organization", middle, replace_with=child)
    assert cat.record_draft("organization", child) == replace(
        before, parent_id=cat.record_id("organization", top)
    )
    assert cat.record_draft("organization", sibling).parent_id == cat.record_id(  # type: ignore[union-attr]
        "organization", child
    )
    cat.restore_record(deleted)
    assert content(cat) == whole


@pytest.mark.parametrize(
    ("replace_with", "message"),
    [
        ("adb", "Asian Development Bank cannot be replaced by itself"),
        (
            "no-such-org",
            "the organization to move the links of Asian Development Bank to is not in the catalogue",
        ),
        (
            "gccc",
            "the organization to move the links of Asian Development Bank to is not in the catalogue",
        ),
    ],
)
def test_a_replacement_that_cannot_take_the_links_is_refused(
    cat: Catalogue, replace_with: str, message: str
) -> None:
    before = snapshot(cat)
    with pytest.raises(UserError) as refused:
        cat.delete_record("organization", "adb", replace_with=replace_with)
    assert str(refused.value) == message
    assert snapshot(cat) == before


# --- a catalogue open to read only ----------------------------------------------------------


def test_a_read_only_catalogue_refuses_every_change(tmp_path: Path, seeded_bytes: bytes) -> None:
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    writer = Catalogue.open(path)
    deleted = writer.delete_record("organization", "adb")
    writer.restore_record(deleted)
    writer.close()
    reader = Catalogue.open_read_only(path)
    try:
        before = snapshot(reader)
        assert reader.record_draft("organization", "adb") == deleted.draft
        assert reader.delete_impact("organization", "adb").label == "Asian Development Bank"
        for change in (
            lambda: reader.create_record("organization", OrganizationDraft(name="New")),
            lambda: reader.update_record("organization", "adb", OrganizationDraft(name="New")),
            lambda: reader.delete_record("organization", "adb"),
            lambda: reader.restore_record(deleted),
        ):
            with pytest.raises(DatabaseReadOnlyError, match="is open read-only; nothing was saved"):
                change()
        assert snapshot(reader) == before
    finally:
        reader.close()
