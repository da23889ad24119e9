"""The database: which one, the engine, and sessions.

Embedded SQLite by default (a file beside the app, nothing to install); any SQLAlchemy
URL through --db or DATABASE_URL, e.g. postgresql+psycopg://user@localhost/sightline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from data_layer import models  # noqa: F401  (registers the tables on SQLModel.metadata)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "sightline.db"


def database_url(explicit: str | None = None) -> str:
    """--db wins, then DATABASE_URL, then the embedded SQLite file sightline.db."""
    return explicit or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"


# PostgreSQL advisory lock keys: one for changes to the data, one for creating the tables.
WRITE_LOCK = 0x5349_4748  # "SIGH"
SCHEMA_LOCK = 0x5349_4749
SQLITE_WAIT_SECONDS = 300  # how long a change waits for another to finish before saying the database is busy
_CREATED: list[sa.Engine] = []


@lru_cache(maxsize=8)
def get_engine(url: str) -> sa.Engine:
    """One engine per URL, with the tables created.

    SQLite gets WAL, foreign keys, and real transactions: the driver's own transaction
    handling is turned off and every transaction starts with BEGIN, so a reader sees one
    snapshot from its first read to its last (never half of a load), and a change starts
    with BEGIN IMMEDIATE, taking the write lock before it reads what it will change.
    """
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_WAIT_SECONDS})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
            connection.isolation_level = None  # we say BEGIN ourselves, below
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
            connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("sightline_writing") else "BEGIN")

        with engine.begin() as connection:
            SQLModel.metadata.create_all(connection)
            upgrade_schema(connection)
    else:
        # Every time is stored as UTC whatever the server's own time zone (a UK server is on BST half the year).
        options = {"connect_args": {"options": "-c timezone=UTC"}} if sa.make_url(url).get_backend_name() == "postgresql" else {}
        engine = sa.create_engine(url, pool_pre_ping=True, **options)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:  # two processes starting at once must not both create the tables
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
                SQLModel.metadata.create_all(connection)
                upgrade_schema(connection)
        else:
            with engine.begin() as connection:
                SQLModel.metadata.create_all(connection)
                upgrade_schema(connection)
    _CREATED.append(engine)
    return engine


def upgrade_schema(connection: sa.Connection) -> list[str]:
    """Add the columns a newer Sightline has to a database an older one made, so its data stays usable.

    create_all makes missing tables but never changes an existing one. Every column added since is
    nullable (None means "the return did not say"), so adding it loses and changes nothing. A missing
    column that is not nullable would need a real migration: that stops here with a clear message
    rather than failing later in the middle of a page. Returns "table.column" for each column added.
    """
    inspector = sa.inspect(connection)
    present_tables = set(inspector.get_table_names())
    added = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present_tables:
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable:
                raise RuntimeError(f"the database's {table.name} table lacks the column {column.name}, which this version of "
                                   "Sightline needs and cannot add by itself; restore a backup made by this version")
            definition = sa.schema.CreateColumn(column).compile(dialect=connection.dialect)
            connection.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN {definition}')
            added.append(f"{table.name}.{column.name}")
    return added


@lru_cache(maxsize=16)
def _engine_for(url: str, writing: bool) -> sa.Engine:
    engine = get_engine(url)
    if writing:
        return engine.execution_options(sightline_writing=True)
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ")  # one snapshot for the whole read
    return engine


@contextmanager
def session_scope(url: str | None = None, *, writing: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error.

    Reading (the default), it sees one consistent snapshot: the figures before a load or
    after it, never a mixture. Writing, changes are serialised: the session first takes the
    database's write lock (SQLite BEGIN IMMEDIATE; a PostgreSQL advisory lock), so a second
    load waits for the first and then plans against what the first stored; no update is lost.
    """
    engine = _engine_for(database_url(url), writing)
    with Session(engine, expire_on_commit=False) as session:
        try:
            if writing:
                session.connection()  # BEGIN IMMEDIATE on SQLite
                if engine.dialect.name == "postgresql":
                    session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise



def forget_engines() -> None:
    """Close every pooled connection and forget the engines (tests dropping a database; a restore)."""
    for engine in _CREATED:
        engine.dispose()
    _CREATED.clear()
    _engine_for.cache_clear()
    get_engine.cache_clear()


def data_version(url: str | None = None) -> tuple:
    """Changes whenever the data does: every load, restore and settings change is a row of the load table.

    One small query, so pages can cache the figures against it and still notice a change made
    by the command line, another app process or a restored backup.
    """
    with session_scope(url) as session:
        return data_version_in(session, url)


def data_version_in(session: Session, url: str | None = None) -> tuple:
    """The data version as this session sees it (in the same snapshot as a read that follows)."""
    row = session.execute(sa.text("SELECT count(*), max(id), max(loaded_at) FROM load")).one()
    return (str(database_url(url)), *(str(value) for value in row))
