"""Words shown for the core's vocabulary values, translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Labels"

_LABELS = {
    "in_person": QT_TRANSLATE_NOOP("Labels", "In person"),
    "virtual": QT_TRANSLATE_NOOP("Labels", "Virtual"),
    "hybrid": QT_TRANSLATE_NOOP("Labels", "Hybrid"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
    "tentative": QT_TRANSLATE_NOOP("Labels", "Tentative"),
    "postponed": QT_TRANSLATE_NOOP("Labels", "Postponed"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "program": QT_TRANSLATE_NOOP("Labels", "Program"),
    "network": QT_TRANSLATE_NOOP("Labels", "Network"),
    "project": QT_TRANSLATE_NOOP("Labels", "Project"),
    "partnership": QT_TRANSLATE_NOOP("Labels", "Partnership"),
    "initiative": QT_TRANSLATE_NOOP("Labels", "Initiative"),
    "ongoing": QT_TRANSLATE_NOOP("Labels", "Ongoing"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "planned": QT_TRANSLATE_NOOP("Labels", "Planned"),
    "report": QT_TRANSLATE_NOOP("Labels", "Report"),
    "case_study": QT_TRANSLATE_NOOP("Labels", "Case study"),
    "newsletter": QT_TRANSLATE_NOOP("Labels", "Newsletter"),
    "playbook": QT_TRANSLATE_NOOP("Labels", "Playbook"),
    "event_report": QT_TRANSLATE_NOOP("Labels", "Event report"),
    "handbook": QT_TRANSLATE_NOOP("Labels", "Handbook"),
    "guidelines": QT_TRANSLATE_NOOP("Labels", "Guidelines"),
    "summary": QT_TRANSLATE_NOOP("Labels", "Summary"),
    "periodical": QT_TRANSLATE_NOOP("Labels", "Periodical"),
    "article_series": QT_TRANSLATE_NOOP("Labels", "Article series"),
    "city": QT_TRANSLATE_NOOP("Labels", "City"),
    "district": QT_TRANSLATE_NOOP("Labels", "District"),
    "county": QT_TRANSLATE_NOOP("Labels", "County"),
    "province": QT_TRANSLATE_NOOP("Labels", "Province"),
    "state": QT_TRANSLATE_NOOP("Labels", "State"),
    "region": QT_TRANSLATE_NOOP("Labels", "Region"),
    "special_administrative_region": QT_TRANSLATE_NOOP("Labels", "Special administrative region"),
    "capital_territory": QT_TRANSLATE_NOOP("Labels", "Capital territory"),
    "en": QT_TRANSLATE_NOOP("Labels", "English"),
    "zh-Hans": QT_TRANSLATE_NOOP("Labels", "Chinese (Simplified)"),
    "zh-Hant": QT_TRANSLATE_NOOP("Labels", "Chinese (Traditional)"),
    "zh": QT_TRANSLATE_NOOP("Labels", "Chinese"),
    "ko": QT_TRANSLATE_NOOP("Labels", "Korean"),
    "ja": QT_TRANSLATE_NOOP("Labels", "Japanese"),
    "mn": QT_TRANSLATE_NOOP("Labels", "Mongolian"),
}


def label(value: str | None) -> str:
    """Return the translated word for a vocabulary value; unknown values pass through."""
    if value is None:
        return ""
    return QCoreApplication.translate(CONTEXT, _LABELS.get(value, value))
