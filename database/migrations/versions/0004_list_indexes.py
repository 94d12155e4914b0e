"""Indexes for the lists as they page, sort and pick dates in SQL (issue 6).

Lists sort names case-blind, so those indexes are NOCASE; the calendar looks up a date range
through one (start_date, end_date) index; members list by (country, name). The single-column
indexes on status, mode, kind, language and membership go: with a handful of values each,
reading through them was slower than reading the table, and they cost space. So do those on
event and publication titles, the largest (9 MB at a hundred times the report): a list is rarely sorted
by title, and SQLite sorts 100,000 titles in about a tenth of a second without them, whereas
the file must stay within 1.2 times the plain rows (issue 6).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 04:40:00
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DROPPED = {
    "event": ("title", "start_date", "end_date", "mode", "status"),
    "publication": ("title", "kind", "language"),
    "local_government": ("name", "country", "is_member"),
    "organization": ("name",),
}
CREATED = (
    "CREATE INDEX ix_event_dates ON event (start_date, end_date)",
    "CREATE INDEX ix_local_government_country_name ON local_government (country, name)",
    'CREATE INDEX ix_local_government_name ON local_government (name COLLATE "NOCASE")',
    'CREATE INDEX ix_organization_name ON organization (name COLLATE "NOCASE")',
)


def upgrade() -> None:
    for table, columns in DROPPED.items():
        for name in columns:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
    for statement in CREATED:
        op.execute(statement)


def downgrade() -> None:
    for statement in CREATED:
        op.drop_index(statement.split()[2], table_name=statement.split()[4])
    for table, columns in DROPPED.items():
        for name in columns:
            op.create_index(f"ix_{table}_{name}", table, [name])
