"""Create the catalogue schema: records, links, checks and indexes.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 22:09:03.794209
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_government",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("native_name", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("is_member", sa.Boolean(), nullable=True),
        sa.Column("member_since", sa.Integer(), nullable=True),
        sa.Column("membership_note", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('city', 'district', 'county', 'province', 'state', 'region', 'special_administrative_region', 'capital_territory')",
            name=op.f("ck_local_government_kind"),
        ),
        sa.CheckConstraint(
            "member_since IS NULL OR (COALESCE(is_member, 0) = 1 AND member_since BETWEEN 1990 AND 2100)",
            name=op.f("ck_local_government_member_since"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["local_government.id"],
            name=op.f("fk_local_government_parent_id_local_government"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_government")),
        sa.UniqueConstraint("uid", name=op.f("uq_local_government_uid")),
    )
    with op.batch_alter_table("local_government", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_government_country"), ["country"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_local_government_is_member"), ["is_member"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_local_government_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_local_government_parent_id"), ["parent_id"], unique=False
        )

    op.create_table(
        "organization",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("acronym", sa.String(), nullable=True),
        sa.Column("native_name", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('iclei', 'un_body', 'intergovernmental', 'national_government', 'local_agency', 'development_bank', 'development_agency', 'university', 'research_institute', 'ngo', 'foundation', 'network', 'company', 'other')",
            name=op.f("ck_organization_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["organization.id"],
            name=op.f("fk_organization_parent_id_organization"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("uid", name=op.f("uq_organization_uid")),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_organization_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_organization_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "pathway",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathway")),
        sa.UniqueConstraint("uid", name=op.f("uq_pathway_uid")),
    )
    op.create_table(
        "program",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("acronym", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("period_text", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('program', 'network', 'project', 'partnership', 'initiative')",
            name=op.f("ck_program_kind"),
        ),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('ongoing', 'completed', 'planned', 'cancelled')",
            name=op.f("ck_program_status"),
        ),
        sa.CheckConstraint(
            "period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
            name=op.f("ck_program_period"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["program.id"],
            name=op.f("fk_program_parent_id_program"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program")),
        sa.UniqueConstraint("uid", name=op.f("uq_program_uid")),
    )
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_program_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_program_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_program_period_start"), ["period_start"], unique=False)

    op.create_table(
        "publication",
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=True),
        sa.Column("date_text", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("translation_of_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "date_precision IS NULL OR date_precision IN ('day', 'month', 'quarter', 'half', 'year')",
            name=op.f("ck_publication_date_precision"),
        ),
        sa.CheckConstraint(
            "kind IN ('report', 'case_study', 'newsletter', 'playbook', 'event_report', 'handbook', 'guidelines', 'summary', 'periodical', 'article_series')",
            name=op.f("ck_publication_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('published', 'planned')", name=op.f("ck_publication_status")
        ),
        sa.CheckConstraint(
            "(published_on IS NULL) = (date_precision IS NULL)", name=op.f("ck_publication_dated")
        ),
        sa.CheckConstraint(
            "translation_of_id IS NULL OR translation_of_id != id",
            name=op.f("ck_publication_not_self"),
        ),
        sa.ForeignKeyConstraint(
            ["translation_of_id"],
            ["publication.id"],
            name=op.f("fk_publication_translation_of_id_publication"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
        sa.UniqueConstraint("uid", name=op.f("uq_publication_uid")),
    )
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publication_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_publication_language"), ["language"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_publication_published_on"), ["published_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_publication_title"), ["title"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_publication_translation_of_id"), ["translation_of_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("series", sa.String(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("timezone", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_text", sa.String(), nullable=True),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("attendance_text", sa.String(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "date_precision IN ('day', 'month', 'quarter', 'half', 'year')",
            name=op.f("ck_event_date_precision"),
        ),
        sa.CheckConstraint(
            "mode IS NULL OR mode IN ('in_person', 'virtual', 'hybrid')", name=op.f("ck_event_mode")
        ),
        sa.CheckConstraint(
            "status IN ('confirmed', 'tentative', 'postponed', 'cancelled')",
            name=op.f("ck_event_status"),
        ),
        sa.CheckConstraint(
            "(all_day = 1 AND start_time IS NULL AND end_time IS NULL) OR (all_day = 0 AND start_time IS NOT NULL AND end_time IS NOT NULL AND timezone IS NOT NULL)",
            name=op.f("ck_event_all_day_or_timed"),
        ),
        sa.CheckConstraint(
            "attendance IS NULL OR attendance >= 0", name=op.f("ck_event_attendance")
        ),
        sa.CheckConstraint(
            "end_date > start_date OR start_time IS NULL OR end_time IS NULL OR end_time >= start_time",
            name=op.f("ck_event_end_time_after_start_time"),
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_event_end_after_start")),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_event_program_id_program"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_event_uid")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_end_date"), ["end_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_mode"), ["mode"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_program_id"), ["program_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_title"), ["title"], unique=False)

    op.create_table(
        "figure",
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("as_of", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_figure_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure")),
        sa.UniqueConstraint("uid", name=op.f("uq_figure_uid")),
    )
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_program_id"), ["program_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("honorific", sa.String(), nullable=True),
        sa.Column("native_name", sa.String(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("local_government_id", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("is_staff", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["local_government_id"],
            ["local_government.id"],
            name=op.f("fk_person_local_government_id_local_government"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_person_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("uid", name=op.f("uq_person_uid")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_local_government_id"), ["local_government_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "program_local_government",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("local_government_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.CheckConstraint(
            "role IN ('member', 'participant', 'pilot', 'focus', 'partner', 'showcased')",
            name=op.f("ck_program_local_government_role"),
        ),
        sa.ForeignKeyConstraint(
            ["local_government_id"],
            ["local_government.id"],
            name=op.f("fk_program_local_government_local_government_id_local_government"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_local_government_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "program_id", "local_government_id", "role", name=op.f("pk_program_local_government")
        ),
    )
    with op.batch_alter_table("program_local_government", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_local_government_local_government_id"),
            ["local_government_id"],
            unique=False,
        )

    op.create_table(
        "program_organization",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.CheckConstraint(
            "role IN ('funder', 'partner', 'implementer', 'coordinator', 'host', 'secretariat', 'knowledge_partner', 'supporter', 'lead')",
            name=op.f("ck_program_organization_role"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_program_organization_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_organization_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "program_id", "organization_id", "role", name=op.f("pk_program_organization")
        ),
    )
    with op.batch_alter_table("program_organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_organization_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "program_pathway",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["pathway.id"],
            name=op.f("fk_program_pathway_pathway_id_pathway"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_pathway_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("program_id", "pathway_id", name=op.f("pk_program_pathway")),
    )
    with op.batch_alter_table("program_pathway", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_pathway_pathway_id"), ["pathway_id"], unique=False
        )

    op.create_table(
        "publication_organization",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.CheckConstraint(
            "role IN ('publisher', 'translator', 'author')",
            name=op.f("ck_publication_organization_role"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_publication_organization_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_publication_organization_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "publication_id", "organization_id", "role", name=op.f("pk_publication_organization")
        ),
    )
    with op.batch_alter_table("publication_organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_organization_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "publication_program",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_publication_program_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_publication_program_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "publication_id", "program_id", name=op.f("pk_publication_program")
        ),
    )
    with op.batch_alter_table("publication_program", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_program_program_id"), ["program_id"], unique=False
        )

    op.create_table(
        "event_local_government",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("local_government_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_local_government_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["local_government_id"],
            ["local_government.id"],
            name=op.f("fk_event_local_government_local_government_id_local_government"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "event_id", "local_government_id", name=op.f("pk_event_local_government")
        ),
    )
    with op.batch_alter_table("event_local_government", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_local_government_local_government_id"),
            ["local_government_id"],
            unique=False,
        )

    op.create_table(
        "event_organization",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.CheckConstraint(
            "role IN ('organizer', 'co_organizer', 'host', 'supporter', 'participant', 'funder')",
            name=op.f("ck_event_organization_role"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_organization_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_event_organization_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "event_id", "organization_id", "role", name=op.f("pk_event_organization")
        ),
    )
    with op.batch_alter_table("event_organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_organization_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "governance_seat",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("position", sa.String(), nullable=False),
        sa.Column("portfolio", sa.String(), nullable=True),
        sa.Column("term_start", sa.Integer(), nullable=False),
        sa.Column("term_end", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "body IN ('gexcom', 'rexcom_east_asia')", name=op.f("ck_governance_seat_body")
        ),
        sa.CheckConstraint("term_end >= term_start", name=op.f("ck_governance_seat_term")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_governance_seat_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_seat")),
        sa.UniqueConstraint("uid", name=op.f("uq_governance_seat_uid")),
    )
    with op.batch_alter_table("governance_seat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_governance_seat_body"), ["body"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_governance_seat_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "publication_event",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_publication_event_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_publication_event_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("publication_id", "event_id", name=op.f("pk_publication_event")),
    )
    with op.batch_alter_table("publication_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_event_event_id"), ["event_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("publication_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_event_event_id"))

    op.drop_table("publication_event")
    with op.batch_alter_table("governance_seat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_seat_person_id"))
        batch_op.drop_index(batch_op.f("ix_governance_seat_body"))

    op.drop_table("governance_seat")
    with op.batch_alter_table("event_organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_organization_organization_id"))

    op.drop_table("event_organization")
    with op.batch_alter_table("event_local_government", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_local_government_local_government_id"))

    op.drop_table("event_local_government")
    with op.batch_alter_table("publication_program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_program_program_id"))

    op.drop_table("publication_program")
    with op.batch_alter_table("publication_organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_organization_organization_id"))

    op.drop_table("publication_organization")
    with op.batch_alter_table("program_pathway", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_pathway_pathway_id"))

    op.drop_table("program_pathway")
    with op.batch_alter_table("program_organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_organization_organization_id"))

    op.drop_table("program_organization")
    with op.batch_alter_table("program_local_government", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_local_government_local_government_id"))

    op.drop_table("program_local_government")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_organization_id"))
        batch_op.drop_index(batch_op.f("ix_person_name"))
        batch_op.drop_index(batch_op.f("ix_person_local_government_id"))

    op.drop_table("person")
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figure_program_id"))

    op.drop_table("figure")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_title"))
        batch_op.drop_index(batch_op.f("ix_event_status"))
        batch_op.drop_index(batch_op.f("ix_event_start_date"))
        batch_op.drop_index(batch_op.f("ix_event_program_id"))
        batch_op.drop_index(batch_op.f("ix_event_mode"))
        batch_op.drop_index(batch_op.f("ix_event_end_date"))

    op.drop_table("event")
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_translation_of_id"))
        batch_op.drop_index(batch_op.f("ix_publication_title"))
        batch_op.drop_index(batch_op.f("ix_publication_published_on"))
        batch_op.drop_index(batch_op.f("ix_publication_language"))
        batch_op.drop_index(batch_op.f("ix_publication_kind"))

    op.drop_table("publication")
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_period_start"))
        batch_op.drop_index(batch_op.f("ix_program_parent_id"))
        batch_op.drop_index(batch_op.f("ix_program_name"))

    op.drop_table("program")
    op.drop_table("pathway")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_parent_id"))
        batch_op.drop_index(batch_op.f("ix_organization_name"))
        batch_op.drop_index(batch_op.f("ix_organization_country"))

    op.drop_table("organization")
    with op.batch_alter_table("local_government", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_government_parent_id"))
        batch_op.drop_index(batch_op.f("ix_local_government_name"))
        batch_op.drop_index(batch_op.f("ix_local_government_is_member"))
        batch_op.drop_index(batch_op.f("ix_local_government_country"))

    op.drop_table("local_government")
