"""The seed catalogue: complete, faithful, idempotent, and strict about bad data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import SeedError
from iclei_desktop.core.seed import apply_seed, load_seed


def _export(catalogue: Catalogue) -> dict:  # type: ignore[type-arg]
    document = json.loads(catalogue.export_json())
    document.pop("exported_at")
    return document


def test_the_seed_holds_the_whole_report(catalogue: Catalogue) -> None:
    counts = catalogue.counts()
    assert counts.pathways == 5
    assert counts.programs > 20
    assert counts.events > 25
    assert counts.people >= 12
    assert counts.local_governments > 40
    assert counts.organizations > 40
    assert counts.publications > 12


def test_the_report_can_be_found_in_the_export(catalogue: Catalogue) -> None:
    document = _export(catalogue)
    lgs = {lg["uid"]: lg for lg in document["local_governments"]}
    chengdu = next(lg for lg in lgs.values() if lg["name"] == "Chengdu")
    assert (chengdu["native_name"], chengdu["is_member"], chengdu["member_since"]) == (
        "成都市",
        True,
        2020,
    )
    natives = {lg["native_name"] for lg in lgs.values()}
    assert {"서울특별시", "京都市", "Улаанбаатар", "新北市"} <= natives

    people = {p["name"]: p for p in document["people"]}
    assert people["Shu Zhu"]["is_staff"] is True
    seats = {(s["person"], s["body"], s["position"]) for s in document["governance_seats"]}
    assert (people["Frank Cownie"]["uid"], "gexcom", "President") in seats
    assert (people["Daisaku Kadokawa"]["uid"], "rexcom_east_asia", "Chair") in seats

    events = {e["title"]: e for e in document["events"]}
    preview = [e for e in events.values() if e["date_text"] == "Q3-4"]
    assert len(preview) == 1
    assert (preview[0]["start_date"], preview[0]["end_date"], preview[0]["date_precision"]) == (
        "2021-07-01",
        "2021-12-31",
        "quarter",
    )
    livable = next(e for t, e in events.items() if "Building Livable Cities" in t)
    assert livable["start_date"] == "2020-07-08"
    assert "7 AUG" in livable["note"]  # the overview's other date is kept in the note

    publications = document["publications"]
    translations = [p for p in publications if p["translation_of"]]
    assert any("Playbook" in p["title"] and p["language"] == "zh-Hans" for p in translations)
    by_uid = {p["uid"]: p for p in publications}
    for translation in translations:
        assert translation["translation_of"] in by_uid


def test_every_event_date_is_as_precise_as_the_report(catalogue: Catalogue) -> None:
    for event in _export(catalogue)["events"]:
        if event["date_precision"] != "day":
            assert event["date_text"], event["title"]
        assert date.fromisoformat(event["end_date"]) >= date.fromisoformat(event["start_date"])


def test_seeding_twice_changes_nothing(catalogue: Catalogue, seed_dir: Path) -> None:
    before = _export(catalogue)
    data = load_seed(seed_dir)
    catalogue._write(lambda session: apply_seed(session, data))
    assert _export(catalogue) == before


@pytest.fixture
def bad_seed(tmp_path: Path, seed_dir: Path) -> Path:
    """A copy of the real seed to break."""
    copy = tmp_path / "seed"
    shutil.copytree(seed_dir, copy)
    return copy


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_invalid_yaml_is_named_with_its_line(bad_seed: Path) -> None:
    pathways = bad_seed / "pathways.yaml"
    pathways.write_text("- key: circular\n  name: [Circular\n", encoding="utf-8")
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value).startswith(f"{pathways} (line 3): not valid YAML: ")


def test_an_unknown_field_is_named_with_its_record(bad_seed: Path) -> None:
    pathways = bad_seed / "pathways.yaml"
    key = load_seed(bad_seed).pathways[0].key
    _replace(pathways, "  name: ", "  nmae: ")
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == f"{pathways}: record '{key}': name: Field required"


def test_a_malformed_key_is_refused(bad_seed: Path) -> None:
    pathways = bad_seed / "pathways.yaml"
    key = load_seed(bad_seed).pathways[0].key
    _replace(pathways, f"key: {key}", "key: Low Emission")
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == (
        f"{pathways}: record 'Low Emission': key: String should match pattern "
        "'^[a-z0-9]+(-[a-z0-9]+)*$'"
    )


def _edit(seed: Path, name: str, change: Callable[[list[dict[str, Any]]], None]) -> Path:
    """Load a seed file, let ``change`` alter its records, and write it back."""
    path = seed / f"{name}.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_an_event_ending_before_it_starts_is_refused(bad_seed: Path) -> None:
    def change(events: list[dict[str, Any]]) -> None:
        events[0]["end"] = date(1999, 1, 1)

    path = _edit(bad_seed, "events", change)
    first = yaml.safe_load(path.read_text(encoding="utf-8"))[0]["key"]
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == f"{path}: record '{first}': end is before start"


def test_an_unknown_mode_is_refused(bad_seed: Path) -> None:
    def change(events: list[dict[str, Any]]) -> None:
        events[1]["mode"] = "teleport"

    path = _edit(bad_seed, "events", change)
    second = yaml.safe_load(path.read_text(encoding="utf-8"))[1]["key"]
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == (
        f"{path}: record '{second}': mode: must be one of in_person, virtual, hybrid"
    )


def test_a_reference_to_a_missing_record_is_refused(bad_seed: Path) -> None:
    def change(events: list[dict[str, Any]]) -> None:
        events[2]["cities"] = ["atlantis"]

    path = _edit(bad_seed, "events", change)
    third = yaml.safe_load(path.read_text(encoding="utf-8"))[2]["key"]
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == f"{path}: record '{third}': unknown local government 'atlantis'"


def test_a_program_with_an_unknown_role_is_refused(bad_seed: Path) -> None:
    def change(programs: list[dict[str, Any]]) -> None:
        programs[0]["organizations"] = [{"org": "iclei-east-asia", "role": "overlord"}]

    path = _edit(bad_seed, "programs", change)
    first = yaml.safe_load(path.read_text(encoding="utf-8"))[0]["key"]
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value).startswith(
        f"{path}: record '{first}': organization 'iclei-east-asia': role must be one of funder, "
    )


def test_a_duplicate_key_is_refused(bad_seed: Path) -> None:
    pathways = bad_seed / "pathways.yaml"
    first = load_seed(bad_seed).pathways[0]
    pathways.write_text(
        pathways.read_text(encoding="utf-8") + f"\n- key: {first.key}\n  name: Again\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == f"{pathways}: record '{first.key}': duplicate key"


def test_a_missing_seed_file_is_named(bad_seed: Path) -> None:
    (bad_seed / "figures.yaml").unlink()
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == f"{bad_seed / 'figures.yaml'}: seed file is missing"


def test_a_file_that_is_not_a_list_is_refused(bad_seed: Path) -> None:
    (bad_seed / "figures.yaml").write_text("key: value\n", encoding="utf-8")
    with pytest.raises(SeedError) as error:
        load_seed(bad_seed)
    assert str(error.value) == (
        f"{bad_seed / 'figures.yaml'}: expected a list of records at the top level"
    )


def test_a_bad_seed_creates_no_catalogue(bad_seed: Path, tmp_path: Path) -> None:
    (bad_seed / "figures.yaml").write_text("- key: x\n  label: [\n", encoding="utf-8")
    target = tmp_path / "new.sqlite"
    with pytest.raises(SeedError, match=r"figures\.yaml \(line 3\): not valid YAML"):
        Catalogue.open(target, seed_dir=bad_seed)
    assert not target.exists()
