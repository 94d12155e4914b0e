"""Catalogue bundles: two laptops edited apart exchange bundles both ways and lose no edit."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import BundlePlan, EventDraft
from iclei_desktop.core.errors import BundleImportError
from iclei_desktop.core.exchange import bundle
from iclei_desktop.core.paths import files_folder
from tests.bundle_support import (
    add,
    attach_file,
    bases,
    edit,
    laptop,
    records,
    remove,
    snapshot,
)

PROGRAM = "adb-ta-mainstreaming-ucca-china"
ORGANIZATION = "adb"
EVENT = "adb-technical-exchange-ucca-2020@iclei-eastasia.desktop"
CITY = "kaohsiung"
OTHER_CITY = "changde"
PUBLICATION = "bea-codes-playbook"


@pytest.fixture
def pair(tmp_path: Path, seeded_bytes: bytes) -> Iterator[tuple[Catalogue, Catalogue]]:
    """Laptops A and B, both seeded from the same catalogue a day ago."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = laptop(seeded_bytes, tmp_path / "a" / "catalogue.sqlite")
    b = laptop(seeded_bytes, tmp_path / "b" / "catalogue.sqlite")
    yield a, b
    a.close()
    b.close()


def export(catalogue: Catalogue, name: str) -> Path:
    target = catalogue.path.parent / name
    if name.endswith(".zip"):
        catalogue.export_bundle_to(target)
    else:
        catalogue.export_json_to(target)
    return target


def uids(plan: BundlePlan, action: str) -> set[str]:
    return {item.uid for item in plan.of(action) if item.kind not in {"link", "file"}}


def edit_apart(a: Catalogue, b: Catalogue) -> str:
    """Edit A and B apart; return the uid of the event added on A."""
    edit(a, "program", PROGRAM, summary="Edited on laptop A.")
    edit(b, "organization", ORGANIZATION, note="Edited on laptop B.")
    edit(a, "event", EVENT, title="Title from A")
    edit(b, "event", EVENT, title="Title from B")
    program = add(
        a, "program", uid="zanzibar-program", name="Zanzibarish pilot", kind="project", summary=""
    )
    event = a.create_event(
        EventDraft(
            title="Zanzibarish kick-off",
            start_date=date(2021, 5, 3),
            end_date=date(2021, 5, 3),
            program_id=program,
        )
    )
    add(b, "organization", uid="b-only-org", name="Laptop B Foundation", kind="ngo")
    remove(b, "local_government", CITY)
    return event


