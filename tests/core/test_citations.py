"""Publications as citations, read back with real parsers: bibtexparser, rispy, citeproc-py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from sqlalchemy import delete, select

from iclei_desktop.core import models as m
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import open_database
from iclei_desktop.core.dto import PublicationDetail
from iclei_desktop.core.errors import ExportError

# CSL 1.0.2's item types (the specification's appendix), as Zotero's CSL JSON importer lists them.
CSL_ITEM_TYPES = {
    *("article", "article-journal", "article-magazine", "article-newspaper", "bill", "book"),
    *("broadcast", "chapter", "classic", "collection", "dataset", "document", "entry"),
    *("entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing"),
    *("interview", "legal_case", "legislation", "manuscript", "map", "motion_picture"),
    *("musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical"),
    *("personal_communication", "post", "post-weblog", "regulation", "report", "review"),
    *("review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"),
}
BIBTEX_TYPE = {"techreport", "book", "misc"}
RIS_TYPE = {"RPRT", "BOOK", "SER"}
TRICKY = 'Plan {A} & B: 100% "green" #1 } and {\nsecond\tline_$~^\\ <x>|'
CJK = "低碳城市建设指南 서울 사례と東京"
# What the BibTeX writer escapes, as documented in core/exchange/citations.py, undone.
UNLATEX = [
    (r"\{\vphantom{\}}", "{"),
    (r"\vphantom{\{}\}", "}"),
    (r"\{", "{"),
    (r"\}", "}"),
    (r"{\textbackslash}", "\\"),
    (r"{\textasciitilde}", "~"),
    (r"{\textasciicircum}", "^"),
    (r"{\textless}", "<"),
    (r"{\textgreater}", ">"),
    (r"{\textbar}", "|"),
    (r"\#", "#"),
    (r"\$", "$"),
    (r"\%", "%"),
    (r"\&", "&"),
    (r"\_", "_"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    """One seeded catalogue for the tests that only read (seeding takes seconds)."""
    opened = Catalogue.open(tmp_path_factory.mktemp("citations") / "catalogue.sqlite")
    yield opened
    opened.close()


def unlatex(value: str) -> str:
    for latex, text in UNLATEX:
        value = value.replace(latex, text)
    return value


def names(value: str) -> list[str]:
    """The corporate names of a BibTeX name list: ``{A} and {B}``."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        if value.startswith("\\", i):
            i += 2
            continue
        if value[i] == "{":
            depth += 1
        elif value[i] == "}":
            depth -= 1
        elif depth == 0 and value.startswith(" and ", i):
            parts.append(value[start:i])
            start = i + 5
        i += 1
    parts.append(value[start:])
    return [unlatex(p.strip()[1:-1]) for p in parts]


def parse_bibtex(text: str) -> list[dict[str, Any]]:
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    entries: list[dict[str, Any]] = bibtexparser.loads(text, parser).entries
    return entries


