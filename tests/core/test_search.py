"""Global search: the query builder, what the seed catalogue finds, and an index kept in step."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from iclei_desktop.core import models as m
from iclei_desktop.core import search as search_module
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import Database, open_database
from iclei_desktop.core.search import (
    KINDS,
    SearchHit,
    fts_query,
    index_text,
    refresh_index,
    search,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    """One seeded catalogue for the tests that only read."""
    opened = Catalogue.open(tmp_path_factory.mktemp("search") / "catalogue.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def database(catalogue: Catalogue) -> Iterator[Database]:
    """A second engine on the seeded catalogue, for ORM and raw SQL edits."""
    opened = open_database(catalogue.path)
    yield opened
    opened.engine.dispose()


def uids(hits: list[SearchHit], kind: str | None = None) -> set[str]:
    return {hit.uid for hit in hits if kind is None or hit.kind == kind}


def pending(catalogue: Catalogue) -> int:
    connection = sqlite3.connect(catalogue.path)
    try:
        return int(connection.execute("SELECT count(*) FROM search_index_pending").fetchone()[0])
    finally:
        connection.close()


# --- text as the index stores it, and queries --------------------------------------------


def test_index_text_spaces_out_cjk_and_normalizes() -> None:
    assert index_text(None) == ""
    assert index_text("") == ""
    assert index_text("Chengdu 成都市") == "Chengdu  成  都  市 "
    assert index_text("서울특별시").split() == ["서", "울", "특", "별", "시"]
    assert index_text("スーパー・エコタウン").split() == list("スーパー・エコタウン")
    assert index_text("佐々木").split() == ["佐", "々", "木"]
    full_width_tokyo = "\uff34\uff4f\uff4b\uff59\uff4f"
    assert index_text(f"{full_width_tokyo} ｶﾀｶﾅ") == "Tokyo  カ  タ  カ  ナ "  # NFKC
    assert index_text("Улаанбаатар, Malmö") == "Улаанбаатар, Malmö"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("成都", '"成 都"'),
        ("ulaan", '"ulaan"*'),
        ("Улаан баатар", '"Улаан"* "баатар"*'),
        ("Chengdu成都 2020", '"Chengdu"* "成 都" "2020"*'),
        ("서울 특별시", '"서 울" "특 별 시"'),
        ("\uff27\uff23\uff23\uff23", '"GCCC"*'),  # full-width GCCC
        ("ｶﾀｶﾅ", '"カ タ カ ナ"'),
        ('say "hi', '"say"* "hi"*'),
        ("NEAR(a b) AND c*", '"NEAR"* "a"* "b"* "AND"* "c"*'),
        ("title:x -y ^z", '"title"* "x"* "y"* "z"*'),
        ("e-mail", '"e"* "mail"*'),
        ("Malmö", '"Malmö"*'),
        ("Malmo\u0308", '"Malmö"*'),  # a combining diaeresis composes
        ("スーパー・エコ", '"ス ー パ ー" "エ コ"'),
    ],
)
def test_fts_query_quotes_every_word(text: str, query: str) -> None:
    assert fts_query(text) == query


@pytest.mark.parametrize("text", ["", "   ", '"', "()", '"*-^:"', "—…!?", "\u0301", "😀"])
def test_fts_query_is_none_without_letters_or_digits(text: str) -> None:
    assert fts_query(text) is None


# --- what the seed catalogue finds --------------------------------------------------------


def test_chinese_finds_the_city_by_its_native_name(seeded: Catalogue) -> None:
    hits = seeded.search("成都")
    assert uids(hits) == {"chengdu"}
    (chengdu,) = hits
    assert (chengdu.kind, chengdu.title, chengdu.detail) == (
        "local_government",
        "Chengdu 成都市",
        "China",
    )


def test_english_finds_the_city_and_what_mentions_it(seeded: Catalogue) -> None:
    hits = seeded.search("Chengdu")
    assert "chengdu" in uids(hits, "local_government")
    assert "chengdu-park-city-initiative" in uids(hits, "program")
    assert "undrr-resilient-cities-training-chengdu-2020@iclei-eastasia.desktop" in uids(
        hits, "event"
    )
    assert "tokyo" not in uids(hits)


def test_korean_finds_a_two_syllable_word_inside_a_longer_one(seeded: Catalogue) -> None:
    hits = seeded.search("서울")
    assert uids(hits) == {"seoul"}
    assert hits[0].title == "Seoul 서울특별시"


def test_japanese_finds_kyoto_and_says_why_tokyo_comes_too(seeded: Catalogue) -> None:
    hits = seeded.search("京都")
    assert "kyoto" in uids(hits)
    # 東京都 holds 京都 (東京 + 都): without a dictionary a CJK run matches anywhere inside.
    assert uids(hits) == {"kyoto", "tokyo"}
    assert "tokyo" not in uids(seeded.search("京都市"))
    assert "kyoto" not in uids(seeded.search("東京"))


def test_chinese_words_inside_longer_names(seeded: Catalogue) -> None:
    assert uids(seeded.search("大学")) == {"tongji-university", "tsinghua-university"}
    assert uids(seeded.search("生态环境")) == {"beijing-meeb", "mee"}


@pytest.mark.parametrize("text", ["Улаанбаатар", "улаан", "УЛААН", "ULAANBAATAR", "ulaan"])
def test_ulaanbaatar_in_either_script_and_any_case(seeded: Catalogue, text: str) -> None:
    assert "ulaanbaatar" in uids(seeded.search(text), "local_government")


def test_accents_do_not_matter(seeded: Catalogue) -> None:
    for text in ("Malmo", "malmö", "MALMÖ"):
        hits = seeded.search(text)
        assert "malmo" in uids(hits, "local_government")
        assert "katrin-stjernfeldt-jammeh" in uids(hits, "person")


def test_a_word_prefix_matches_but_not_the_middle_of_a_word(seeded: Catalogue) -> None:
    assert "gccc" in uids(seeded.search("circ"), "program")
    assert "gccc" in uids(seeded.search("green circ"), "program")
    assert uids(seeded.search("baatar")) == set()


def test_a_publication_by_a_title_word(seeded: Catalogue) -> None:
    hits = seeded.search("loop newsletter")
    assert uids(hits, "publication") == {"in-the-loop-issue-2"}
    (hit,) = [h for h in hits if h.kind == "publication"]
    assert hit.detail == "newsletter · Apr 2020 · en"


def test_a_person_by_name(seeded: Catalogue) -> None:
    hits = seeded.search("frank cownie", kinds=["person"])
    assert [(h.uid, h.title, h.detail) for h in hits] == [
        ("frank-cownie", "Frank Cownie", "Mayor · Des Moines, USA")
    ]


def test_an_event_shows_its_dates_and_place(seeded: Catalogue) -> None:
    hits = seeded.search("Turku study tour", kinds=["event"])
    assert hits[0].detail == "21–24 Jan 2020 · Tokyo & Yokohama, Japan"


def test_hits_come_grouped_by_kind_in_a_fixed_order(seeded: Catalogue) -> None:
    hits = seeded.search("Ulaanbaatar")
    kinds = [hit.kind for hit in hits]
    assert len(set(kinds)) > 2
    assert kinds == sorted(kinds, key=KINDS.index)


def test_a_name_match_ranks_above_a_mention(seeded: Catalogue) -> None:
    hits = seeded.search("Seoul", kinds=["program"])
    assert hits[0].uid == "beijing-seoul-air-quality-research"


def test_kinds_and_the_limit_per_kind(seeded: Catalogue) -> None:
    database = open_database(seeded.path)
    with database.sessions() as session:
        everything = search(session, "circular")
        limited = search(session, "circular", limit_per_kind=2)
        only = search(session, "circular", kinds=["publication", "event"])
    assert {h.kind for h in only} == {"publication", "event"}
    assert [h for h in everything if h.kind in {"publication", "event"}] == only
    for kind in {h.kind for h in everything}:
        assert [h for h in limited if h.kind == kind] == [h for h in everything if h.kind == kind][
            :2
        ]
    with database.sessions() as session, pytest.raises(ValueError, match="unknown record types"):
        search(session, "x", kinds=["pathway"])
    database.engine.dispose()


def _matching(catalogue: Catalogue, text: str) -> list[tuple[str, int]]:
    """Every record matching ``text``, best first, found without the app's search code."""
    connection = sqlite3.connect(catalogue.path)
    try:
        return [
            (kind, record_id)
            for kind, record_id in connection.execute(
                "SELECT kind, record_id FROM search_index WHERE search_index MATCH ?"
                " ORDER BY bm25(search_index, 0, 0, 10.0, 1.0), rowid",
                (fts_query(text),),
            )
        ]
    finally:
        connection.close()


