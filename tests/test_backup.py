"""`python -m data_layer backup FILE` and `restore FILE` for the embedded database, through the real command line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_layer.db import data_version, session_scope
from data_layer.loader import import_workbook
from data_layer.sample import load_sample_data
from tests.apptest_support import APP, tables_on, use_real_navigation
from tests.conftest import database_snapshot, run_cli, workbook_bytes
from tests.test_concurrency import HeldLoad, budget_return, current_budget, store


@pytest.fixture
def embedded(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    store(url, budget_return(2834, 154, "84%"), "base.xlsx")
    return url


def test_backup_then_restore_brings_back_exactly_what_was_backed_up(embedded, tmp_path):
    backed_up = database_snapshot(embedded)
    result = run_cli("backup", str(tmp_path / "monday.db"), "--db", embedded)
    assert result.returncode == 0, result.stderr
    assert "Testshire DC, 1 loads" in result.stdout
    store(embedded, budget_return(3000, 200, "70%"), "tuesday.xlsx")
    changed = database_snapshot(embedded)
    assert changed != backed_up

    result = run_cli("restore", str(tmp_path / "monday.db"), "--db", embedded)
    assert result.returncode == 0, result.stderr
    assert database_snapshot(embedded) == backed_up
    kept = next(tmp_path.glob("sightline.db.before-restore-*"))  # the database as it was, kept
    assert str(kept) in result.stdout
    assert database_snapshot(f"sqlite:///{kept}") == changed


def test_a_backup_taken_during_a_load_holds_none_of_it(embedded, tmp_path):
    before = database_snapshot(embedded)
    load = HeldLoad(embedded, budget_return(3000, 200, "70%"), "during.xlsx")
    load.start()
    assert load.stored.wait(60) and load.error is None
    try:
        result = run_cli("backup", str(tmp_path / "during.db"), "--db", embedded)
    finally:
        load.release.set()
        load.join(60)
    assert result.returncode == 0, result.stderr
    assert database_snapshot(f"sqlite:///{tmp_path / 'during.db'}") == before
    assert current_budget(embedded)["Finance"] == Decimal(3000000)  # the load itself went on to commit


def test_an_open_connection_sees_the_restored_figures(embedded, tmp_path):
    assert run_cli("backup", str(tmp_path / "copy.db"), "--db", embedded).returncode == 0
    store(embedded, budget_return(3000, 200, "70%"), "later.xlsx")
    version = data_version(embedded)
    assert current_budget(embedded)["Finance"] == Decimal(3000000)  # this process's pool holds connections open
    assert run_cli("restore", str(tmp_path / "copy.db"), "--db", embedded).returncode == 0
    assert current_budget(embedded)["Finance"] == Decimal(2834000)
    assert data_version(embedded) != version


def _damaged(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the second page: the tables' pages
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda tmp: tmp / "missing.db", "no such file"),
        (lambda tmp: (tmp / "notes.db").write_text("hello") and tmp / "notes.db", "not a SQLite database"),
        (lambda tmp: (tmp / "book.db").write_bytes(workbook_bytes({"Budget": [["Service"]]})) and tmp / "book.db", "not a SQLite database"),
        (lambda tmp: _other_database(tmp), "not a Sightline database"),
        (lambda tmp: _damaged(_backup_of_sample(tmp)), "damaged"),
    ],
    ids=["missing", "text", "workbook", "another program's database", "damaged"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(embedded, tmp_path, make_file, message):
    before = database_snapshot(embedded)
    result = run_cli("restore", str(make_file(tmp_path)), "--db", embedded)
    assert result.returncode == 1 and message in result.stderr and "nothing changed" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert database_snapshot(embedded) == before
    assert not list(tmp_path.glob("sightline.db.before-restore-*"))


def _other_database(tmp: Path) -> Path:
    import sqlite3

    connection = sqlite3.connect(tmp / "other.db")
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    connection.commit()
    connection.close()
    return tmp / "other.db"


def _backup_of_sample(tmp: Path) -> Path:
    url = f"sqlite:///{tmp / 'sample.db'}"
    with session_scope(url, writing=True) as session:
        load_sample_data(session=session)
    assert run_cli("backup", str(tmp / "sample-copy.db"), "--db", url).returncode == 0
    return tmp / "sample-copy.db"


def test_backup_never_overwrites_and_server_databases_are_pointed_to_their_own_tools(embedded, tmp_path):
    (tmp_path / "taken.db").write_text("keep me")
    result = run_cli("backup", str(tmp_path / "taken.db"), "--db", embedded)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "taken.db").read_text() == "keep me"
    result = run_cli("backup", str(tmp_path / "pg.db"), "--db", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    assert result.returncode == 1 and "pg_dump" in result.stderr


def test_the_app_shows_a_change_made_outside_it_on_the_next_page_load(tmp_path, monkeypatch):
    """A load from the command line (or a restore) is seen without restarting the app."""
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    with session_scope(url, writing=True) as session:
        load_sample_data(session=session)
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/budget.py")
    at.run()
    at.radio(key="budget_level").set_value("By service").run()
    assert "£3,662k" in " ".join(frame.to_string() for frame in tables_on(at))
    revised = workbook_bytes({"Budget": [["Council: Sevenoaks District Council"], ["Directorate", "Service", "2012/13"],
                                         ["Environmental & Operational Services", "Direct Services", "3,700"]]})
    with session_scope(url, writing=True) as session:
        assert import_workbook(session, revised, "outside.xlsx", loaded_by="command line").stored
    at.run()
    shown = " ".join(frame.to_string() for frame in tables_on(at))
    assert "£3,700k" in shown and "£3,662k" not in shown
    st.cache_data.clear()
