"""Alembic environment: runs on the connection the server hands over
(sync.server.migrate.upgrade) or on the URL in the alembic config."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sync.server.db import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