def _best_per_kind(matches: list[tuple[str, int]], limit: int) -> list[tuple[str, int]]:
    return [
        match
        for kind in KINDS
        for match in [match for match in matches if match[0] == kind][:limit]
    ]


@pytest.mark.parametrize("text", ["c", "u", "成", "서", "京都", "city", "ulaan"])
def test_short_queries_find_the_best_matches_of_every_kind(seeded: Catalogue, text: str) -> None:
    # One letter or one CJK character is what the search box searches at the first keystroke.
    matches = _matching(seeded, text)
    assert matches, f"the seed has no match for {text!r}"
    hits = seeded.search(text)
    assert [(hit.kind, hit.id) for hit in hits] == _best_per_kind(matches, 50)


def test_a_query_matching_very_many_records_shows_a_ranked_sample(
    seeded: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    matches = _matching(seeded, "c")
    monkeypatch.setattr(search_module, "RANKED_AT_MOST", 40)
    assert len(matches) > 40
    hits = seeded.search("c")
    shown = [(hit.kind, hit.id) for hit in hits]
    # Only true matches, each record once, at most 50 a kind, kinds in order ...
    assert set(shown) <= set(matches)
    assert len(set(shown)) == len(shown)
    kinds = [kind for kind, _ in shown]
    assert kinds == sorted(kinds, key=KINDS.index)
    # ... and they are the oldest 40 matches (the first 40 in the index), best first.
    first = sorted(matches, key=lambda match: match[1] * 8 + 1 + KINDS.index(match[0]))[:40]
    assert shown == _best_per_kind([match for match in matches if match in first], 50)


def test_one_character_of_a_city_name_finds_it(seeded: Catalogue) -> None:
    assert "chengdu" in uids(seeded.search("成"), "local_government")
    assert "seoul" in uids(seeded.search("서"), "local_government")


def test_refreshing_re_indexes_only_what_was_queued(
    catalogue: Catalogue, database: Database
) -> None:
    connection = sqlite3.connect(catalogue.path)
    with connection:
        connection.execute("UPDATE local_government SET name = 'Tianfu' WHERE uid = 'chengdu'")
        connection.execute("UPDATE person SET name = 'Frank Tianfu' WHERE uid = 'frank-cownie'")
    connection.close()
    assert pending(catalogue) == 2
    with database.sessions() as session, session.begin():
        assert refresh_index(session) == 2
        assert refresh_index(session) == 0
    assert uids(catalogue.search("tianfu")) >= {"chengdu", "frank-cownie"}
    assert catalogue.search("cownie", kinds=["person"]) == []


def test_a_query_without_letters_finds_nothing(seeded: Catalogue) -> None:
    assert seeded.search("") == []
    assert seeded.search(" ?!") == []


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"Chengdu',
        'Chengdu"',
        '""',
        "(Chengdu",
        "Chengdu)",
        "AND",
        "Chengdu AND",
        "OR NOT",
        "NEAR",
        "NEAR(Chengdu Seoul, 2)",
        "*",
        "Chengdu*",
        "-Chengdu",
        "^Chengdu",
        "title:Chengdu",
        "{title body}: Chengdu",
        '成都"',
        "\x00",
        "\u0301x",
        "𰀀",  # CJK Extension G, newer than the tokenizer's Unicode tables
        "𰀀 Chengdu",
        "\ua4d0\ua4d1",  # Lisu
    ],
)
def test_no_query_raises(seeded: Catalogue, text: str) -> None:
    seeded.search(text)


