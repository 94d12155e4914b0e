# ruff: noqa: RUF001, RUF002, RUF003  -- the catalogue's text is Cyrillic, CJK and "×" on purpose
"""Build a synthetic catalogue at a chosen scale, through the core's models and engine.

Scale 100 ("100×") holds 100,000 events, 10,000 local governments, 50,000 publications, 20,000
organizations, 4,000 programs, 1,200 people and 300 governance seats, with their links; the
counts grow in proportion with the scale (scale 1000: a million events). The file starts as a
real catalogue (``Catalogue.open`` creates, migrates and seeds it); the synthetic records are
then bulk-inserted with ``session.execute(insert(Model), rows)`` in batches, one transaction per
table, and the search index is brought up to date with ``refresh_index`` at the end (the
triggers queued every new record), as the app would.

The text mixes Latin, Chinese, Japanese, Korean and Mongolian Cyrillic; events are all-day,
multi-day, timed in many IANA zones, or dated only to a month, quarter, half-year or year.
Everything is drawn from seeded random generators, so a scale always gives the same file.

Built files are cached in ``benchmarks/.cache`` under a name holding the scale and a hash of
this module, the migrations and the seed, so a rerun finds them at once::

    python -m benchmarks.generate --scale 100            # prints the cached file's path
    python -m benchmarks.generate --scale 100 -o big.sqlite
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from iclei_desktop.core import models as m
from iclei_desktop.core import vocabulary as v
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import bundled_path, make_engine
from iclei_desktop.core.search import refresh_index

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE / ".cache"
BATCH = 10_000
SEED = 20_201_231
EVENT_UID_DOMAIN = "benchmarks.iclei-desktop"

# Records per unit of scale; scale 100 gives the counts named in the module docstring.
PER_SCALE = {
    "local_governments": 100,
    "organizations": 200,
    "programs": 40,
    "people": 12,
    "seats": 3,
    "events": 1_000,
    "publications": 500,
}


@dataclass(frozen=True)
class Sizes:
    """How many synthetic records of each type a scale adds to the seed catalogue."""

    local_governments: int
    organizations: int
    programs: int
    people: int
    seats: int
    events: int
    publications: int

    @classmethod
    def at(cls, scale: int) -> Sizes:
        """Return the sizes for ``scale`` (100 for "100×")."""
        return cls(**{name: count * scale for name, count in PER_SCALE.items()})


@dataclass
class Report:
    """What a build did: rows per table, seconds per step, and the file it made."""

    path: Path
    scale: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    indexed: int = 0
    cached: bool = False

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size

    def summary(self) -> str:
        """Say in a few lines what was built and how long it took."""
        if self.cached:
            return f"cached {self.path} ({_mb(self.size)})"
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return (
            f"built {self.path} at scale {self.scale} ({_mb(self.size)}): "
            f"{sum(self.rows.values()):,} rows inserted, {self.indexed:,} records indexed; "
            f"{steps}; total {sum(self.seconds.values()):.1f} s"
        )


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


# --- the cache ------------------------------------------------------------------------------


def source_hash() -> str:
    """Hash this generator, the migrations and the seed: what decides a built file's content."""
    digest = hashlib.sha256()
    database = bundled_path("database")
    sources = [Path(__file__).resolve()]
    sources += sorted((database / "migrations").rglob("*.py"))
    sources += sorted((database / "seed").glob("*.yaml"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def cached_path(scale: int, cache_dir: Path = CACHE_DIR) -> Path:
    """Return where the catalogue of ``scale`` is cached for the current sources."""
    return cache_dir / f"catalogue-{scale}x-{source_hash()}.sqlite"


def ensure(
    scale: int,
    *,
    cache_dir: Path = CACHE_DIR,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> Report:
    """Return the cached catalogue of ``scale``, building it first if needed.

    A build for older sources of the same scale is removed once the new one is in place,
    since at scale 1000 each takes gigabytes.
    """
    path = cached_path(scale, cache_dir)
    if path.exists() and not force:
        return Report(path, scale, cached=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = build(path, scale, log)
    for stale in cache_dir.glob(f"catalogue-{scale}x-*.sqlite"):
        if stale != path:
            log(f"removing {stale.name}, built from older sources")
            _remove(stale)
    return report


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- building -------------------------------------------------------------------------------


def build(target: Path, scale: int, log: Callable[[str], None] = print) -> Report:
    """Build the catalogue of ``scale`` at ``target``, replacing any file there."""
    sizes = Sizes.at(scale)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    _remove(temporary)
    report = Report(target, scale)
    started = time.perf_counter()
    Catalogue.open(temporary).close()
    report.seconds["seed"] = time.perf_counter() - started
    engine = make_engine(temporary)
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            # A throwaway build: no fsync per commit, and room to build the indexes in memory.
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-262144")
            with Session(bind=connection) as session:
                _fill(session, sizes, report, log)
                log("indexing for search (refresh_index) …")
                started = time.perf_counter()
                with session.begin():
                    report.indexed = refresh_index(session)
                seconds = report.seconds["refresh_index"] = time.perf_counter() - started
                log(f"  indexed {report.indexed:,} records in {seconds:.1f} s")
    finally:
        engine.dispose()
    _fold_journal(temporary)
    os.replace(temporary, target)
    log(report.summary())
    return report


def _fold_journal(path: Path) -> None:
    """Checkpoint the -wal into the file, so that the file alone is the catalogue."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _fill(session: Session, sizes: Sizes, report: Report, log: Callable[[str], None]) -> None:
    with session.begin():
        world = World.read(session, sizes)
    tables: list[tuple[type[m.Base], Callable[[], Iterable[dict[str, Any]]]]] = [
        (m.LocalGovernment, world.local_governments),
        (m.Organization, world.organizations),
        (m.Program, world.programs),
        (m.ProgramPathway, world.program_pathways),
        (m.ProgramOrganization, world.program_organizations),
        (m.ProgramLocalGovernment, world.program_local_governments),
        (m.Person, world.people),
        (m.GovernanceSeat, world.seats),
        (m.Event, world.events),
        (m.EventLocalGovernment, world.event_local_governments),
        (m.EventOrganization, world.event_organizations),
        (m.Publication, world.publications),
        (m.PublicationOrganization, world.publication_organizations),
        (m.PublicationProgram, world.publication_programs),
        (m.PublicationEvent, world.publication_events),
    ]
    for model, rows in tables:
        name = model.__tablename__
        started = time.perf_counter()
        with session.begin():
            count = 0
            for batch in _batches(rows(), BATCH):
                # render_nulls: keep None as NULL, so that rows batch into one executemany.
                session.execute(insert(model).execution_options(render_nulls=True), batch)
                count += len(batch)
        seconds = time.perf_counter() - started
        report.rows[name] = count
        report.seconds[name] = seconds
        log(f"  {name}: {count:,} rows in {seconds:.1f} s")


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- words ----------------------------------------------------------------------------------

# (Latin, Chinese, Japanese, Korean, Mongolian Cyrillic)
TOPICS = (
    ("Low Carbon City", "低碳城市", "低炭素都市", "저탄소 도시", "Нүүрстөрөгч багатай хот"),
    ("Climate Action", "气候行动", "気候行動", "기후 행동", "Уур амьсгалын үйл ажиллагаа"),
    ("Circular Economy", "循环经济", "循環経済", "순환 경제", "Эргэлтийн эдийн засаг"),
    ("Urban Resilience", "城市韧性", "都市レジリエンス", "도시 회복력", "Хотын тэсвэртэй байдал"),
    (
        "Nature-based Solutions",
        "基于自然的解决方案",
        "自然に根ざした解決策",
        "자연기반해법",
        "Байгальд суурилсан шийдэл",
    ),
    (
        "Sustainable Mobility",
        "可持续交通",
        "持続可能な交通",
        "지속가능한 교통",
        "Тогтвортой тээвэр",
    ),
    ("Renewable Energy", "可再生能源", "再生可能エネルギー", "재생에너지", "Сэргээгдэх эрчим хүч"),
    ("Green Buildings", "绿色建筑", "グリーンビルディング", "녹색 건축", "Ногоон барилга"),
    ("Biodiversity", "生物多样性", "生物多様性", "생물다양성", "Биологийн олон янз байдал"),
    (
        "Sustainable Development",
        "可持续发展",
        "持続可能な開発",
        "지속가능발전",
        "Тогтвортой хөгжил",
    ),
    ("Carbon Neutrality", "碳中和", "カーボンニュートラル", "탄소중립", "Нүүрстөрөгчийн саармаг"),
    ("Waste Management", "废弃物管理", "廃棄物管理", "폐기물 관리", "Хог хаягдлын менежмент"),
    ("Air Quality", "空气质量", "大気質", "대기질", "Агаарын чанар"),
    ("Water Security", "水安全", "水の安全保障", "물 안보", "Усны аюулгүй байдал"),
    ("Smart City", "智慧城市", "スマートシティ", "스마트 시티", "Ухаалаг хот"),
    ("Urban Heat", "城市热岛", "ヒートアイランド", "도시 열섬", "Хотын дулаан"),
)
FORMATS = (
    ("Forum", "论坛", "フォーラム", "포럼", "форум"),
    ("Workshop", "研讨会", "ワークショップ", "워크숍", "семинар"),
    ("Webinar", "网络研讨会", "ウェビナー", "웨비나", "вебинар"),
    ("Study Tour", "考察", "視察", "견학", "танилцах аялал"),
    ("Training", "培训", "研修", "교육", "сургалт"),
    ("Summit", "峰会", "サミット", "정상회의", "дээд уулзалт"),
    ("Dialogue", "对话", "対話", "대화", "яриа хэлэлцээ"),
    ("Conference", "会议", "会議", "회의", "чуулган"),
)
PUBLICATION_WORDS = {
    "report": ("Report", "报告", "報告書", "보고서", "тайлан"),
    "case_study": ("Case Study", "案例研究", "事例研究", "사례 연구", "кейс судалгаа"),
    "newsletter": ("Newsletter", "简报", "ニュースレター", "뉴스레터", "мэдээллийн хуудас"),
    "playbook": ("Playbook", "行动手册", "プレイブック", "플레이북", "гарын авлага"),
    "event_report": (
        "Event Report",
        "活动报告",
        "イベント報告",
        "행사 보고서",
        "арга хэмжээний тайлан",
    ),
    "handbook": ("Handbook", "手册", "ハンドブック", "핸드북", "гарын авлага"),
    "guidelines": ("Guidelines", "指南", "ガイドライン", "가이드라인", "удирдамж"),
    "summary": ("Summary", "摘要", "概要", "요약", "хураангуй"),
    "periodical": ("Bulletin", "通讯", "会報", "소식지", "товхимол"),
    "article_series": ("Article Series", "系列文章", "連載記事", "기획 기사", "нийтлэлийн цуврал"),
}
LANGUAGES = ("en", "zh-Hans", "ja", "ko", "mn")
SCRIPT_OF = {"China": 1, "Chinese Taipei": 1, "Japan": 2, "South Korea": 3, "Mongolia": 4}

# (native, romanized) parts from which place names are made, per script.
CHINESE = (
    ("成", "cheng"), ("都", "du"), ("北", "bei"), ("京", "jing"), ("上", "shang"),
    ("海", "hai"), ("广", "guang"), ("州", "zhou"), ("深", "shen"), ("圳", "zhen"),
    ("南", "nan"), ("宁", "ning"), ("波", "bo"), ("杭", "hang"), ("武", "wu"), ("汉", "han"),
    ("西", "xi"), ("安", "an"), ("重", "chong"), ("庆", "qing"), ("天", "tian"), ("津", "jin"),
    ("长", "chang"), ("沙", "sha"), ("青", "qing"), ("岛", "dao"), ("大", "da"), ("连", "lian"),
    ("厦", "xia"), ("门", "men"), ("苏", "su"), ("无", "wu"), ("锡", "xi"), ("福", "fu"),
    ("昆", "kun"), ("明", "ming"), ("贵", "gui"), ("阳", "yang"), ("兰", "lan"), ("合", "he"),
    ("肥", "fei"), ("济", "ji"), ("石", "shi"), ("庄", "zhuang"), ("太", "tai"), ("原", "yuan"),
    ("江", "jiang"), ("山", "shan"), ("东", "dong"), ("新", "xin"), ("华", "hua"),
    ("平", "ping"), ("河", "he"), ("湖", "hu"), ("春", "chun"), ("德", "de"), ("金", "jin"),
    ("林", "lin"), ("泉", "quan"), ("台", "tai"), ("中", "zhong"), ("丽", "li"), ("水", "shui"),
)  # fmt: skip
JAPANESE = (
    ("京", "kyo"), ("都", "to"), ("大", "o"), ("阪", "saka"), ("名", "na"), ("古", "go"),
    ("屋", "ya"), ("横", "yoko"), ("浜", "hama"), ("川", "kawa"), ("崎", "saki"), ("神", "kou"),
    ("戸", "be"), ("福", "fuku"), ("岡", "oka"), ("仙", "sen"), ("台", "dai"), ("広", "hiro"),
    ("島", "shima"), ("北", "kita"), ("九", "kyu"), ("千", "chi"), ("葉", "ba"), ("富", "to"),
    ("山", "yama"), ("金", "kana"), ("沢", "zawa"), ("長", "naga"), ("野", "no"), ("静", "shizu"),
    ("高", "taka"), ("松", "matsu"), ("田", "ta"), ("熊", "kuma"), ("本", "moto"), ("新", "nii"),
    ("潟", "gata"), ("宮", "miya"), ("前", "mae"), ("橋", "bashi"), ("東", "higashi"),
)  # fmt: skip
KOREAN = (
    ("서", "seo"), ("울", "ul"), ("부", "bu"), ("산", "san"), ("인", "in"), ("천", "cheon"),
    ("대", "dae"), ("구", "gu"), ("광", "gwang"), ("주", "ju"), ("수", "su"), ("원", "won"),
    ("전", "jeon"), ("세", "se"), ("종", "jong"), ("창", "chang"), ("성", "seong"), ("남", "nam"),
    ("포", "po"), ("항", "hang"), ("제", "je"), ("청", "cheong"), ("강", "gang"), ("릉", "neung"),
    ("안", "an"), ("양", "yang"), ("김", "gim"), ("해", "hae"), ("춘", "chun"), ("진", "jin"),
    ("경", "gyeong"), ("기", "gi"), ("용", "yong"), ("화", "hwa"), ("평", "pyeong"), ("목", "mok"),
)  # fmt: skip
MONGOLIAN = (
    ("Улаан", "Ulaan"), ("баатар", "baatar"), ("Дархан", "Darkhan"), ("Эрдэнэт", "Erdenet"),
    ("Сүх", "Sukh"), ("Мөрөн", "Murun"), ("Ховд", "Khovd"), ("Чойр", "Choir"), ("Зуун", "Zuun"),
    ("мод", "mod"), ("Баян", "Bayan"), ("хонгор", "khongor"), ("Өлгий", "Ulgii"),
    ("Цэцэрлэг", "Tsetserleg"), ("Арвай", "Arvai"), ("хээр", "kheer"), ("Алтай", "Altai"),
    ("Сайн", "Sain"), ("шанд", "shand"), ("Налайх", "Nalaikh"), ("Хархорин", "Kharkhorin"),
)  # fmt: skip
LATIN_STARTS = (
    "Tur", "Mal", "Lin", "Berg", "Ald", "Kris", "Hel", "Oul", "Vaa", "Göt", "Nür", "Ly", "Mont",
    "Sant", "Port", "Nova", "San", "Bel", "Ros", "Kar", "Vil", "Ès", "Zür", "Åar", "Brno",
)  # fmt: skip
LATIN_ENDS = (
    "ku", "mö", "köping", "burg", "heim", "ville", "ford", "stad", "ona", "ia", "ano", "polis",
    "dale", "sund", "ås", "é", "ach", "ingen", "ów", "ice",
)  # fmt: skip
OTHER_COUNTRIES = (
    "Germany", "Finland", "Sweden", "France", "United Kingdom", "United States", "India",
    "Indonesia", "Vietnam", "Philippines", "Thailand", "Malaysia", "Brazil", "Kenya", "Italy",
    "Spain", "Poland", "Czechia", "Denmark", "Norway", "Canada", "Australia", "Chile",
)  # fmt: skip
# China, Japan, Korea and Mongolia by weight; the rest are spread over OTHER_COUNTRIES.
COUNTRY_WEIGHTS = (("China", 30), ("Japan", 18), ("South Korea", 15), ("Mongolia", 5))
# What each script calls a city, a district, a county and a province, and in English.
KIND_SUFFIXES = {
    "city": (("市", ""), ("市", " City"), ("시", ""), (" хот", "")),
    "district": (("区", " District"), ("区", " Ward"), ("구", "-gu"), (" дүүрэг", " District")),
    "county": (("县", " County"), ("町", " Town"), ("군", " County"), (" сум", " Soum")),
    "province": (("省", " Province"), ("県", " Prefecture"), ("도", " Province"), (" аймаг", "")),
}
LATIN_KIND_SUFFIX = {
    "city": "",
    "district": " District",
    "county": " County",
    "province": " Region",
}
ZONES = (
    "Asia/Seoul", "Asia/Shanghai", "Asia/Tokyo", "Asia/Ulaanbaatar", "Asia/Hong_Kong",
    "Asia/Taipei", "Asia/Hovd", "Asia/Choibalsan", "Asia/Manila", "Asia/Jakarta", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Dhaka",
    "Asia/Karachi", "Asia/Dubai", "Asia/Tehran", "Asia/Yangon", "Asia/Almaty", "Asia/Vladivostok",
    "Europe/Berlin", "Europe/Helsinki", "Europe/Stockholm", "Europe/London", "Europe/Paris",
    "Europe/Moscow", "Europe/Istanbul", "Africa/Nairobi", "Africa/Lagos", "America/New_York",
    "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
    "America/St_Johns", "America/Santiago", "Australia/Sydney", "Australia/Adelaide",
    "Australia/Eucla", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati", "UTC",
)  # fmt: skip
SERIES = (
    "Green Circular Cities Coalition",
    "Belt and Road Sustainable Cities Seminars",
    "East Asia Clean Air Cities",
    "Urban Resilience Training Series",
    "Daring Cities",
    "城市气候对话系列",
    "지방정부 기후 포럼 시리즈",
    "脱炭素自治体セミナー",
)
INSTITUTIONS = (
    ("University", "大学", "大学", "대학교", "их сургууль", "university"),
    (
        "Institute of Urban Studies",
        "城市研究所",
        "都市研究所",
        "도시연구원",
        "хот судлалын хүрээлэн",
        "research_institute",
    ),
    (
        "Environmental Research Center",
        "环境研究中心",
        "環境研究センター",
        "환경연구센터",
        "байгаль орчны судалгааны төв",
        "research_institute",
    ),
    (
        "Energy Agency",
        "能源局",
        "エネルギー局",
        "에너지공사",
        "эрчим хүчний агентлаг",
        "local_agency",
    ),
    ("Climate Foundation", "气候基金会", "気候財団", "기후재단", "уур амьсгалын сан", "foundation"),
    ("Development Bank", "开发银行", "開発銀行", "개발은행", "хөгжлийн банк", "development_bank"),
    (
        "Planning Institute",
        "规划设计研究院",
        "計画研究所",
        "계획연구원",
        "төлөвлөлтийн хүрээлэн",
        "research_institute",
    ),
    (
        "Green Enterprise Co.",
        "绿色企业有限公司",
        "グリーン株式会社",
        "그린 주식회사",
        "ногоон компани",
        "company",
    ),
    (
        "Citizens' Network",
        "市民网络",
        "市民ネットワーク",
        "시민 네트워크",
        "иргэдийн сүлжээ",
        "network",
    ),
    ("Environment Bureau", "生态环境局", "環境局", "환경국", "байгаль орчны газар", "local_agency"),
)
SURNAMES = (
    (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")),
    (("田中", "Tanaka"), ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi")),
    (("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung")),
    (("Бат", "Bat"), ("Болд", "Bold"), ("Ганбаатар", "Ganbaatar"), ("Оюун", "Oyun")),
)
GIVEN = (
    (("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei")),
    (("太郎", "Taro"), ("花子", "Hanako"), ("健", "Ken"), ("由美", "Yumi")),
    (("민준", "Min-jun"), ("서연", "Seo-yeon"), ("지호", "Ji-ho"), ("수빈", "Su-bin")),
    (("Эрдэнэ", "Erdene"), ("Сараа", "Saraa"), ("Тэмүүлэн", "Temuulen"), ("Нараа", "Naraa")),
)
WESTERN = ("Anna", "Lars", "Maria", "Jonas", "Sofia", "David", "Elena", "Mikael", "Chloé", "Jürgen")
WESTERN_SURNAMES = ("Virtanen", "Andersson", "Müller", "Dubois", "Smith", "García", "Kowalski")
JOB_TITLES = (
    "Mayor",
    "Deputy Mayor",
    "Director",
    "Professor",
    "Programme Officer",
    "Senior Advisor",
    "Head of Climate Division",
)
SEAT_POSITIONS = (
    "President",
    "First Vice-President",
    "Vice-President",
    "Chair",
    "Vice Chair",
    "Member",
    "Advisory Member",
)
PROGRAM_WORDS = {
    "program": "Programme",
    "network": "Network",
    "project": "Project",
    "partnership": "Partnership",
    "initiative": "Initiative",
}
DESCRIPTIONS = (
    "Local and regional governments met to share experience on {topic} and agreed next steps "
    "for joint work in {city}.",
    "{city}在{topic}方面的实践与经验交流，来自多个城市的代表参加。",
    "{city}における{topic}の取り組みを紹介し、自治体間の協力について議論した。",
    "{city}의 {topic} 정책과 사례를 공유하고 지방정부 간 협력 방안을 논의했다.",
    "{city} хотын {topic} чиглэлээр туршлага солилцож, цаашдын хамтын ажиллагааг хэлэлцэв.",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A local government as events and titles use it."""

    id: int
    name: str
    native: str | None
    country: str
    script: int  # 0 Latin, then the index into each word tuple above


# --- the records ----------------------------------------------------------------------------


class World:
    """The records to insert, drawn from seeded generators, one per table."""

    def __init__(self, sizes: Sizes, start_ids: dict[str, int], seed_places: list[Place]) -> None:
        self.sizes = sizes
        self.start = start_ids  # the highest id the seed used, per table
        self.places = list(seed_places)
        self.cities_by_country: dict[str, list[int]] = {}
        self.places_by_id = {p.id: p for p in self.places}
        self.original_publications: list[int] = []
        # The first city of each event, so that its title, location and links agree.
        self.event_places: dict[int, int] = {}
        self.epoch = datetime(2018, 1, 1)

    @classmethod
    def read(cls, session: Session, sizes: Sizes) -> World:
        """Read what the seed put in the catalogue: each table's highest id and the places."""
        start = {}
        for model in (
            m.LocalGovernment,
            m.Organization,
            m.Program,
            m.Person,
            m.GovernanceSeat,
            m.Event,
            m.Publication,
            m.Pathway,
        ):
            start[model.__tablename__] = session.scalar(select(func.max(model.id))) or 0
        places = [
            Place(lg.id, lg.name, lg.native_name, lg.country, SCRIPT_OF.get(lg.country, 0))
            for lg in session.scalars(select(m.LocalGovernment).order_by(m.LocalGovernment.id))
        ]
        return cls(sizes, start, places)

    def _random(self, table: str) -> random.Random:
        return random.Random(f"{SEED}-{table}-{self.sizes.events}")

    def _ids(self, table: str, count: int) -> range:
        first = self.start[table] + 1
        return range(first, first + count)

    def _all_ids(self, table: str, count: int) -> int:
        """The highest id of ``table`` once its synthetic records are in."""
        return self.start[table] + count

    def _stamps(self, r: random.Random) -> tuple[datetime, datetime]:
        created = self.epoch + timedelta(seconds=r.randrange(8 * 365 * 86_400))
        return created, created + timedelta(seconds=r.randrange(400 * 86_400))

    # --- local governments ---

    def local_governments(self) -> Iterator[dict[str, Any]]:
        r = self._random("local_government")
        countries = [c for c, _ in COUNTRY_WEIGHTS] + ["other"]
        weights = [w for _, w in COUNTRY_WEIGHTS] + [32]
        kinds = ("city", "district", "county", "province")
        for lg_id in self._ids("local_government", self.sizes.local_governments):
            country = r.choices(countries, weights)[0]
            if country == "other":
                country = r.choice(OTHER_COUNTRIES)
            script = SCRIPT_OF.get(country, 0)
            kind = r.choices(kinds, (55, 25, 12, 8))[0]
            name, native = _place_name(r, script, kind)
            cities = self.cities_by_country.setdefault(country, [])
            parent = r.choice(cities) if kind != "city" and cities and r.random() < 0.7 else None
            if kind == "city":
                cities.append(lg_id)
            member = r.choices((True, False, None), (40, 10, 50))[0]
            created, updated = self._stamps(r)
            place = Place(lg_id, name, native, country, script)
            self.places.append(place)
            self.places_by_id[lg_id] = place
            yield {
                "id": lg_id,
                "uid": f"bench-lg-{lg_id}",
                "created_at": created,
                "updated_at": updated,
                "name": name,
                "native_name": native,
                "kind": kind,
                "country": country,
                "parent_id": parent,
                "is_member": member,
                "member_since": r.randint(1990, 2024) if member and r.random() < 0.7 else None,
                "membership_note": "Joined at the World Congress" if r.random() < 0.02 else None,
                "note": None,
            }

    # --- organizations ---

    def organizations(self) -> Iterator[dict[str, Any]]:
        r = self._random("organization")
        for org_id in self._ids("organization", self.sizes.organizations):
            place = r.choice(self.places)
            roll = r.random()
            native = None
            if roll < 0.12:
                topic = r.choice(TOPICS)
                name = f"Ministry of {topic[0]}, {place.country}"
                kind = "national_government"
            elif roll < 0.18:
                name = f"UN {r.choice(TOPICS)[0]} Programme Office {org_id}"
                kind = r.choice(("un_body", "intergovernmental"))
            elif roll < 0.24:
                name = f"{r.choice(TOPICS)[0]} Network of {place.country}"
                kind = r.choice(("ngo", "network"))
            else:
                institution = r.choice(INSTITUTIONS)
                name = f"{place.name} {institution[0]}"
                kind = institution[5]
                if place.script and place.native:
                    joiner = " " if place.script in (3, 4) else ""
                    native = place.native + joiner + institution[place.script]
            acronym = "".join(w[0] for w in name.split() if w[:1].isupper()) if roll < 0.4 else None
            created, updated = self._stamps(r)
            yield {
                "id": org_id,
                "uid": f"bench-org-{org_id}",
                "created_at": created,
                "updated_at": updated,
                "name": name,
                "acronym": acronym,
                "native_name": native,
                "kind": kind,
                "country": place.country if r.random() < 0.85 else None,
                "parent_id": r.randrange(1, org_id) if r.random() < 0.1 else None,
                "note": None,
            }

    # --- programs and their links ---

    def _program_count(self) -> int:
        return self._all_ids("program", self.sizes.programs)

    def programs(self) -> Iterator[dict[str, Any]]:
        r = self._random("program")
        for program_id in self._ids("program", self.sizes.programs):
            kind = r.choice(v.PROGRAM_KINDS)
            topic = r.choice(TOPICS)
            place = r.choice(self.places)
            name = f"{place.name} {topic[0]} {PROGRAM_WORDS[kind]} {program_id}"
            start = r.randint(1995, 2030) if r.random() < 0.9 else None
            end = start + r.randint(0, 12) if start is not None and r.random() < 0.7 else None
            created, updated = self._stamps(r)
            yield {
                "id": program_id,
                "uid": f"bench-program-{program_id}",
                "created_at": created,
                "updated_at": updated,
                "name": name,
                "acronym": "".join(w[0] for w in name.split() if w[:1].isupper())
                if r.random() < 0.5
                else None,
                "kind": kind,
                "period_start": start,
                "period_end": end,
                "period_text": f"since {start}" if start and not end and r.random() < 0.3 else None,
                "status": r.choice((*v.PROGRAM_STATUSES, None)),
                "summary": r.choice(DESCRIPTIONS).format(topic=topic[0], city=place.name),
                "parent_id": r.randrange(1, program_id) if r.random() < 0.1 else None,
                "note": None,
            }

    def program_pathways(self) -> Iterator[dict[str, Any]]:
        r = self._random("program_pathway")
        pathways = range(1, self.start["pathway"] + 1)
        for program_id in self._ids("program", self.sizes.programs):
            for position, pathway in enumerate(r.sample(pathways, r.choice((1, 1, 2)))):
                yield {"program_id": program_id, "pathway_id": pathway, "position": position}

    def program_organizations(self) -> Iterator[dict[str, Any]]:
        r = self._random("program_organization")
        organizations = self._all_ids("organization", self.sizes.organizations)
        for program_id in self._ids("program", self.sizes.programs):
            for org in _distinct(r, organizations, r.randint(1, 4)):
                yield {
                    "program_id": program_id,
                    "organization_id": org,
                    "role": r.choice(v.PROGRAM_ORGANIZATION_ROLES),
                }

    def program_local_governments(self) -> Iterator[dict[str, Any]]:
        r = self._random("program_local_government")
        places = self._all_ids("local_government", self.sizes.local_governments)
        for program_id in self._ids("program", self.sizes.programs):
            for lg in _distinct(r, places, r.randint(0, 6)):
                yield {
                    "program_id": program_id,
                    "local_government_id": lg,
                    "role": r.choice(v.PROGRAM_LOCAL_GOVERNMENT_ROLES),
                }

    # --- people ---

    def people(self) -> Iterator[dict[str, Any]]:
        r = self._random("person")
        organizations = self._all_ids("organization", self.sizes.organizations)
        for person_id in self._ids("person", self.sizes.people):
            place = r.choice(self.places)
            if place.script:
                surname, family = r.choice(SURNAMES[place.script - 1])
                given, first = r.choice(GIVEN[place.script - 1])
                joiner = " " if place.script in (2, 4) else ""
                native: str | None = (
                    f"{surname}{joiner}{given}" if place.script != 4 else f"{given} {surname}"
                )
                name = f"{first} {family}"
            else:
                native = None
                name = f"{r.choice(WESTERN)} {r.choice(WESTERN_SURNAMES)}"
            created, updated = self._stamps(r)
            by_place = r.random() < 0.5
            yield {
                "id": person_id,
                "uid": f"bench-person-{person_id}",
                "created_at": created,
                "updated_at": updated,
                "name": name,
                "honorific": r.choice((None, "Dr.", "Prof.", "H.E.")),
                "native_name": native,
                "title": r.choice(JOB_TITLES),
                "organization_id": None if by_place else r.randint(1, organizations),
                "local_government_id": place.id if by_place else None,
                "city": place.name,
                "is_staff": r.random() < 0.05,
                "note": None,
            }

    def seats(self) -> Iterator[dict[str, Any]]:
        r = self._random("governance_seat")
        people = self._all_ids("person", self.sizes.people)
        for seat_id in self._ids("governance_seat", self.sizes.seats):
            start = r.randint(2009, 2027)
            created, updated = self._stamps(r)
            yield {
                "id": seat_id,
                "uid": f"bench-seat-{seat_id}",
                "created_at": created,
                "updated_at": updated,
                "person_id": r.randint(1, people),
                "body": r.choice(v.SEAT_BODIES),
                "position": r.choice(SEAT_POSITIONS),
                "portfolio": r.choice((None, r.choice(TOPICS)[0])),
                "term_start": start,
                "term_end": start + r.choice((2, 3, 3, 4)),
                "note": None,
            }

    # --- events and their links ---

    def _event_city(self, r: random.Random, event_id: int) -> Place:
        # Every tenth event is in one of the report's own cities (Chengdu, Seoul …).
        seed_count = self.start["local_government"]
        if r.random() < 0.1:
            return self.places_by_id[r.randint(1, seed_count)]
        return self.places_by_id[r.randint(1, len(self.places_by_id))]

    def events(self) -> Iterator[dict[str, Any]]:
        r = self._random("event")
        programs = self._program_count()
        for event_id in self._ids("event", self.sizes.events):
            place = self._event_city(r, event_id)
            self.event_places[event_id] = place.id
            topic, form = r.choice(TOPICS), r.choice(FORMATS)
            start, end, all_day, times, zone, precision, date_text = _event_dates(r)
            script = place.script if place.script and r.random() < 0.5 else 0
            title = _event_title(r, script, place, topic, form, start.year)
            mode = r.choices((*v.EVENT_MODES, None), (55, 25, 15, 5))[0]
            location = None
            if mode == "virtual":
                location = "Virtual Event" if r.random() < 0.7 else None
            elif r.random() < 0.9:
                shown = place.native if script and place.native else place.name
                location = f"{shown}, {place.country}"
            description = None
            if r.random() < 0.4:
                text = DESCRIPTIONS[script]
                city = place.native if script and place.native else place.name
                description = text.format(topic=topic[script], city=city)
            attendance = r.randint(5, 3000) if r.random() < 0.3 else None
            created, updated = self._stamps(r)
            yield {
                "id": event_id,
                "uid": f"bench-{event_id:07d}@{EVENT_UID_DOMAIN}",
                "created_at": created,
                "updated_at": updated,
                "title": title,
                "series": r.choice(SERIES) if r.random() < 0.2 else None,
                "start_date": start,
                "end_date": end,
                "all_day": all_day,
                "start_time": times[0],
                "end_time": times[1],
                "timezone": zone,
                "date_precision": precision,
                "date_text": date_text,
                "mode": mode,
                "status": r.choices(v.EVENT_STATUSES, (80, 8, 5, 7))[0],
                "location": location,
                "program_id": r.randint(1, programs) if r.random() < 0.7 else None,
                "attendance": attendance,
                "attendance_text": f"around {attendance} participants"
                if attendance and r.random() < 0.3
                else None,
                "description": description,
                "url": f"https://events.example.org/{event_id}" if r.random() < 0.3 else None,
                "note": "Dates as announced by the host" if r.random() < 0.05 else None,
                "sequence": r.choice((0, 0, 0, 1, 2)),
            }

    def event_local_governments(self) -> Iterator[dict[str, Any]]:
        r = self._random("event_local_government")
        places = self._all_ids("local_government", self.sizes.local_governments)
        for event_id in self._ids("event", self.sizes.events):
            count = r.choices((0, 1, 2, 3, 4), (15, 60, 15, 7, 3))[0]
            if not count:
                continue
            first = self.event_places[event_id]
            others = [lg for lg in _distinct(r, places, count - 1) if lg != first]
            for position, lg in enumerate([first, *others]):
                yield {"event_id": event_id, "local_government_id": lg, "position": position}

    def event_organizations(self) -> Iterator[dict[str, Any]]:
        r = self._random("event_organization")
        organizations = self._all_ids("organization", self.sizes.organizations)
        for event_id in self._ids("event", self.sizes.events):
            roles = ["organizer", *r.sample(v.EVENT_ORGANIZATION_ROLES[1:], r.randint(0, 2))]
            for role, org in zip(roles, _distinct(r, organizations, len(roles)), strict=False):
                yield {"event_id": event_id, "organization_id": org, "role": role}

    # --- publications and their links ---

    def publications(self) -> Iterator[dict[str, Any]]:
        r = self._random("publication")
        self.original_publications = list(range(1, self.start["publication"] + 1))
        for publication_id in self._ids("publication", self.sizes.publications):
            kind = r.choice(v.PUBLICATION_KINDS)
            topic = r.choice(TOPICS)
            place = r.choice(self.places)
            translation_of = None
            if self.original_publications and r.random() < 0.2:
                translation_of = r.choice(self.original_publications[-5_000:])
                language = r.choice(LANGUAGES[1:])
            else:
                language = r.choices(LANGUAGES, (60, 15, 9, 9, 7))[0]
                self.original_publications.append(publication_id)
            script = LANGUAGES.index(language)
            word = PUBLICATION_WORDS[kind][script]
            if script == 0:
                title = f"{topic[0]} {word}: {place.name}"
            else:
                native = place.script == script and place.native
                city = place.native if native else place.name
                joiner = " " if script in (3, 4) else ""
                after_city = joiner if native else " "
                title = f"{city}{after_city}{topic[script]}{joiner}{word}"
            precision = r.choices(("day", "month", "year", None), (50, 25, 20, 5))[0]
            published = None
            if precision is not None:
                year, month = r.randint(1995, 2026), r.randint(1, 12)
                day = r.randint(1, 28) if precision == "day" else 1
                published = date(year, month if precision != "year" else 1, day)
            created, updated = self._stamps(r)
            yield {
                "id": publication_id,
                "uid": f"bench-publication-{publication_id}",
                "created_at": created,
                "updated_at": updated,
                "title": f"{title} ({publication_id})",
                "kind": kind,
                "published_on": published,
                "date_precision": precision,
                "date_text": "undated; listed in the annual report"
                if precision is None and r.random() < 0.5
                else None,
                "status": "published" if r.random() < 0.95 else "planned",
                "language": language,
                "translation_of_id": translation_of,
                "url": f"https://publications.example.org/{publication_id}"
                if r.random() < 0.4
                else None,
                "note": None,
            }

    def publication_organizations(self) -> Iterator[dict[str, Any]]:
        r = self._random("publication_organization")
        organizations = self._all_ids("organization", self.sizes.organizations)
        for publication_id in self._ids("publication", self.sizes.publications):
            roles = ["publisher"]
            if r.random() < 0.2:
                roles.append("translator")
            if r.random() < 0.2:
                roles.append("author")
            for role, org in zip(roles, _distinct(r, organizations, len(roles)), strict=False):
                yield {"publication_id": publication_id, "organization_id": org, "role": role}

    def publication_programs(self) -> Iterator[dict[str, Any]]:
        r = self._random("publication_program")
        programs = self._program_count()
        for publication_id in self._ids("publication", self.sizes.publications):
            for program in _distinct(r, programs, r.choices((0, 1, 2), (40, 50, 10))[0]):
                yield {"publication_id": publication_id, "program_id": program}

    def publication_events(self) -> Iterator[dict[str, Any]]:
        r = self._random("publication_event")
        events = self._all_ids("event", self.sizes.events)
        for publication_id in self._ids("publication", self.sizes.publications):
            if r.random() < 0.1:
                yield {"publication_id": publication_id, "event_id": r.randint(1, events)}


def _distinct(r: random.Random, highest: int, count: int) -> list[int]:
    """Return ``count`` distinct ids from 1 to ``highest``."""
    chosen: set[int] = set()
    while len(chosen) < min(count, highest):
        chosen.add(r.randint(1, highest))
    return sorted(chosen)


def _place_name(r: random.Random, script: int, kind: str) -> tuple[str, str | None]:
    """Return a made-up place's (Latin name, native name) in ``script``."""
    if script == 0:
        name = r.choice(LATIN_STARTS) + r.choice(LATIN_ENDS)
        return name + LATIN_KIND_SUFFIX[kind], None
    parts = (CHINESE, JAPANESE, KOREAN, MONGOLIAN)[script - 1]
    chosen = r.sample(parts, 2 if script != 4 or r.random() < 0.6 else 1)
    native = "".join(p[0] for p in chosen)
    latin = "".join(p[1] for p in chosen)
    suffix_native, suffix_latin = KIND_SUFFIXES[kind][script - 1]
    if script == 4:
        native = native[0].upper() + native[1:].lower()
    return latin.capitalize() + suffix_latin, native + suffix_native


def _event_title(
    r: random.Random,
    script: int,
    place: Place,
    topic: tuple[str, ...],
    form: tuple[str, ...],
    year: int,
) -> str:
    city = place.native if script and place.native else place.name
    if script == 0:
        pattern = r.randrange(4)
        if pattern == 0:
            return f"{place.name} {topic[0]} {form[0]} {year}"
        if pattern == 1:
            return f"{form[0]} on {topic[0]} in {place.name}"
        if pattern == 2:
            return f"{topic[0]} {form[0]}"
        # A bilingual title, as the secretariat writes for its partners.
        native = place.native or ""
        return f"{place.name} {topic[0]} {form[0]} {native}".strip()
    if script == 1:
        return f"{year}年{city}{topic[1]}{form[1]}"
    if script == 2:
        return f"{city}{topic[2]}{form[2]}{year}"
    if script == 3:
        return f"{year} {city} {topic[3]} {form[3]}"
    return f"{city} {topic[4]} {form[4]} {year}"


def _event_dates(
    r: random.Random,
) -> tuple[date, date, bool, tuple[clock | None, clock | None], str | None, str, str | None]:
    """Return (start, end, all day, (start time, end time), zone, precision, the report's words)."""
    year = r.choices(
        (r.randint(1995, 2009), r.randint(2010, 2027), r.randint(2028, 2035)), (15, 75, 10)
    )[0]
    month = r.randint(1, 12)
    roll = r.random()
    if roll < 0.15:  # dated only to a month, quarter, half-year or year
        precision = r.choices(("month", "quarter", "half", "year"), (40, 30, 10, 20))[0]
        if precision == "month":
            start = date(year, month, 1)
            end = _month_end(year, month)
            return start, end, True, (None, None), None, precision, f"in {start:%B %Y}"
        if precision == "quarter":
            first = (month - 1) // 3
            last = min(3, first + r.choice((0, 0, 1)))
            start, end = date(year, first * 3 + 1, 1), _month_end(year, last * 3 + 3)
            words = f"Q{first + 1}" + (f"-{last + 1}" if last != first else "")
            return start, end, True, (None, None), None, precision, f"{words} {year}"
        if precision == "half":
            half = (month - 1) // 6
            start, end = date(year, half * 6 + 1, 1), _month_end(year, half * 6 + 6)
            words = "first half" if half == 0 else "second half"
            return start, end, True, (None, None), None, precision, f"in the {words} of {year}"
        return date(year, 1, 1), date(year, 12, 31), True, (None, None), None, "year", f"in {year}"
    start = date(year, month, r.randint(1, 28))
    if roll < 0.50:  # one day, all day
        return start, start, True, (None, None), None, "day", None
    if roll < 0.65:  # several days, all day
        days = r.randint(1, 6) if r.random() < 0.95 else r.randint(7, 60)
        return start, start + timedelta(days=days), True, (None, None), None, "day", None
    zone = r.choice(ZONES)  # timed, in its own time zone
    begin = r.randint(7 * 4, 19 * 4) * 15
    if r.random() < 0.9:
        finish = min(begin + r.randint(2, 32) * 15, 23 * 60 + 59)
        return start, start, False, (_minutes(begin), _minutes(finish)), zone, "day", None
    end = start + timedelta(days=r.randint(1, 4))
    finish = r.randint(0, 23 * 4) * 15
    return start, end, False, (_minutes(begin), _minutes(finish)), zone, "day", None


def _minutes(minutes: int) -> clock:
    return clock(minutes // 60, minutes % 60)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build or find the catalogue of a scale; copy it to ``-o`` if given."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scale", type=int, default=100, help="100 for 100× (default), 1000 …")
    parser.add_argument("-o", "--output", type=Path, help="also copy the catalogue to FILE")
    parser.add_argument("--force", action="store_true", help="build again even if cached")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    report = ensure(args.scale, force=args.force)
    if report.cached:
        print(report.summary())
    if args.output is not None:
        if args.output.exists():
            parser.error(f"{args.output} exists; remove it first")
        shutil.copyfile(report.path, args.output)
        print(f"copied to {args.output}")
    print(f"file size: {_mb(report.size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