def render(items: list[dict[str, Any]]) -> str:
    """A bibliography of ``items`` in the Harvard style bundled with citeproc-py."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return "\n".join(str(entry) for entry in bibliography.bibliography())


def add_publication(
    catalogue: Catalogue,
    title: str,
    *,
    kind: str = "report",
    published_on: date | None = date(2020, 5, 12),
    precision: str | None = "day",
    status: str = "published",
    language: str = "en",
    url: str | None = None,
    organizations: tuple[tuple[str, str], ...] = (("iclei-east-asia", "author"),),
) -> int:
    database = open_database(catalogue.path)
    try:
        with database.sessions() as session, session.begin():
            publication = m.Publication(
                uid=f"test-{len(title)}-{kind}-{precision}",
                title=title,
                kind=kind,
                published_on=published_on,
                date_precision=precision,
                status=status,
                language=language,
                url=url,
            )
            session.add(publication)
            session.flush()
            for uid, role in organizations:
                organization = session.scalars(
                    select(m.Organization).where(m.Organization.uid == uid)
                ).one()
                session.add(
                    m.PublicationOrganization(
                        publication_id=publication.id, organization_id=organization.id, role=role
                    )
                )
            return publication.id
    finally:
        database.engine.dispose()


def details(catalogue: Catalogue) -> list[PublicationDetail]:
    found = []
    for row in catalogue.publications():
        detail = catalogue.detail("publication", row.id)
        assert isinstance(detail, PublicationDetail)
        found.append(detail)
    return found


def role(detail: PublicationDetail, name: str) -> list[str]:
    return sorted(ref.label for ref in detail.organizations if ref.note == name)


def dated(catalogue: Catalogue) -> dict[int, date | None]:
    return {row.id: row.published_on for row in catalogue.publications()}


# --- every seeded publication, in each format --------------------------------------------


def test_bibtex_of_every_seeded_publication_reads_back(seeded: Catalogue) -> None:
    entries = parse_bibtex(seeded.citations("bibtex"))
    publications = details(seeded)
    when = dated(seeded)
    assert len(entries) == len(publications) == 33
    assert len({e["ID"] for e in entries}) == 33
    for entry, publication in zip(entries, publications, strict=True):
        assert entry["ID"].isascii() and entry["ID"].isalnum()
        assert entry["ENTRYTYPE"] in BIBTEX_TYPE
        assert unlatex(entry["title"]) == publication.title
        assert entry["uid"] == publication.uid
        assert entry["language"] == publication.language
        published_on = when[publication.id]
        assert entry.get("year") == (str(published_on.year) if published_on else None)
        publisher = entry.get("institution") or entry.get("publisher")
        assert (names(publisher) if publisher else []) == role(publication, "publisher")
        assert (names(entry["author"]) if "author" in entry else []) == role(publication, "author")
        translators = role(publication, "translator")
        assert (names(entry["translator"]) if "translator" in entry else []) == translators
    kinds = {p.title: p.kind for p in publications}
    types = {unlatex(e["title"]): e["ENTRYTYPE"] for e in entries}
    assert types["EcoLogistics in East Asia: the Frontier for Sustainable Urban Mobility"] == (
        "techreport"
    )
    assert {types[t] for t, k in kinds.items() if k in {"handbook", "playbook", "guidelines"}} == {
        "book"
    }
    assert {types[t] for t, k in kinds.items() if k in {"newsletter", "periodical"}} == {"misc"}


def test_bibtex_names_organizations_as_corporate_authors(seeded: Catalogue) -> None:
    text = seeded.citations("bibtex")
    assert "author = {{ICLEI East Asia Secretariat}}" in text
    assert "author = {{ICLEI East Asia Secretariat} and {The Asia Foundation}}" in text
    assert "translator = {{ICLEI East Asia Secretariat} and {ICLEI Korea Office}}" in text


def test_ris_of_every_seeded_publication_reads_back(seeded: Catalogue) -> None:
    records = rispy.loads(seeded.citations("ris"))
    publications = details(seeded)
    when = dated(seeded)
    assert len(records) == len(publications)
    assert len({r["id"] for r in records}) == len(records)
    for record, publication in zip(records, publications, strict=True):
        assert record["type_of_reference"] in RIS_TYPE
        assert record["title"] == publication.title
        assert record["language"] == publication.language
        assert record["accession_number"] == publication.uid
        assert record.get("authors", []) == role(publication, "author")
        assert record.get("subsidiary_authors", []) == role(publication, "translator")
        assert record.get("publisher", "") == "; ".join(role(publication, "publisher"))
        assert record.get("urls", [None])[0] == publication.url
        published_on = when[publication.id]
        if published_on is None:
            assert "year" not in record and "date" not in record
        else:
            assert record["year"] == str(published_on.year)
            assert record["date"].startswith(str(published_on.year))


def test_csl_json_of_every_seeded_publication_is_well_formed_and_renders(
    seeded: Catalogue,
) -> None:
    items = json.loads(seeded.citations("csl-json"))
    publications = details(seeded)
    assert isinstance(items, list) and len(items) == len(publications)
    assert len({item["id"] for item in items}) == len(items)
    for item, publication in zip(items, publications, strict=True):
        assert item["type"] in CSL_ITEM_TYPES
        assert item["title"] == publication.title
        assert item["language"] == publication.language
        assert [a["literal"] for a in item.get("author", [])] == role(publication, "author")
        assert [t["literal"] for t in item.get("translator", [])] == role(publication, "translator")
        assert item.get("publisher", "") == "; ".join(role(publication, "publisher"))
        if "issued" in item:
            (parts,) = item["issued"]["date-parts"]
            assert all(isinstance(p, int) for p in parts) and 1 <= len(parts) <= 3
        if publication.translation_of:
            assert item["original-title"] == publication.translation_of.label
    bibliography = render(items)
    for publication in publications:
        assert publication.title in bibliography


# --- dates, status, translations ----------------------------------------------------------


def test_dates_are_cited_only_as_precisely_as_known(catalogue: Catalogue) -> None:
    day = add_publication(catalogue, "A day", precision="day")
    month = add_publication(catalogue, "A month", precision="month", published_on=date(2020, 5, 1))
    quarter = add_publication(
        catalogue, "A quarter", precision="quarter", published_on=date(2020, 7, 1)
    )
    half = add_publication(catalogue, "A half", precision="half", published_on=date(2020, 7, 1))
    ids = [day, month, quarter, half]
    items = json.loads(catalogue.citations("csl-json", ids))
    assert [i["issued"]["date-parts"] for i in items] == [
        [[2020, 5, 12]],
        [[2020, 5]],
        [[2020]],
        [[2020]],
    ]
    entries = parse_bibtex(catalogue.citations("bibtex", ids))
    assert [(e["year"], e.get("month"), e["date"]) for e in entries] == [
        ("2020", "May", "2020-05-12"),
        ("2020", "May", "2020-05"),
        ("2020", None, "2020"),
        ("2020", None, "2020"),
    ]
    records = rispy.loads(catalogue.citations("ris", ids))
    assert [(r["year"], r["date"]) for r in records] == [
        ("2020", "2020/05/12"),
        ("2020", "2020/05"),
        ("2020", "2020"),
        ("2020", "2020"),
    ]


def by_uid(catalogue: Catalogue, uid: str) -> int:
    return next(row.id for row in catalogue.publications() if row.uid == uid)


def test_a_planned_publication_is_forthcoming(seeded: Catalogue) -> None:
    planned = by_uid(seeded, "best-practices-circular-food-handbook")
    (item,) = json.loads(seeded.citations("csl-json", [planned]))
    assert item["status"] == "forthcoming"
    assert item["issued"] == {"date-parts": [[2021]]}
    (entry,) = parse_bibtex(seeded.citations("bibtex", [planned]))
    assert entry["pubstate"] == "forthcoming"
    assert entry["note"] == "Forthcoming."
    (record,) = rispy.loads(seeded.citations("ris", [planned]))
    assert record["notes"] == ["Forthcoming."]
    published = by_uid(seeded, "ecologistics-in-east-asia-report")
    (item,) = json.loads(seeded.citations("csl-json", [published]))
    assert "status" not in item


def test_an_undated_publication_has_no_date(seeded: Catalogue) -> None:
    undated = by_uid(seeded, "bea-renovation-playbook")
    (item,) = json.loads(seeded.citations("csl-json", [undated]))
    assert "issued" not in item
    (entry,) = parse_bibtex(seeded.citations("bibtex", [undated]))
    assert not {"year", "month", "date"} & entry.keys()
    assert entry["ID"] == "AnonBuildingEfficiencyRenovation"  # no organization, no year
    (record,) = rispy.loads(seeded.citations("ris", [undated]))
    assert not {"year", "date"} & record.keys()
    assert "Building Efficiency Renovation Playbook" in render([item])


def test_a_translation_names_its_original(seeded: Catalogue) -> None:
    translation = by_uid(seeded, "bea-codes-playbook-ko")
    original = "Building Efficiency Codes Playbook"
    (item,) = json.loads(seeded.citations("csl-json", [translation]))
    assert item["original-title"] == original
    assert item["id"] == "ICLEIBuildingEfficiencyCodesKo"
    (entry,) = parse_bibtex(seeded.citations("bibtex", [translation]))
    assert entry["origtitle"] == original
    assert entry["note"] == f"Translation of: {original}."
    (record,) = rispy.loads(seeded.citations("ris", [translation]))
    assert record["notes"] == [f"Translation of: {original}."]
    assert record["subsidiary_authors"] == ["ICLEI East Asia Secretariat", "ICLEI Korea Office"]


def test_programs_are_keywords(seeded: Catalogue) -> None:
    publication = by_uid(seeded, "bea-codes-playbook")
    (entry,) = parse_bibtex(seeded.citations("bibtex", [publication]))
    assert entry["keywords"] == "Building Efficiency Accelerator"
    (record,) = rispy.loads(seeded.citations("ris", [publication]))
    assert record["keywords"] == ["Building Efficiency Accelerator"]


# --- awkward titles -----------------------------------------------------------------------


def test_a_title_with_braces_percent_ampersand_hash_quotes_and_a_newline_survives(
    catalogue: Catalogue,
) -> None:
    tricky = add_publication(catalogue, TRICKY, url="https://example.org/a%20b#c")
    expected = " ".join(TRICKY.split())  # one line: a newline or tab becomes a space
    bibtex_text = catalogue.citations("bibtex", [tricky])
    (entry,) = parse_bibtex(bibtex_text)
    assert unlatex(entry["title"]) == expected
    assert entry["url"] == "https://example.org/a%20b#c"
    # Every brace in the title is escaped, and they balance, as BibTeX counts them.
    title_line = next(line for line in bibtex_text.splitlines() if "title =" in line)
    assert title_line.count("{") == title_line.count("}")
    (record,) = rispy.loads(catalogue.citations("ris", [tricky]))
    assert record["title"] == expected
    (item,) = json.loads(catalogue.citations("csl-json", [tricky]))
    assert item["title"] == expected
    assert expected.split(" and ")[0] in render([item])


def test_cjk_titles_stay_utf8(catalogue: Catalogue, tmp_path: Path) -> None:
    cjk = add_publication(catalogue, CJK, kind="guidelines", language="zh-Hans")
    for fmt in ("bibtex", "ris", "csl-json"):
        target = tmp_path / f"cjk.{fmt}"
        assert catalogue.export_citations(target, fmt, [cjk]) == 1
        text = target.read_text(encoding="utf-8")
        assert CJK in text
    (entry,) = parse_bibtex((tmp_path / "cjk.bibtex").read_text(encoding="utf-8"))
    assert entry["title"] == CJK
    assert entry["ID"] == "ICLEI2020Guidelines"  # the kind stands for a title with no ASCII
    (record,) = rispy.loads((tmp_path / "cjk.ris").read_text(encoding="utf-8"))
    assert record["title"] == CJK
    (item,) = json.loads((tmp_path / "cjk.csl-json").read_text(encoding="utf-8"))
    assert item["title"] == CJK
    assert CJK in render([item])


# --- keys ---------------------------------------------------------------------------------


def test_keys_are_readable_stable_and_told_apart(seeded: Catalogue) -> None:
    everything = {e["uid"]: e["ID"] for e in parse_bibtex(seeded.citations("bibtex"))}
    assert everything["in-the-loop-issue-2"] == "ICLEI2020GreenCircularCities"
    assert everything["bea-codes-playbook-zh-hans"] == "ICLEI2020BuildingEfficiencyCodesZhHans"
    # Two case studies by one office in one year share a base; a and b, in the order added.
    assert everything["sgup-case-study-dortmund"] == "ICLEI2020SustainableUrbanRenewala"
    assert everything["sgup-case-study-chengdu"] == "ICLEI2020SustainableUrbanRenewalb"
    # A publication cited alone keeps the key it has among all of them.
    chengdu = by_uid(seeded, "sgup-case-study-chengdu")
    (alone,) = parse_bibtex(seeded.citations("bibtex", [chengdu]))
    assert alone["ID"] == "ICLEI2020SustainableUrbanRenewalb"
    (item,) = json.loads(seeded.citations("csl-json", [chengdu]))
    (record,) = rispy.loads(seeded.citations("ris", [chengdu]))
    assert item["id"] == record["id"] == alone["ID"]


# --- a selection, all, the file -----------------------------------------------------------


def test_a_selection_in_the_order_given_once_each(seeded: Catalogue) -> None:
    rows = seeded.publications()
    chosen = [rows[5].id, rows[0].id, rows[5].id]
    items = json.loads(seeded.citations("csl-json", chosen))
    assert [i["title"] for i in items] == [rows[5].title, rows[0].title]


def test_all_publications_in_the_lists_order(seeded: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "all.ris"
    assert seeded.export_citations(target, "ris") == 33
    titles = [r["title"] for r in rispy.loads(target.read_text(encoding="utf-8"))]
    assert titles == [row.title for row in seeded.publications()]


# --- bad inputs: exact messages, nothing written -------------------------------------------


def test_an_unknown_format(seeded: Catalogue, tmp_path: Path) -> None:
    message = "unknown citation format 'docx': choose bibtex, ris or csl-json"
    with pytest.raises(ExportError) as error:
        seeded.citations("docx")
    assert str(error.value) == message
    target = tmp_path / "out.docx"
    with pytest.raises(ExportError) as error:
        seeded.export_citations(target, "docx")
    assert str(error.value) == message
    assert not target.exists()


def test_unknown_ids(seeded: Catalogue, tmp_path: Path) -> None:
    known = seeded.publications()[0].id
    with pytest.raises(ExportError) as error:
        seeded.citations("bibtex", [known, 99999, 99998])
    assert str(error.value) == "no publication has id 99999, 99998"
    target = tmp_path / "out.bib"
    target.write_text("kept\n", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        seeded.export_citations(target, "bibtex", [99999])
    assert str(error.value) == f"no publication has id 99999, so {target} was not written"
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_no_publication(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(ExportError) as error:
        catalogue.export_citations(target, "csl-json", [])
    assert str(error.value) == f"no publication to export, so {target} was not written"
    assert not target.exists()
    database = open_database(catalogue.path)
    with database.sessions() as session, session.begin():
        # Translations first: deleting an original first would touch them as well.
        session.execute(delete(m.Publication).where(m.Publication.translation_of_id.isnot(None)))
        session.execute(delete(m.Publication))
    database.engine.dispose()
    with pytest.raises(ExportError) as error:
        catalogue.citations("ris")
    assert str(error.value) == "no publication to cite"
    with pytest.raises(ExportError) as error:
        catalogue.export_citations(target, "ris")
    assert str(error.value) == f"no publication to export, so {target} was not written"
    assert not target.exists()


def test_a_target_that_cannot_be_written(seeded: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        seeded.export_citations(tmp_path, "bibtex")
    assert str(error.value) == f"cannot write {tmp_path}: it is a folder"
    missing = tmp_path / "nowhere" / "out.bib"
    with pytest.raises(ExportError) as error:
        seeded.export_citations(missing, "bibtex")
    assert str(error.value) == (f"cannot write {missing}: folder {missing.parent} does not exist")
    assert not missing.parent.exists()


def test_a_catalogue_open_read_only_can_be_cited(seeded: Catalogue, tmp_path: Path) -> None:
    read_only = Catalogue.open_read_only(seeded.path)
    try:
        target = tmp_path / "read-only.bib"
        assert read_only.export_citations(target, "bibtex") == 33
        assert len(parse_bibtex(target.read_text(encoding="utf-8"))) == 33
    finally:
        read_only.close()