def test_random_text_never_raises(seeded: Catalogue) -> None:
    pool = "ab Zé成都서울\"()*-^:+{}[],.;'\\/!?&|~\t\n\u0301\u3000・ー0"
    generator = random.Random(20201231)
    for _ in range(300):
        seeded.search("".join(generator.choices(pool, k=generator.randint(1, 12))))


# --- the index keeps in step with every change --------------------------------------------


def test_the_index_follows_orm_inserts_updates_and_deletes(
    catalogue: Catalogue, database: Database
) -> None:
    with database.sessions() as session, session.begin():
        session.add(
            m.LocalGovernment(
                uid="erdenet",
                name="Erdenet",
                native_name="Эрдэнэт",
                kind="city",
                country="Mongolia",
            )
        )
    assert uids(catalogue.search("эрдэнэт")) == {"erdenet"}

    with database.sessions() as session, session.begin():
        chengdu = _one(session, m.LocalGovernment, "chengdu")
        chengdu.name, chengdu.native_name = "Tianfu", "天府市"
    assert "chengdu" in uids(catalogue.search("tianfu"))
    assert uids(catalogue.search("天府")) == {"chengdu"}
    assert catalogue.search("成都") == []

    with database.sessions() as session, session.begin():
        session.delete(_one(session, m.Publication, "in-the-loop-issue-2"))
        session.delete(_one(session, m.LocalGovernment, "erdenet"))
    assert "in-the-loop-issue-2" not in uids(catalogue.search("loop"))
    assert catalogue.search("эрдэнэт") == []
    assert pending(catalogue) == 0


