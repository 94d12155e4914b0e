"""Alembic environment: migrations run on the connection the app hands over."""

from alembic import context
from sqlalchemy import create_engine, event

from iclei_desktop.core.db import include_name, register_functions
from iclei_desktop.core.models import Base

config = context.config
connection = config.attributes.get("connection")


def run(connection) -> None:  # type: ignore[no-untyped-def]
    # Batch mode lets SQLite alter tables by copying them.
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    # The plain `alembic` command line, used by developers: -x url=sqlite:///path
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///dev.sqlite")
    engine = create_engine(url)
    # Migration 0003 fills the search index with the app's SQL function.
    event.listen(engine, "connect", lambda connection, _record: register_functions(connection))
    with engine.begin() as own_connection:
        run(own_connection)
