"""Shared test helpers: real .xlsx files written with openpyxl, real databases, the real CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from data_layer.db import forget_engines, get_engine

ROOT = Path(__file__).resolve().parent.parent
PERCENT = object()  # marks a value to write into a percent-formatted cell: (PERCENT, 0.94)
TEXT = object()  # marks text Excel would take for a formula, kept as text as a cell typed with a leading ' is: (TEXT, "=====")


def workbook_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx built with openpyxl: {sheet name: rows}. A cell (PERCENT, 0.94) is formatted as 0%; (TEXT, "=====") is text."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if isinstance(value, tuple) and value and value[0] is PERCENT:
                    cell = sheet.cell(row=row_number, column=column_number, value=value[1])
                    cell.number_format = "0%"
                elif isinstance(value, tuple) and value and value[0] is TEXT:
                    cell = sheet.cell(row=row_number, column=column_number)
                    cell._value, cell.data_type, cell.quotePrefix = value[1], "s", True
                elif value is not None:
                    sheet.cell(row=row_number, column=column_number, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    path.write_bytes(workbook_bytes(sheets))
    return path


@pytest.fixture(autouse=True)
def _figures_files_of_its_own(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps PostgreSQL's figures files (data_layer/figures_file.py) in a folder of its own, as the
    test databases reuse one URL; SQLite's sit beside each test's own database file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


POSTGRES_HOW = ("set TEST_DATABASE_URL to a PostgreSQL server's URL, e.g. "
                 "TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres, to run this test on PostgreSQL too")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A fresh PostgreSQL database for this test run, dropped after; None when TEST_DATABASE_URL is not set."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    import uuid

    server = sa.make_url(base)
    name = f"sightline_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    forget_engines()  # close our pools so the database can be dropped
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str | None) -> str:
    """An empty database for one test: an embedded SQLite file, and (with TEST_DATABASE_URL) PostgreSQL too."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    if postgres_url is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: .ci/run sets it to the local PostgreSQL server")
        pytest.skip(POSTGRES_HOW)
    from sqlmodel import SQLModel

    engine = get_engine(postgres_url)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    return postgres_url


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    with Session(get_engine(db_url), expire_on_commit=False) as session:
        yield session


def database_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare a database before and after something."""
    engine = get_engine(url)
    snapshot = {}
    with engine.connect() as connection:
        inspector = sa.inspect(engine)
        for name in sorted(inspector.get_table_names()):
            rows = connection.execute(sa.text(f'SELECT * FROM "{name}"')).fetchall()
            snapshot[name] = sorted((tuple(row) for row in rows), key=repr)
    return snapshot


def run_cli(*arguments: str, env: dict[str, str] | None = None, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m data_layer ...` as a user would, capturing its output."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "data_layer", *arguments],
        cwd=ROOT, capture_output=True, text=True, env=environment, timeout=120, input=input_text,
    )


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def chromium() -> str:
    """Debian's Chromium, for PDF briefings and browser tests: skipped on a laptop without it, a failure in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium")
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    return CHROMIUM


@pytest.fixture(scope="module")
def sample_council(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The sample council loaded into a database of its own: (its URL, the CouncilData the pages read)."""
    from data_layer.sample import load_sample_data
    from data_layer.views import read_council_data

    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}"
    with Session(get_engine(url)) as session:
        load_sample_data(session=session)
        session.commit()
        return url, read_council_data(session=session)


@pytest.fixture
def app_on_an_empty_database(monkeypatch: pytest.MonkeyPatch, db_url: str):  # type: ignore[no-untyped-def]
    """The real app (AppTest, as a browser session runs it) on an empty database of its own: open_page("pages/x.py")."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.apptest_support import APP, use_real_navigation

    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "0")

    def open_page(page: str) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield open_page
    st.cache_data.clear()
    st.cache_resource.clear()
