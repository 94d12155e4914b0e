"""The schema itself refuses what must never be stored."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from iclei_desktop.core import models as m


def _event(uid: str = "e1@test", **values: object) -> m.Event:
    fields: dict[str, object] = {
        "title": "Forum",
        "start_date": date(2020, 9, 7),
        "end_date": date(2020, 9, 7),
        "status": "confirmed",
    }
    fields.update(values)
    return m.Event(uid=uid, **fields)


def _refused(session: Session, *records: m.Base, match: str) -> None:
    session.add_all(records)
    with pytest.raises(IntegrityError, match=match):
        session.commit()
    session.rollback()


def _count(session: Session, cls: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(cls)) or 0


def test_an_event_that_ends_before_it_starts_is_refused(session: Session) -> None:
    _refused(session, _event(end_date=date(2020, 9, 6)), match="ck_event_end_after_start")
    assert _count(session, m.Event) == 0


def test_a_timed_event_ending_before_its_start_time_is_refused(session: Session) -> None:
    bad = _event(all_day=False, start_time=time(10), end_time=time(9), timezone="Asia/Seoul")
    _refused(session, bad, match="ck_event_end_time_after_start_time")
    assert _count(session, m.Event) == 0


def test_a_timed_event_needs_a_time_zone(session: Session) -> None:
    bad = _event(all_day=False, start_time=time(9), end_time=time(10))
    _refused(session, bad, match="ck_event_all_day_or_timed")


def test_a_duplicate_event_uid_is_refused(session: Session) -> None:
    session.add(_event("same@test"))
    session.commit()
    _refused(session, _event("same@test", title="Another"), match="UNIQUE.*event.uid")
    assert session.scalars(select(m.Event.title)).all() == ["Forum"]


def test_a_link_to_a_missing_record_is_refused(session: Session) -> None:
    session.add(_event())
    session.commit()
    event_id = session.scalar(select(m.Event.id))
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        session.execute(
            text(
                "INSERT INTO event_local_government (event_id, local_government_id, position) "
                "VALUES (:e, 999, 0)"
            ),
            {"e": event_id},
        )
    session.rollback()
    assert _count(session, m.EventLocalGovernment) == 0


def test_an_unknown_mode_or_status_is_refused(session: Session) -> None:
    _refused(session, _event(mode="telepathic"), match="ck_event_mode")
    _refused(session, _event(status="maybe"), match="ck_event_status")


def test_a_required_field_cannot_be_empty(session: Session) -> None:
    _refused(session, m.Program(uid="p", name=None, kind="program"), match="NOT NULL.*program.name")


def test_membership_since_needs_membership(session: Session) -> None:
    city = m.LocalGovernment(uid="x", name="X", kind="city", country="China", member_since=2020)
    _refused(session, city, match="ck_local_government_member_since")


def test_a_program_period_cannot_run_backwards(session: Session) -> None:
    program = m.Program(uid="p", name="P", kind="program", period_start=2021, period_end=2019)
    _refused(session, program, match="ck_program_period")


def test_a_publication_cannot_translate_itself(session: Session) -> None:
    publication = m.Publication(uid="p", title="P", kind="report", language="en")
    session.add(publication)
    session.commit()
    publication.translation_of_id = publication.id
    with pytest.raises(IntegrityError, match="ck_publication_not_self"):
        session.commit()
    session.rollback()


def test_records_get_timestamps_and_updated_at_moves_on_edit(session: Session) -> None:
    pathway = m.Pathway(uid="circular", name="Circular")
    session.add(pathway)
    session.commit()
    created, updated = pathway.created_at, pathway.updated_at
    assert created is not None and updated is not None
    pathway.name = "Circular development"
    session.commit()
    assert pathway.created_at == created
    assert pathway.updated_at >= updated


def test_foreign_keys_and_wal_are_on(session: Session) -> None:
    assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
