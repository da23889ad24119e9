"""Back up and restore the embedded SQLite database, safely while the app is running.

Both use SQLite's online backup API, which copies a consistent snapshot page by page under
SQLite's own locks: a load in progress is either wholly in the copy or not at all. A restore
first checks the file is a sound Sightline database, then keeps the database it replaces
beside it, so nothing is lost. PostgreSQL deployments use pg_dump and pg_restore instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from data_layer import models  # noqa: F401  (registers the tables)

SQLITE_HEADER = b"SQLite format 3\x00"


# Tables a newer Sightline added: a backup made before them is still sound, and gets them (empty) when opened.
_TABLES_SINCE_THE_FIRST = {"monitoringline", "capitalscheme", "registeredrisk", "plannedaction"}


class BackupProblem(Exception):
    """Why a backup or restore cannot be done; one line for the user."""


@dataclass(frozen=True)
class Summary:
    councils: list[str]
    loads: int


def embedded_path(url: str) -> Path:
    """The file of an embedded SQLite database URL; a clear refusal for any other database."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupProblem(f"backup and restore are for the embedded SQLite database; {parsed.render_as_string(hide_password=True)} "
                            "is a server database: use its own tools (for PostgreSQL, pg_dump and pg_restore; see SECURITY.md)")
    if not parsed.database or parsed.database == ":memory:":
        raise BackupProblem("an in-memory database cannot be backed up or restored")
    return Path(parsed.database)


def check_database_file(path: Path) -> Summary:
    """Refuse anything but a sound SQLite database holding Sightline's tables."""
    if not path.is_file():
        raise BackupProblem(f"{path}: no such file")
    with path.open("rb") as stream:
        if stream.read(16) != SQLITE_HEADER:
            raise BackupProblem(f"{path}: not a SQLite database; expected a file made by python -m data_layer backup")
    connection = sqlite3.connect(path)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupProblem(f"{path}: the database is damaged ({result}); restore an earlier backup")
        for table in SQLModel.metadata.sorted_tables:
            columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
            if not columns:
                if table.name in _TABLES_SINCE_THE_FIRST:
                    continue  # a table a newer version added (in-year monitoring): created on opening, empty
                raise BackupProblem(f"{path}: not a Sightline database (it has no {table.name} table)")
            # Nullable columns a newer version added are added on opening (db.upgrade_schema); any other is a real difference.
            missing = [column.name for column in table.columns if column.name not in columns and not column.nullable]
            if missing:
                raise BackupProblem(f"{path}: made by a different version of Sightline (table {table.name} lacks {', '.join(missing)})")
        councils = [row[0] for row in connection.execute("SELECT name FROM council ORDER BY name")]
        loads = connection.execute("SELECT count(*) FROM load").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupProblem(f"{path}: the database is damaged or unreadable ({error}); restore an earlier backup") from error
    finally:
        connection.close()
    return Summary(councils, loads)


def backup(url: str, destination: Path) -> Summary:
    """Copy the embedded database to `destination` (a new file), consistent even while loads run."""
    source_path = embedded_path(url)
    if not source_path.is_file():
        raise BackupProblem(f"there is no database at {source_path} to back up")
    if destination.exists():
        raise BackupProblem(f"{destination} already exists; choose a new file name (a backup never overwrites a file)")
    if not destination.parent.is_dir():
        raise BackupProblem(f"{destination.parent} is not a folder")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source_path, partial)
    try:
        summary = check_database_file(partial)
    except BackupProblem:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(destination)  # whole or not at all
    return summary


def restore(url: str, source: Path, *, now: datetime | None = None) -> tuple[Summary, Path | None]:
    """Replace the embedded database's contents with the backup `source`.

    The file is checked first; the database as it was is kept beside it
    (sightline.db.before-restore-YYYYMMDD-HHMMSS), whose path is returned.
    """
    target = embedded_path(url)
    summary = check_database_file(source)
    if source.resolve() == target.resolve():
        raise BackupProblem(f"{source} is the database itself; name a backup file")
    kept = None
    if target.is_file():
        kept = target.with_name(f"{target.name}.before-restore-{(now or datetime.now()):%Y%m%d-%H%M%S}")
        _copy(target, kept)
    _copy(source, target, single_file=False)
    _upgrade(target)
    from data_layer.figures_file import forget

    forget(url)  # the figures kept for the database as it was
    return summary, kept


def _upgrade(path: Path) -> None:
    """A backup made by an earlier version gets the columns added since, before any app process reads it."""
    from data_layer.db import upgrade_schema

    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            upgrade_schema(connection)
    finally:
        engine.dispose()


def _copy(source: Path, destination: Path, *, single_file: bool = True) -> None:
    """SQLite's online backup: a consistent copy, taken under SQLite's locks.

    A backup is made a single self-contained file (no -wal beside it); a restored database
    goes back to WAL, as the app uses it.
    """
    reading = sqlite3.connect(source, timeout=300)
    writing = sqlite3.connect(destination, timeout=300)
    try:
        reading.backup(writing)
        writing.execute(f"PRAGMA journal_mode={'DELETE' if single_file else 'WAL'}")
    finally:
        writing.close()
        reading.close()
