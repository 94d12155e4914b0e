"""Add merge_base (what was last agreed with another laptop's bundle) and publication_file.

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


def upgrade() -> None:
    op.create_table(
        "merge_base",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_merge_base")),
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
    op.drop_index(op.f("ix_publication_file_publication_id"), table_name="publication_file")
    op.drop_table("publication_file")
    op.drop_table("merge_base")
