"""Hostile and malformed workbooks: each refused with its message (or read safely), the database unchanged.

The corpus is built by tests/hostile_workbooks.py. Memory is measured in a process of its
own for the large ones, through the real command line; time per file is measured by
benchmarks/bench_hostile.py, not asserted here (these machines are shared and noisy).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlmodel import select

from data_layer import repository
from data_layer.loader import import_workbook
from data_layer.models import Load, Service
from tests.conftest import ROOT, database_snapshot, workbook_bytes
from tests.hostile_workbooks import BUDGET, CORPUS, FORMULA_NAMES, Hostile

REFUSED = [case for case in CORPUS if case.refused]
READ_SAFELY = [case for case in CORPUS if not case.refused]
MEMORY_LIMIT_MB = 1024


def load(session, data: bytes, name: str = "return.xlsx"):
    outcome = import_workbook(session, data, name, loaded_by="tester")
    session.commit()
    return outcome


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_hostile_workbook_is_refused_with_its_message_and_changes_nothing(session, db_url, case: Hostile):
    load(session, workbook_bytes(BUDGET), "budget.xlsx")
    before = database_snapshot(db_url)
    outcome = load(session, case.build(), "upload.xlsx")
    assert outcome.refused and not outcome.stored
    assert any(case.message in error for error in outcome.errors), outcome.errors
    assert all("Traceback" not in error and "\n" not in error for error in outcome.errors)
    assert database_snapshot(db_url) == before


@pytest.mark.parametrize("case", READ_SAFELY, ids=[case.name for case in READ_SAFELY])
def test_odd_but_harmless_workbook_is_read_safely(session, case: Hostile):
    load(session, workbook_bytes(BUDGET), "budget.xlsx")
    outcome = load(session, case.build(), "upload.xlsx")
    assert not outcome.refused, outcome.errors
    if case.message:
        assert any(case.message in warning for warning in outcome.warnings), outcome.warnings
    assert len(session.exec(select(Load)).all()) in (1, 2)  # the first load is still there, whatever this one did


def test_merged_directorate_applies_to_each_service_it_spans(session):
    from tests.hostile_workbooks import merged_directorate

    load(session, merged_directorate())
    council = repository.council(session=session)
    budget = repository.budget(session=session, council_id=council.id)
    assert set(budget.loc[budget.service == "Revenues", "directorate"]) == {"Finance & HR"}


def test_control_characters_are_removed_and_the_name_matches(session):
    from tests.hostile_workbooks import control_characters

    load(session, workbook_bytes(BUDGET))
    outcome = load(session, control_characters())
    assert not outcome.new_services  # "Fin\a ance" is Finance, "Reve\tnues\n" is Revenues
    assert sorted(s.name for s in session.exec(select(Service))) == ["Finance", "Revenues"]


def test_names_that_look_like_formulas_are_stored_exactly_as_written(session):
    from tests.hostile_workbooks import formula_like_names

    load(session, formula_like_names())
    assert sorted(s.name for s in session.exec(select(Service))) == sorted(FORMULA_NAMES)


def test_a_claimed_million_rows_reads_only_the_rows_there(session):
    from tests.hostile_workbooks import million_rows_claimed

    outcome = load(session, million_rows_claimed())
    assert outcome.stored and outcome.counts["budget lines"] == 2


LARGE = [case for case in CORPUS if case.large]


@pytest.mark.parametrize("case", LARGE, ids=[case.name for case in LARGE])
def test_large_hostile_file_stays_under_a_gigabyte_through_the_command_line(tmp_path, case: Hostile):
    """Through the command line's own code, in a process of its own whose peak memory (VmHWM) is its own."""
    path = tmp_path / "upload.xlsx"
    path.write_bytes(case.build())
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "peak_memory.py"), str(tmp_path / "peak"), "import", str(path),
                             "--db", url], cwd=ROOT, capture_output=True, text=True, env=environment,
                            timeout=300)  # a hang guard, not a speed test
    errors = result.stderr
    peak_mb = float((tmp_path / "peak").read_text())
    assert peak_mb < MEMORY_LIMIT_MB, f"{case.name}: peak memory {peak_mb:.0f} MB"
    if case.refused:
        assert result.returncode == 1 and case.message in errors, errors
        assert "Traceback" not in errors
    else:
        assert result.returncode == 0, errors
