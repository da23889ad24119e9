"""Loads at the same time, a page reading during a load, and a load killed half way: on SQLite (WAL) and PostgreSQL.

Each test makes the race happen for certain (one side holds its transaction open at the
moment that matters) rather than hoping two threads collide.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import select

from data_layer import repository
from data_layer.db import get_engine, session_scope
from data_layer.loader import import_workbook
from data_layer.models import BudgetLine, IndicatorValue, Load, Service
from data_layer.views import read_council_data
from tests.conftest import ROOT, database_snapshot, workbook_bytes

COUNCIL = ["Council: Testshire DC"]
KPI_HEADER = ["Indicator", "Service", "Period", "Target", "Actual"]


def budget_return(finance: int, revenues: int, calls: str) -> bytes:
    return workbook_bytes({
        "Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", finance], ["Revenues", revenues]],
        "KPIs": [COUNCIL, KPI_HEADER, ["Calls answered", "Finance", "Aug 2012", "80%", calls]],
    })


def store(url: str, data: bytes, name: str):  # type: ignore[no-untyped-def]
    with session_scope(url, writing=True) as session:
        return import_workbook(session, data, name, loaded_by="tester")


def current_budget(url: str) -> dict[str, Decimal]:
    with session_scope(url) as session:
        rows = session.exec(select(BudgetLine, Service).where(BudgetLine.service_id == Service.id,
                                                              BudgetLine.superseded_by_load_id.is_(None))).all()
        counts = Counter((service.name, line.year) for line, service in rows)
        assert all(count == 1 for count in counts.values()), f"more than one current value: {counts}"
        return {service.name: line.net_budget for line, service in rows}


class HeldLoad(threading.Thread):
    """A load that stores its rows and then holds its transaction open until released."""

    def __init__(self, url: str, data: bytes, name: str) -> None:
        super().__init__(daemon=True)
        self.url, self.data, self.name = url, data, name
        self.stored, self.release, self.committed = threading.Event(), threading.Event(), threading.Event()
        self.outcome = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with session_scope(self.url, writing=True) as session:
                self.outcome = import_workbook(session, self.data, self.name, loaded_by="first")
                session.flush()
                self.stored.set()
                assert self.release.wait(60)
            self.committed.set()
        except BaseException as error:  # reported by the test
            self.error = error
            self.stored.set()


def test_two_loads_at_once_are_serialised_and_the_second_supersedes_the_first(db_url):
    store(db_url, budget_return(2834, 154, "84%"), "base.xlsx")
    first = HeldLoad(db_url, budget_return(3000, 200, "70%"), "first.xlsx")
    first.start()
    assert first.stored.wait(60) and first.error is None, first.error
    second_outcome = []
    second = threading.Thread(target=lambda: second_outcome.append(store(db_url, budget_return(3100, 200, "90%"), "second.xlsx")),
                              daemon=True)
    second.start()
    second.join(1.5)
    assert second.is_alive(), "the second load finished while the first still held its transaction: loads are not serialised"
    first.release.set()
    first.join(60)
    second.join(60)
    assert first.error is None and first.outcome.stored
    [outcome] = second_outcome
    assert outcome.stored, outcome.errors
    # The second planned against what the first stored: it supersedes 3,000,000, not the base's 2,834,000.
    finance = next(change for change in outcome.superseded if change.service == "Finance")
    assert "3,000,000" in finance.old and "3,100,000" in finance.new
    assert not any(change.service == "Revenues" for change in outcome.superseded)  # 200 both times: unchanged
    assert current_budget(db_url) == {"Finance": Decimal(3100000), "Revenues": Decimal(200000)}
    with session_scope(db_url) as session:
        assert [load.file_name for load in session.exec(select(Load).order_by(Load.id))] == ["base.xlsx", "first.xlsx", "second.xlsx"]
        current = session.exec(select(IndicatorValue).where(IndicatorValue.superseded_by_load_id.is_(None))).all()
        assert [value.actual_text for value in current] == ["90%"]


def test_a_page_reading_during_a_load_sees_the_old_figures_or_the_new_never_a_mixture(db_url):
    store(db_url, budget_return(2834, 154, "84%"), "base.xlsx")
    load = HeldLoad(db_url, budget_return(3000, 200, "70%"), "revised.xlsx")
    load.start()
    assert load.stored.wait(60) and load.error is None, load.error
    reader = threading.get_ident()
    statements = []

    def commit_the_load_mid_read(_connection, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        if threading.get_ident() != reader or not statement.lstrip().upper().startswith("SELECT"):
            return
        statements.append(statement)
        if len(statements) == 2:  # the page has started reading: now the load commits
            load.release.set()
            assert load.committed.wait(60), "the load could not commit while a page was reading"

    engine = get_engine(db_url)
    sa.event.listen(engine, "before_cursor_execute", commit_the_load_mid_read)
    try:
        with session_scope(db_url) as session:
            during = read_council_data(session=session)
    finally:
        sa.event.remove(engine, "before_cursor_execute", commit_the_load_mid_read)
    load.join(60)
    assert load.committed.is_set() and len(statements) > 2
    with session_scope(db_url) as session:
        after = read_council_data(session=session)

    def figures(data):  # type: ignore[no-untyped-def]
        budget = {row.service: row.net_budget for row in data.budget.itertuples()}
        actuals = sorted(data.banded["actual_text"])
        return budget, actuals

    assert figures(during) == ({"Finance": Decimal(2834000), "Revenues": Decimal(154000)}, ["84%"])  # all old
    assert figures(after) == ({"Finance": Decimal(3000000), "Revenues": Decimal(200000)}, ["70%"])  # all new


CRASHING_LOAD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from data_layer.db import session_scope
    from data_layer.loader import import_workbook

    url, path, marker = sys.argv[1:]
    with session_scope(url, writing=True) as session:
        outcome = import_workbook(session, Path(path).read_bytes(), "big.xlsx", loaded_by="killed")
        assert outcome.stored, outcome.errors
        session.flush()  # every row written, inside the transaction
        Path(marker).write_text("written, not committed")
        time.sleep(600)  # killed here
""")


def test_a_load_killed_mid_transaction_leaves_the_database_as_it_was(db_url, tmp_path):
    store(db_url, budget_return(2834, 154, "84%"), "base.xlsx")
    rows = [["Indicator", "Service", "Period", "Target", "Actual"]] + [
        [f"Indicator {n}", f"Service {n % 40}", "Aug 2012", "80%", f"{n % 100}%"] for n in range(3000)]
    big = tmp_path / "big.xlsx"
    big.write_bytes(workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", 9999]], "KPIs": [COUNCIL, *rows]}))
    before = database_snapshot(db_url)
    marker = tmp_path / "written"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    process = subprocess.Popen([sys.executable, "-c", CRASHING_LOAD, db_url, str(big), str(marker)], cwd=ROOT, env=environment,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the load never reached its commit"
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL
    assert database_snapshot(db_url) == before
    # Nothing is left locked or half-written: the same file loads now, whole.
    outcome = store(db_url, big.read_bytes(), "big.xlsx")
    assert outcome.stored and outcome.counts["indicator values"] == 3000
    assert current_budget(db_url)["Finance"] == Decimal(9999000)
    if db_url.startswith("sqlite"):
        with get_engine(db_url).connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with session_scope(db_url) as session:
        council = repository.council(session=session)
        assert len(repository.loads(session=session, council_id=council.id)) == 2