def test_the_index_follows_raw_sql_on_the_apps_connection(
    catalogue: Catalogue, database: Database
) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE local_government SET native_name = '한성' WHERE uid = 'seoul'"
        )
        connection.exec_driver_sql("DELETE FROM local_government WHERE uid = 'ulaanbaatar'")
        connection.exec_driver_sql(
            "INSERT INTO organization (uid, name, native_name, kind, created_at, updated_at)"
            " VALUES ('nuum', 'Mongolian University', 'МУИС', 'university', '2021-01-01',"
            " '2021-01-01')"
        )
    assert uids(catalogue.search("한성")) == {"seoul"}
    assert catalogue.search("서울") == []
    assert catalogue.search("улаанбаатар") == []
    assert uids(catalogue.search("муис")) == {"nuum"}


def test_another_sqlite_tool_can_still_edit_and_the_index_follows(catalogue: Catalogue) -> None:
    # A plain sqlite3 connection lacks the app's SQL functions; the triggers must not need them.
    connection = sqlite3.connect(catalogue.path)
    connection.execute("UPDATE program SET name = 'Renamed Coalition' WHERE uid = 'gccc'")
    connection.execute("DELETE FROM person WHERE uid = 'frank-cownie'")
    connection.commit()
    connection.close()
    assert "gccc" in uids(catalogue.search("renamed coalition"))
    assert "gccc" not in uids(catalogue.search("green circular cities coalition"), "program")
    assert catalogue.search("cownie", kinds=["person"]) == []


def test_opening_saving_and_searching_empty_the_queue_of_changes(
    catalogue: Catalogue, database: Database
) -> None:
    assert pending(catalogue) == 0  # the seed, queued by the triggers, indexed on opening
    draft = catalogue.event_draft(catalogue.events()[0].uid)
    uid = catalogue.create_event(dataclasses.replace(draft, title="Kathmandu valley forum"))
    assert pending(catalogue) == 0  # indexed in the save's own transaction
    assert [hit.uid for hit in catalogue.search("kathmandu")] == [uid]
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE event SET note = 'Zanzibar' WHERE id = 1")
    assert pending(catalogue) == 1
    assert len(catalogue.search("zanzibar")) == 1
    assert pending(catalogue) == 0


def _one(session: Session, cls: type[m.LocalGovernment] | type[m.Publication], uid: str):  # type: ignore[no-untyped-def]
    return session.scalars(select(cls).where(cls.uid == uid)).one()
