"""Add the full-text search index over every record type, and triggers that queue changes.

The triggers use plain SQL, so any SQLite tool can still edit the file: they only queue the
key (record id * 8 + kind code) of each record inserted, edited or deleted in
``search_index_pending``, and the app re-indexes the queued records before it searches. This
migration fills the index with ``iclei_index_text``, which the app's engine registers on
each connection (as does env.py for the plain ``alembic`` command).

A later batch migration that rebuilds one of these tables drops its triggers with it and must
create them again (tests/database/test_search_migration.py checks they exist at head).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:00:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# kind (its table's name) -> (code, title columns, body columns), frozen as of this revision.
DOCUMENTS = {
    "program": (1, ("name", "acronym"), ("summary", "period_text", "note")),
    "event": (
        2,
        ("title", "series"),
        ("location", "date_text", "description", "attendance_text", "note"),
    ),
    "local_government": (3, ("name", "native_name"), ("country", "membership_note", "note")),
    "person": (4, ("name", "native_name"), ("title", "city", "note")),
    "organization": (5, ("name", "acronym", "native_name"), ("country", "note")),
    "publication": (6, ("title",), ("date_text", "language", "note")),
}


def _indexed(columns: tuple[str, ...]) -> str:
    return " || ' ' || ".join(f"iclei_index_text(coalesce({c}, ''))" for c in columns)


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, title, body,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("CREATE TABLE search_index_pending (key INTEGER PRIMARY KEY)")
    for kind, (code, title, body) in DOCUMENTS.items():
        queue = "INSERT OR IGNORE INTO search_index_pending (key) VALUES"
        op.execute(
            f"CREATE TRIGGER search_{kind}_insert AFTER INSERT ON {kind} BEGIN"
            f" {queue} (NEW.id * 8 + {code}); END"
        )
        op.execute(
            f"CREATE TRIGGER search_{kind}_update AFTER UPDATE ON {kind} BEGIN"
            f" {queue} (OLD.id * 8 + {code}), (NEW.id * 8 + {code}); END"
        )
        op.execute(
            f"CREATE TRIGGER search_{kind}_delete AFTER DELETE ON {kind} BEGIN"
            f" {queue} (OLD.id * 8 + {code}); END"
        )
        op.execute(
            "INSERT INTO search_index (rowid, kind, record_id, title, body)"
            f" SELECT id * 8 + {code}, '{kind}', id, {_indexed(title)}, {_indexed(body)}"
            f" FROM {kind}"
        )


def downgrade() -> None:
    for kind in DOCUMENTS:
        for change in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER search_{kind}_{change}")
    op.execute("DROP TABLE search_index_pending")
    op.execute("DROP TABLE search_index")
