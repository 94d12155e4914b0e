"""Add merge_base (the versions agreed with other laptops' bundles) and publication_file;
make the search queue's triggers safe under foreign-key actions.

Revision 0003's triggers queue a changed record with ``INSERT OR IGNORE``, but SQLite runs
the statements of a trigger fired by a foreign-key action (ON DELETE SET NULL or CASCADE) with
the outer statement's conflict handling, which ignores nothing: deleting a publication that
has translations, from any program, failed with "UNIQUE constraint failed:
search_index_pending.key" once a key was queued twice. The triggers now queue only keys not
already queued, and an unchanged key once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 06:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# kind (its table) -> its search code, as revision 0003 numbered them.
SEARCH_CODES = {
    "program": 1,
    "event": 2,
    "local_government": 3,
    "person": 4,
    "organization": 5,
    "publication": 6,
}
QUEUE = "INSERT OR IGNORE INTO search_index_pending (key)"


def _queue_triggers(keys: dict[str, str]) -> None:
    for kind, code in SEARCH_CODES.items():
        for change, key in keys.items():
            op.execute(f"DROP TRIGGER search_{kind}_{change}")
            op.execute(
                f"CREATE TRIGGER search_{kind}_{change} AFTER {change.upper()} ON {kind} BEGIN"
                f" {key.format(code=code)}; END"
            )


def upgrade() -> None:
    new = f"{QUEUE} SELECT k FROM ({{rows}}) WHERE k NOT IN (SELECT key FROM search_index_pending)"
    _queue_triggers(
        {
            "insert": new.format(rows="SELECT NEW.id * 8 + {code} AS k"),
            "update": new.format(
                rows="SELECT OLD.id * 8 + {code} AS k UNION SELECT NEW.id * 8 + {code}"
            ),
            "delete": new.format(rows="SELECT OLD.id * 8 + {code} AS k"),
        }
    )
    op.create_table(
        "merge_base",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uid", "digest", name=op.f("pk_merge_base")),
    )
    op.create_table(
        "publication_file",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("stored_name", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_publication_file_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_file")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_publication_file_stored_name")),
        sa.UniqueConstraint("uid", name=op.f("uq_publication_file_uid")),
    )
    op.create_index(
        op.f("ix_publication_file_publication_id"),
        "publication_file",
        ["publication_id"],
        unique=False,
    )


def downgrade() -> None:
    _queue_triggers(
        {
            "insert": QUEUE + " VALUES (NEW.id * 8 + {code})",
            "update": QUEUE + " VALUES (OLD.id * 8 + {code}), (NEW.id * 8 + {code})",
            "delete": QUEUE + " VALUES (OLD.id * 8 + {code})",
        }
    )
    op.drop_index(op.f("ix_publication_file_publication_id"), table_name="publication_file")
    op.drop_table("publication_file")
    op.drop_table("merge_base")