def test_a_first_exchange_adds_takes_keeps_and_reports_conflicts(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    event = edit_apart(a, b)
    from_a = export(a, "a.json")

    plan = b.import_bundle(from_a)

    assert uids(plan, "new") == {"zanzibar-program", event}
    assert uids(plan, "changed") == {PROGRAM}
    assert uids(plan, "kept") == {ORGANIZATION}
    assert uids(plan, "conflict") == {EVENT}
    # The seed is agreed on from the start: a seeded record deleted on B stays deleted.
    assert uids(plan, "deleted-here") == {CITY}
    assert CITY not in records(b, "local_governments")
    assert plan.count("unchanged") == 327 - 4  # every other record of the seed
    assert plan.summary == (
        "new 2, changed 1, conflicts 1 (kept yours), kept 1, unchanged 323, deleted here 1"
    )
    (conflict,) = plan.of("conflict")
    assert conflict.label == "Title from A"
    assert [(d.field, d.mine, d.theirs) for d in conflict.differences] == [
        ("title", "Title from B", "Title from A")
    ]
    (changed,) = plan.of("changed")
    assert [(d.field, d.mine, d.theirs) for d in changed.differences] == [
        ("summary", changed.differences[0].mine, "Edited on laptop A.")
    ]
    # No edit lost: B keeps its own edits and takes A's.
    assert records(b, "programs")[PROGRAM]["summary"] == "Edited on laptop A."
    assert records(b, "organizations")[ORGANIZATION]["note"] == "Edited on laptop B."
    assert records(b, "events")[EVENT]["title"] == "Title from B"
    assert "b-only-org" in records(b, "organizations")  # a bundle never deletes
    # The event added on A arrives linked to the program added on A, and can be found.
    assert records(b, "events")[event]["program"] == "zanzibar-program"
    assert {hit.uid for hit in b.search("zanzibarish")} == {"zanzibar-program", event}
    assert len(b.backups()) == 1  # a checked backup was taken first


def test_the_other_way_round(pair: tuple[Catalogue, Catalogue]) -> None:
    a, b = pair
    edit_apart(a, b)

    plan = a.import_bundle(export(b, "b.json"))

    assert uids(plan, "new") == {"b-only-org"}
    assert uids(plan, "changed") == {ORGANIZATION}
    assert uids(plan, "kept") == {PROGRAM}
    assert uids(plan, "conflict") == {EVENT}
    assert CITY in records(a, "local_governments")  # deleted on B, still here
    assert records(a, "programs")[PROGRAM]["summary"] == "Edited on laptop A."
    assert records(a, "organizations")[ORGANIZATION]["note"] == "Edited on laptop B."


def test_take_theirs_is_honoured_and_raises_the_sequence(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    edit_apart(a, b)
    sequence = records(b, "events")[EVENT]["sequence"]

    plan = b.import_bundle(export(a, "a.json"), take_theirs={EVENT})

    (conflict,) = plan.of("conflict")
    assert conflict.take_theirs
    assert "conflicts 1 (took theirs)" in plan.summary
    event = records(b, "events")[EVENT]
    assert event["title"] == "Title from A"
    assert event["sequence"] == sequence + 1


def test_preview_writes_nothing(pair: tuple[Catalogue, Catalogue]) -> None:
    a, b = pair
    edit_apart(a, b)
    source = export(a, "a.json")
    before, agreed = snapshot(b), bases(b)

    preview = b.preview_bundle(source)

    assert preview.summary == (
        "new 2, changed 1, conflicts 1 (kept yours), kept 1, unchanged 323, deleted here 1"
    )
    assert snapshot(b) == before
    assert bases(b) == agreed
    assert b.backups() == []


def test_a_second_round_uses_the_merge_base(pair: tuple[Catalogue, Catalogue]) -> None:
    a, b = pair
    event = edit_apart(a, b)
    a.import_bundle(export(b, "b.json"))  # A keeps its title
    b.import_bundle(export(a, "a.json"), take_theirs={EVENT})  # B takes A's title
    # The seed's 327 (B's deleted city among them) and the records added since.
    assert len(bases(a)) == 328 and len(bases(b)) == 330

    # Nothing edited since: no false conflicts either way.
    again = a.import_bundle(export(b, "b2.json"))
    assert again.summary == "new 0, changed 0, conflicts 0, kept 0, unchanged 329"
    # Both edit again, each a record the other edited before: the base says who changed.
    edit(b, "organization", ORGANIZATION, note="Edited on B again.")
    edit(a, "program", PROGRAM, summary="Edited on A again.")
    edit(a, "event", event, title="Zanzibarish kick-off, moved")

    plan = a.import_bundle(export(b, "b3.json"))

    assert uids(plan, "changed") == {ORGANIZATION}
    assert uids(plan, "kept") == {PROGRAM, event}
    assert plan.count("conflict") == 0
    assert records(a, "organizations")[ORGANIZATION]["note"] == "Edited on B again."
    assert records(a, "programs")[PROGRAM]["summary"] == "Edited on A again."

    back = b.import_bundle(export(a, "a3.json"))
    assert uids(back, "changed") == {PROGRAM, event}
    assert back.count("conflict") == 0 and back.count("kept") == 0


def test_deleted_here_stays_deleted_unless_theirs_changed(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    b.import_bundle(export(a, "a.json"))  # the first exchange: B now knows A's records
    remove(b, "local_government", OTHER_CITY)

    plan = b.import_bundle(export(a, "a2.json"))

    (item,) = plan.of("deleted-here")
    assert (item.uid, item.reason) == (OTHER_CITY, "deleted here")
    assert plan.summary.endswith("deleted here 1")
    assert OTHER_CITY not in records(b, "local_governments")

    edit(a, "local_government", OTHER_CITY, note="Edited on A after B deleted it.")
    source = export(a, "a3.json")
    (conflict,) = b.preview_bundle(source).of("conflict")
    assert (conflict.uid, conflict.reason) == (OTHER_CITY, "deleted here, changed in the bundle")
    b.import_bundle(source, take_theirs={OTHER_CITY})
    assert records(b, "local_governments")[OTHER_CITY]["note"] == (
        "Edited on A after B deleted it."
    )


def test_links_to_records_missing_on_both_sides_are_dropped_and_reported(
    pair: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    a, b = pair
    document = snapshot(a)
    event = dict(document["events"][0], uid="orphan@test", title="Orphan event")
    event["program"] = "no-such-program"
    event["organizations"] = [{"organization": "no-such-org", "role": "organizer"}]
    document["events"].append(event)
    seat = dict(document["governance_seats"][0], uid="orphan-seat", person="nobody")
    document["governance_seats"].append(seat)
    source = tmp_path / "orphans.json"
    source.write_text(json.dumps(document), encoding="utf-8")

    plan = b.import_bundle(source)

    assert uids(plan, "new") == {"orphan@test"}
    assert [(i.kind, i.uid, i.reason) for i in plan.of("skipped")] == [
        ("governance_seat", "orphan-seat", "its person nobody is neither here nor in the bundle"),
        (
            "link",
            "orphan@test",
            "program no-such-program is neither here nor in the bundle; the link is dropped",
        ),
        (
            "link",
            "orphan@test",
            "organization no-such-org is neither here nor in the bundle; the link is dropped",
        ),
    ]
    added = records(b, "events")["orphan@test"]
    assert (added["program"], added["organizations"]) == (None, [])
    assert "orphan-seat" not in records(b, "governance_seats")


def test_a_version_1_file_is_still_read(pair: tuple[Catalogue, Catalogue], tmp_path: Path) -> None:
    a, b = pair
    attach_file(b, PUBLICATION, "playbook.pdf", b"%PDF-1.4 kept")
    edit(a, "publication", PUBLICATION, note="Edited on A.")
    document = snapshot(a)
    document["format_version"] = 1
    for publication in document["publications"]:
        del publication["files"]
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(document), encoding="utf-8")

    plan = b.import_bundle(source, take_theirs={PUBLICATION})

    assert uids(plan, "conflict") == {PUBLICATION}  # both edited it
    assert plan.count("unchanged") == 326
    publication = records(b, "publications")[PUBLICATION]
    assert publication["note"] == "Edited on A."
    assert [f["name"] for f in publication["files"]] == ["playbook.pdf"]  # left as they were


def test_the_export_lists_publication_files(catalogue: Catalogue) -> None:
    entry = attach_file(catalogue, PUBLICATION, "playbook.pdf", b"%PDF-1.4 test")
    document = snapshot(catalogue)
    assert document["format_version"] == 2
    files = {p["uid"]: p["files"] for p in document["publications"]}
    assert files[PUBLICATION] == [entry]
    assert files["bea-codes-playbook-ko"] == []


# --- .zip bundles with files ---------------------------------------------------------------


def test_a_zip_carries_the_files(pair: tuple[Catalogue, Catalogue]) -> None:
    a, b = pair
    entry = attach_file(a, PUBLICATION, "playbook.pdf", b"%PDF-1.4 the playbook")
    source = export(a, "a.zip")
    with zipfile.ZipFile(source) as archive:
        assert sorted(archive.namelist()) == [
            "catalogue.json",
            f"files/{PUBLICATION}/playbook.pdf",
        ]

    plan = b.import_bundle(source)

    assert uids(plan, "changed") == {PUBLICATION}
    assert records(b, "publications")[PUBLICATION]["files"] == [entry]
    stored = files_folder(b.path) / entry["stored_name"]
    assert stored.read_bytes() == b"%PDF-1.4 the playbook"


def zip_bundle(path: Path, document: dict[str, Any], members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catalogue.json", json.dumps(document))
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_bad_files_in_a_zip_are_skipped_not_written(
    pair: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    a, b = pair
    good = attach_file(a, PUBLICATION, "good.pdf", b"good")
    document = snapshot(a)
    evil = {**good, "uid": "evil", "name": "evil.pdf", "stored_name": "../evil.pdf"}
    damaged = {**good, "uid": "damaged", "name": "damaged.pdf", "stored_name": "x/damaged.pdf"}
    missing = {**good, "uid": "missing", "name": "missing.pdf", "stored_name": "x/missing.pdf"}
    for publication in document["publications"]:
        if publication["uid"] == PUBLICATION:
            publication["files"] = [good, evil, damaged, missing]
    source = zip_bundle(
        tmp_path / "bad.zip",
        document,
        {
            f"files/{good['stored_name']}": b"good",
            "files/../evil.pdf": b"good",
            "files/x/damaged.pdf": b"evil",  # the same size, another sha256
        },
    )

    plan = b.import_bundle(source)

    assert [(i.kind, i.label, i.reason) for i in plan.of("skipped")] == [
        ("file", "evil.pdf", "its name ../evil.pdf would be stored outside the files folder"),
        ("file", "damaged.pdf", "the file in the bundle is damaged (its sha256 differs)"),
        ("file", "missing.pdf", "the file is missing from the bundle"),
    ]
    assert [f["uid"] for f in records(b, "publications")[PUBLICATION]["files"]] == [good["uid"]]
    assert not (tmp_path / "b" / "evil.pdf").exists()
    assert sorted(p.name for p in files_folder(b.path).rglob("*") if p.is_file()) == ["good.pdf"]


def test_a_json_bundle_carries_no_files(pair: tuple[Catalogue, Catalogue]) -> None:
    a, b = pair
    attach_file(a, PUBLICATION, "playbook.pdf", b"%PDF")
    plan = b.import_bundle(export(a, "a.json"))
    (skipped,) = plan.of("skipped")
    assert skipped.reason == "the file is not in the bundle (a .json bundle carries no files)"
    assert records(b, "publications")[PUBLICATION]["files"] == []


# --- bad bundles: one line naming the problem, nothing changed ------------------------------


def bad(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def with_change(catalogue: Catalogue, change: Any) -> dict[str, Any]:
    document = snapshot(catalogue)
    change(document)
    return document


def set_in(section: str, key: str, value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        if value is None:
            del document[section][0][key]
        else:
            document[section][0][key] = value

    return change


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "{not json",
            "it is not JSON (Expecting property name enclosed in double quotes at line 1, column 2)",
        ),
        (b"\xff\xfe\x00junk", "it is not JSON (not UTF-8 text)"),
        ([1, 2, 3], "it is not an ICLEI Desktop catalogue"),
        ({"format": "something-else"}, "it is not an ICLEI Desktop catalogue"),
        (
            {"format": "iclei-desktop-catalogue", "format_version": 3},
            "it is format version 3, newer than this app reads (up to 2); "
            "update ICLEI Desktop to import it",
        ),
        (
            {"format": "iclei-desktop-catalogue", "format_version": 2, "schema_revision": "0099"},
            "it comes from a newer catalogue (schema 0099) than this app knows; "
            "update ICLEI Desktop to import it",
        ),
        (
            {"format": "iclei-desktop-catalogue", "format_version": 2, "events": {}},
            "its events are not a list",
        ),
        (
            {"format": "iclei-desktop-catalogue", "format_version": 2, "versions": []},
            "its versions are not a mapping of uids to digests",
        ),
        (
            {"format": "iclei-desktop-catalogue", "format_version": 2, "versions": {"x": ["ab"]}},
            "the versions of x are not a list of SHA-256 digests",
        ),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    catalogue: Catalogue, tmp_path: Path, content: Any, problem: str
) -> None:
    source = bad(tmp_path, "bad.json", content)
    before = snapshot(catalogue)
    for call in (catalogue.preview_bundle, catalogue.import_bundle):
        with pytest.raises(BundleImportError) as caught:
            call(source)
        assert str(caught.value) == f"cannot import {source}: {problem}"
    assert snapshot(catalogue) == before
    assert catalogue.backups() == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (set_in("programs", "uid", None), "record 1 of its programs has no uid"),
        (
            set_in("programs", "name", None),
            "program adb-ta-mainstreaming-ucca-china has no name",
        ),
        (
            set_in("programs", "name", ""),
            "program adb-ta-mainstreaming-ucca-china has no name",
        ),
        (
            set_in("events", "attendance", "many"),
            f'event {EVENT}: attendance should be a whole number, not "many"',
        ),
        (
            set_in("events", "start_date", "16/12/2020"),
            f'event {EVENT}: start_date should be a date (YYYY-MM-DD), not "16/12/2020"',
        ),
        (
            set_in("events", "all_day", "yes"),
            f'event {EVENT}: all_day should be true or false, not "yes"',
        ),
        (
            set_in("programs", "kind", "club"),
            'program adb-ta-mainstreaming-ucca-china: kind "club" is not one of program, '
            "network, project, partnership, initiative",
        ),
        (
            set_in("publications", "files", [{"uid": "f", "name": "n"}]),
            "publication bea-codes-playbook: a file has no stored_name",
        ),
        (
            set_in("programs", "name", "Bell\x07"),
            "program adb-ta-mainstreaming-ucca-china: name holds a control character (U+0007), "
            "which cannot be saved",
        ),
        (
            set_in("events", "url", "javascript:alert(1)"),
            f'event {EVENT}: url "javascript:alert(1)" is not a web address',
        ),
    ],
)
def test_a_bad_record_is_refused_and_changes_nothing(
    catalogue: Catalogue, tmp_path: Path, change: Any, problem: str
) -> None:
    source = bad(tmp_path, "bad.json", with_change(catalogue, change))
    before = snapshot(catalogue)
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(source)
    assert str(caught.value) == f"cannot import {source}: {problem}"
    assert snapshot(catalogue) == before


def test_a_missing_file_or_a_folder_is_refused(catalogue: Catalogue, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(missing)
    assert str(caught.value) == f"cannot import {missing}: there is no such file"
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(tmp_path)
    assert str(caught.value) == f"cannot import {tmp_path}: it is a folder"


def test_a_zip_without_a_catalogue_or_a_damaged_one_is_refused(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(empty)
    assert str(caught.value) == (
        f"cannot import {empty}: the .zip has no catalogue.json; it is not a catalogue bundle"
    )
    damaged = tmp_path / "damaged.zip"
    source = zip_bundle(tmp_path / "good.zip", snapshot(catalogue), {})
    data = bytearray(source.read_bytes())
    data[100:110] = b"0123456789"  # inside catalogue.json's packed bytes
    damaged.write_bytes(bytes(data))
    with pytest.raises(BundleImportError, match=r"the \.zip is damaged or unreadable"):
        catalogue.import_bundle(damaged)

    cut = tmp_path / "cut.zip"
    cut.write_bytes(source.read_bytes()[:200])  # a copy interrupted: no directory at the end
    before = snapshot(catalogue)
    renamed = tmp_path / "cut.bundle"  # known by its first bytes, whatever its name
    renamed.write_bytes(cut.read_bytes())
    for bundle_file in (cut, renamed):
        with pytest.raises(BundleImportError) as caught:
            catalogue.preview_bundle(bundle_file)
        assert str(caught.value) == (
            f"cannot import {bundle_file}: the .zip is damaged or unreadable "
            "(cut short, or not a .zip)"
        )
    assert snapshot(catalogue) == before


def test_a_zip_bomb_or_a_huge_file_is_refused(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("catalogue.json", "{}")
        archive.writestr("files/zeros.pdf", bytes(4 * 1024 * 1024))
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(bomb)
    assert str(caught.value).startswith(
        f"cannot import {bomb}: files/zeros.pdf in the .zip unpacks"
    )
    assert str(caught.value).endswith("times its packed size (a zip bomb?)")

    monkeypatch.setattr(bundle, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w") as archive:
        archive.writestr("catalogue.json", "{}")
        archive.writestr("files/big.pdf", bytes(2048))
    with pytest.raises(BundleImportError) as caught:
        catalogue.import_bundle(big)
    assert str(caught.value) == (
        f"cannot import {big}: files/big.pdf in the .zip is 0.0 MB; at most 0.0 MB"
    )
    assert catalogue.backups() == []


def test_a_read_only_catalogue_refuses_an_import(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    source = export(a, "a.json")
    path = b.path
    b.close()
    reader = Catalogue.open_read_only(path)
    try:
        assert reader.preview_bundle(source).count("unchanged") == 327
        with pytest.raises(Exception, match="open read-only"):
            reader.import_bundle(source)
    finally:
        reader.close()


def test_a_record_breaking_a_rule_of_the_catalogue_rolls_the_whole_import_back(
    pair: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    a, b = pair
    document = snapshot(a)
    document["organizations"].append(
        dict(document["organizations"][0], uid="fine-org", name="A fine new organization")
    )
    document["events"].append(
        dict(
            document["events"][0],
            uid="backwards@test",
            start_date="2021-05-03",
            end_date="2021-05-01",
        )
    )
    source = bad(tmp_path, "backwards.json", document)
    before, agreed = snapshot(b), bases(b)

    with pytest.raises(BundleImportError) as caught:
        b.import_bundle(source)

    assert str(caught.value) == (
        f"cannot import {source}: event backwards@test breaks a rule of the catalogue "
        "(CHECK constraint failed: ck_event_end_after_start); nothing was imported"
    )
    assert snapshot(b) == before
    assert bases(b) == agreed


# --- older bundles, and records handed on then deleted -----------------------------------------


def test_an_older_bundle_imported_after_a_newer_one_changes_nothing(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    edit(a, "program", PROGRAM, summary="First edit on A.")
    first = export(a, "a1.json")
    edit(a, "program", PROGRAM, summary="Second edit on A.")
    second = export(a, "a2.json")
    assert uids(b.import_bundle(second), "changed") == {PROGRAM}

    stale = b.import_bundle(first)

    (item,) = [i for i in stale.of("kept") if i.uid == PROGRAM]
    assert item.reason == "the bundle's copy is older"
    assert stale.count("changed") == stale.count("conflict") == 0
    assert records(b, "programs")[PROGRAM]["summary"] == "Second edit on A."
    # Still the newest agreed: the newer bundle again is unchanged, not a change back.
    assert b.import_bundle(second).count("changed") == 0


def test_a_record_handed_on_and_deleted_here_is_not_brought_back(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    uid = a.create_event(
        EventDraft(title="Added on A", start_date=date(2021, 3, 1), end_date=date(2021, 3, 1))
    )
    b.import_bundle(export(a, "a.json"))
    a.delete_event(uid)

    plan = a.import_bundle(export(b, "b.json"))

    assert uid in uids(plan, "deleted-here")
    assert uid not in {e["uid"] for e in snapshot(a)["events"]}


def test_a_version_only_handed_on_is_not_agreed_so_both_edits_conflict(
    pair: tuple[Catalogue, Catalogue],
) -> None:
    a, b = pair
    edit(a, "program", PROGRAM, summary="Edited on A and exported.")
    export(a, "a.json")  # B never imports it
    edit(b, "program", PROGRAM, summary="Edited on B meanwhile.")

    plan = a.import_bundle(export(b, "b.json"))

    assert uids(plan, "conflict") == {PROGRAM}
    assert records(a, "programs")[PROGRAM]["summary"] == "Edited on A and exported."


def test_a_read_only_catalogue_exports_without_remembering(
    pair: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    a, _b = pair
    before = bases(a)
    path = a.path
    a.close()
    reader = Catalogue.open_read_only(path)
    try:
        assert json.loads(reader.export_json())["programs"]
    finally:
        reader.close()
    opened = Catalogue.open(path)
    try:
        assert bases(opened) == before
    finally:
        opened.close()
