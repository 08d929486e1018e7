"""Run the Alembic migrations programmatically at server start (and in commands)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from sync.server import change_numbers, dialect
from sync.server.db import write_tx

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema. Safe to call from several workers at
    once: SQLite serialises on BEGIN IMMEDIATE, PostgreSQL on an advisory lock."""
    path = dialect.sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config()
    with write_tx(engine) as conn:
        dialect.lock_for_migrations(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        # a database restored with PostgreSQL's own tools into another cluster holds
        # numbers above the new cluster's transaction ids: move the numbering past them
        change_numbers.realign(conn)


def current_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
