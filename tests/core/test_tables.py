"""Table export: each list as CSV and XLSX, read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.columns import COLUMNS, TABLE_TYPES, TYPE_OF_KIND, row_values
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.errors import Cancelled, ExportError
from iclei_desktop.core.exchange.tables import csv_text, write_csv
from iclei_desktop.core.services.listing import Query

TODAY = date(2020, 11, 1)
LIST_KINDS = ("program", "event", "local_government", "publication", "organization")
TRICKY_TITLE = 'Seoul, "Green" week'
TRICKY_LOCATION = "City Hall, Seoul\n서울특별시청"


def expected_rows(catalogue: Catalogue, kind: str, query: Query) -> list[list[object]]:
    """What the list shows for ``query``: the rows of ``ids`` in their order, typed."""
    record_ids = catalogue.ids(kind, query)
    found = catalogue.rows(kind, record_ids)
    return [row_values(COLUMNS[kind], found[i]) for i in record_ids]


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would garble CJK"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def add_tricky_event(catalogue: Catalogue) -> None:
    catalogue.create_event(
        EventDraft(
            title=TRICKY_TITLE,
            start_date=date(2020, 6, 3),
            end_date=date(2020, 6, 3),
            location=TRICKY_LOCATION,
            mode="hybrid",
        )
    )


def test_csv_of_a_filtered_sorted_list_holds_the_rows_the_list_shows(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    add_tricky_event(catalogue)
    query = Query(
        filters=(("year", 2020),), sort=2, descending=True, today=TODAY
    )  # by location, Z to A
    target = tmp_path / "events.csv"
    written = catalogue.export_table("event", target, "csv", query)
    rows = read_csv(target)
    assert rows[0] == ["When", "Title", "Location", "Mode", "Status", "Program", "Series"]
    expected = [[csv_text(v) for v in row] for row in expected_rows(catalogue, "event", query)]
    assert written == len(expected) == len(rows) - 1
    assert rows[1:] == expected
    assert len(expected) < catalogue.counts().events  # the filter left some out
    tricky = next(row for row in rows if row[1] == TRICKY_TITLE)
    assert tricky[:4] == ["2020-06-03", TRICKY_TITLE, TRICKY_LOCATION, "Hybrid"]


def test_csv_keeps_every_script_and_types_cells_plainly(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "members.csv"
    catalogue.export_table("local_government", target, "csv", Query(text="成都"))
    rows = read_csv(target)
    assert rows[0] == [
        "Name",
        "Native name",
        "Country",
        "Kind",
        "ICLEI member",
        "Member since",
        "Programs",
        "Events",
    ]
    assert [row[:3] for row in rows[1:]] == [["Chengdu", "成都市", "China"]]
    everyone = tmp_path / "all.csv"
    catalogue.export_table("local_government", everyone, "csv")
    text = everyone.read_text(encoding="utf-8-sig")
    for name in ("成都", "서울", "Улаанбаатар"):
        assert name in text
    assert all(row[6].isdigit() and row[7].isdigit() for row in read_csv(everyone)[1:])


def test_people_are_every_person_with_their_seats(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    written = catalogue.export_table("person", target, "csv", Query(text="ignored"))
    rows = read_csv(target)
    assert rows[0] == [
        "Name",
        "Native name",
        "Honorific",
        "Title",
        "Organization",
        "Local government",
        "City",
        "Secretariat staff",
        "Seats",
    ]
    assert written == catalogue.counts().people == len(rows) - 1
    names = [row[0] for row in rows[1:]]
    assert names == sorted(names, key=str.casefold)
    kyoto = next(row for row in rows if row[0] == "Daisaku Kadokawa")
    assert kyoto[1] == "門川大作"
    assert kyoto[7] == "no"
    assert kyoto[8].startswith("East Asia RexCom: Chair")
    assert {row[7] for row in rows[1:]} == {"yes", "no"}


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_every_list_exports_as_it_is_listed(
    catalogue: Catalogue, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / f"{kind}.csv"
    catalogue.export_table(kind, target, "csv")
    rows = read_csv(target)
    assert rows[0] == [c.header for c in COLUMNS[kind]]
    names = [row[0] for row in rows[1:]]
    if kind == "program":  # the Programs tab groups them under their first pathway
        groups = catalogue.program_groups()
        pathways = [*catalogue.pathway_names(), ""]
        rows_in_order = catalogue.programs()
        rows_in_order.sort(key=lambda r: pathways.index(groups.get(r.id, "")))  # stable
        assert names == [r.name for r in rows_in_order]
    else:
        expected = [csv_text(row[0]) for row in expected_rows(catalogue, kind, Query())]
        assert names == expected


def test_translated_headers_replace_the_english_ones(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "partners.csv"
    headers = ["名称", "略称", "種類", "国", "プログラム", "イベント", "出版物"]
    catalogue.export_table("organization", target, "csv", headers=headers)
    assert read_csv(target)[0] == headers
    with pytest.raises(ValueError, match="2 headers for 7 columns"):
        catalogue.export_table("organization", target, "csv", headers=["a", "b"])


def test_xlsx_has_a_bold_frozen_filtered_header_and_typed_cells(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    add_tricky_event(catalogue)
    query = Query(filters=(("year", 2020),), sort=1, today=TODAY)  # by title
    target = tmp_path / "events.xlsx"
    written = catalogue.export_table("event", target, "xlsx", query)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["events"]
    sheet = workbook["events"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:G{written + 1}"
    header = [cell.value for cell in sheet[1]]
    assert header == [c.header for c in COLUMNS["event"]]
    assert all(cell.font.b for cell in sheet[1])
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    expected = expected_rows(catalogue, "event", query)
    # openpyxl reads a date back as a datetime at midnight.
    assert [[v.date() if hasattr(v, "date") else v for v in row] for row in values] == expected
    days = [row[0] for row in sheet.iter_rows(min_row=2) if row[0].is_date]
    assert days, "no event of one day became a date cell"
    assert all(cell.number_format == "yyyy-mm-dd" for cell in days)
    tricky = next(row for row in values if row[1] == TRICKY_TITLE)
    assert tricky[2] == TRICKY_LOCATION
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert all(6 <= width <= 60 for width in widths)


def test_xlsx_counts_are_numbers_and_cjk_is_intact(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "members.xlsx"
    catalogue.export_table("local_government", target, "xlsx", Query(sort=6, descending=True))
    sheet = openpyxl.load_workbook(target)["local-governments"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(row[6], int) and isinstance(row[7], int) for row in rows)
    assert [row[6] for row in rows] == sorted((row[6] for row in rows), reverse=True)
    native = " ".join(row[1] for row in rows if row[1])
    assert all(name in native for name in ("成都", "서울", "Улаанбаатар"))
    assert any(isinstance(row[5], int) for row in rows)  # member since: a year, a number


def test_xlsx_never_turns_typed_text_into_a_formula(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.create_event(
        EventDraft(
            title='=HYPERLINK("http://example.org","x")\tand a tab',
            start_date=date(2021, 1, 5),
            end_date=date(2021, 1, 6),
        )
    )
    target = tmp_path / "events.xlsx"
    catalogue.export_table("event", target, "xlsx", Query(text="hyperlink"))
    cell = openpyxl.load_workbook(target)["events"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.org","x")\tand a tab'


def test_people_and_publications_as_xlsx(catalogue: Catalogue, tmp_path: Path) -> None:
    people = tmp_path / "people.xlsx"
    catalogue.export_table("person", people, "xlsx")
    rows = list(openpyxl.load_workbook(people)["people"].iter_rows(min_row=2, values_only=True))
    assert {row[7] for row in rows} == {True, False}
    publications = tmp_path / "publications.xlsx"
    catalogue.export_table("publication", publications, "xlsx")
    sheet = openpyxl.load_workbook(publications)["publications"]
    # The report dates publications to the month or year: no day is invented for them.
    dates = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Apr 2020" in dates and "2021" in dates and None in dates


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_unwritable_target_raises_and_leaves_nothing(
    catalogue: Catalogue, tmp_path: Path, fmt: str
) -> None:
    before = sorted(tmp_path.iterdir())
    missing = tmp_path / "nowhere" / f"events.{fmt}"
    with pytest.raises(ExportError) as raised:
        catalogue.export_table("event", missing, fmt)
    assert str(raised.value) == (
        f"cannot write {missing}: folder {tmp_path / 'nowhere'} does not exist"
    )
    folder = tmp_path / f"folder.{fmt}"
    folder.mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        catalogue.export_table("event", folder, fmt)
    assert list(folder.iterdir()) == []
    assert sorted(tmp_path.iterdir()) == sorted([*before, folder])


def test_an_unknown_format_is_refused(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "events.ods"
    with pytest.raises(ExportError) as raised:
        catalogue.export_table("event", target, "ods")
    assert str(raised.value) == f"cannot write {target}: unknown table format ods"
    assert not target.exists()


def test_a_cancelled_export_keeps_the_old_file_and_leaves_no_temporary(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "events.csv"
    target.write_bytes(b"before")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done > 0:
            raise Cancelled

    with pytest.raises(Cancelled):
        catalogue.export_table("event", target, "csv", progress=progress)
    assert target.read_bytes() == b"before"
    assert list(tmp_path.glob(".events.csv.*")) == []
    assert seen[0] == (0, 0)


def test_a_value_with_a_newline_comma_and_quote_survives_csv(tmp_path: Path) -> None:
    stream = io.BytesIO()
    cells = [['a, "b"\nc', 3, True, None, date(2020, 1, 2)]]
    assert write_csv(stream, ["x", "y", "z", "w", "v"], iter(cells)) == 1
    back = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"), newline="")))
    assert back == [["x", "y", "z", "w", "v"], ['a, "b"\nc', "3", "yes", "", "2020-01-02"]]


def test_the_table_types_name_every_kind() -> None:
    assert set(TABLE_TYPES.values()) == set(COLUMNS)
    assert {TYPE_OF_KIND[k] for k in COLUMNS} == set(TABLE_TYPES)


def test_a_device_is_written_to_in_place(catalogue: Catalogue, tmp_path: Path) -> None:
    people = catalogue.counts().people
    assert catalogue.export_table("person", Path(os.devnull), "xlsx") == people
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()
