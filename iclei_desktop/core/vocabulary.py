"""The closed vocabularies of the catalogue, shared by the schema, the seed and validation."""

from __future__ import annotations

ORGANIZATION_KINDS = (
    "iclei",
    "un_body",
    "intergovernmental",
    "national_government",
    "local_agency",
    "development_bank",
    "development_agency",
    "university",
    "research_institute",
    "ngo",
    "foundation",
    "network",
    "company",
    "other",
)
LOCAL_GOVERNMENT_KINDS = (
    "city",
    "district",
    "county",
    "province",
    "state",
    "region",
    "special_administrative_region",
    "capital_territory",
)
PROGRAM_KINDS = ("program", "network", "project", "partnership", "initiative")
PROGRAM_STATUSES = ("ongoing", "completed", "planned", "cancelled")
PROGRAM_ORGANIZATION_ROLES = (
    "funder",
    "partner",
    "implementer",
    "coordinator",
    "host",
    "secretariat",
    "knowledge_partner",
    "supporter",
    "lead",
)
PROGRAM_LOCAL_GOVERNMENT_ROLES = ("member", "participant", "pilot", "focus", "partner", "showcased")
EVENT_MODES = ("in_person", "virtual", "hybrid")
EVENT_STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
EVENT_ORGANIZATION_ROLES = (
    "organizer",
    "co_organizer",
    "host",
    "supporter",
    "participant",
    "funder",
)
DATE_PRECISIONS = ("day", "month", "quarter", "half", "year")
PUBLICATION_KINDS = (
    "report",
    "case_study",
    "newsletter",
    "playbook",
    "event_report",
    "handbook",
    "guidelines",
    "summary",
    "periodical",
    "article_series",
)
PUBLICATION_STATUSES = ("published", "planned")
PUBLICATION_ORGANIZATION_ROLES = ("publisher", "translator", "author")
SEAT_BODIES = ("gexcom", "rexcom_east_asia")
