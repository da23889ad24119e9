"""The figures file: a new process takes the figures from it instead of reading the database again,
and never when the data, the code or the file itself could make them wrong."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
import sys

import pandas as pd
import pytest

from data_layer import backup, figures_file
from data_layer.db import session_scope
from data_layer.figures_file import figures_path
from data_layer.loader import import_workbook
from data_layer.sample import load_sample_data
from data_layer.views import CouncilData, View
from tests.conftest import ROOT, workbook_bytes


def council_figures(url: str) -> figures_file.Figures:
    """The figures, once the file they start writing is written."""
    figures = figures_file.council_figures(url)
    figures_file.finish_writing()
    return figures


def _sample(url: str) -> None:
    with session_scope(url, writing=True) as session:
        load_sample_data(session=session)


def _assert_same_frames(ours: object, theirs: object) -> None:
    for field in dataclasses.fields(ours):  # type: ignore[arg-type]
        if not field.compare:
            continue  # figures cached per scope: not kept in the file
        name, value = field.name, getattr(ours, field.name)
        other = getattr(theirs, name)
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, other, check_exact=True, obj=name)
            for column in value.columns:  # the same Python objects: Decimal('1.00') stays itself, None stays None
                assert [repr(v) for v in value[column]] == [repr(v) for v in other[column]], f"{name}.{column}"
        elif not isinstance(value, (CouncilData, View)):
            assert value == other, name


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the reads of the database's figures (what the file saves)."""
    counted: list[str] = []
    real = figures_file.read_council_data

    def counting(*, session):  # type: ignore[no-untyped-def]
        counted.append("read")
        return real(session=session)
    monkeypatch.setattr(figures_file, "read_council_data", counting)
    return counted


def test_the_figures_come_back_from_the_file_exactly(db_url, reads):
    _sample(db_url)
    first = council_figures(db_url)
    assert reads == ["read"] and figures_path(db_url).is_file()
    kept = council_figures(db_url)
    assert reads == ["read"], "the second read should have come from the file"
    assert kept is not first
    _assert_same_frames(first.data, kept.data)
    _assert_same_frames(first.first_view, kept.first_view)
    assert kept.view_for(None, None, None) is kept.first_view
    assert kept.view_for(kept.data.financial_years[0], None, None) is kept.first_view
    assert kept.view_for(None, None, kept.data.directorates[0]) is None


@pytest.mark.parametrize("councils", [1, 3])
def test_packed_columns_come_back_as_the_same_objects(tmp_path, monkeypatch, councils):
    """Every frame packed (Decimals and dates as codes), on the sample council and on three generated ones."""
    from benchmarks.generate import load_national_database

    url = f"sqlite:///{tmp_path / 'council.db'}"
    if councils == 1:
        _sample(url)
        monkeypatch.setattr(figures_file, "PACK_FROM_ROWS", 1)
    else:
        load_national_database(url, councils)
    first = council_figures(url)
    kept = council_figures(url)
    assert isinstance(kept.first_view.indicators, pd.DataFrame)
    _assert_same_frames(first.data, kept.data)
    _assert_same_frames(first.first_view, kept.first_view)
    packed = first.kept()
    assert any(isinstance(value, figures_file._PackedFrame) for value in vars(packed.data).values())


def test_a_new_process_uses_the_file_without_reading_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    _sample(url)
    here = council_figures(url)
    script = (
        "import json, sys\n"
        "from data_layer import figures_file\n"
        "def refuse(**_): raise SystemExit('read the database')\n"
        "figures_file.read_council_data = refuse\n"
        f"figures = figures_file.council_figures({url!r})\n"
        "print(json.dumps([figures.data.council, len(figures.data.banded), str(figures.data.budget['net_budget'].sum()),\n"
        "                  figures.first_view.headline['kpi_period']]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [here.data.council, len(here.data.banded), str(here.data.budget["net_budget"].sum()),
                                         here.first_view.headline["kpi_period"]]


def test_a_process_that_ends_at_once_still_leaves_the_whole_file(tmp_path, reads):
    """The file is written while the first page is drawn; a process ending straight after waits for it."""
    url = f"sqlite:///{tmp_path / 'council.db'}"
    _sample(url)
    script = f"from data_layer import figures_file\nfigures_file.council_figures({url!r})\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert figures_path(url).is_file()
    council_figures(url)
    assert reads == [], "the file the other process wrote should have been used"


def test_a_load_makes_the_kept_figures_stale(db_url, reads):
    _sample(db_url)
    before = council_figures(db_url)
    changed = workbook_bytes({"Budget": [["Council: Sevenoaks District Council"], ["Directorate", "Service", "2012/13"],
                                         ["Chief Executive", "Audit", "999"]]})
    with session_scope(db_url, writing=True) as session:
        assert import_workbook(session, changed, "audit.xlsx", loaded_by="test").stored
    after = council_figures(db_url)
    assert reads == ["read", "read"]
    assert len(after.data.loads) == len(before.data.loads) + 1
    council_figures(db_url)
    assert reads == ["read", "read"], "the new figures should now be kept"


def test_figures_from_other_code_are_not_used(tmp_path, reads, monkeypatch):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    _sample(url)
    council_figures(url)
    monkeypatch.setattr(figures_file, "code_fingerprint", lambda: "a later version of Sightline")
    council_figures(url)
    assert reads == ["read", "read"]


@pytest.mark.parametrize("harm", ["writable by others", "damaged", "truncated", "not ours", "a symbolic link"])
def test_a_file_that_cannot_be_trusted_is_ignored_and_replaced(tmp_path, reads, monkeypatch, caplog, harm):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    _sample(url)
    good = council_figures(url)
    path = figures_path(url)
    if harm == "writable by others":
        path.chmod(0o666)
    elif harm == "damaged":
        path.write_bytes(path.read_bytes()[:200] + b"\x00garbage" * 100)
    elif harm == "truncated":
        path.write_bytes(path.read_bytes()[:-5000])
    elif harm == "not ours":
        monkeypatch.setattr(figures_file.os, "getuid", lambda: 12345)
    else:
        elsewhere = tmp_path / "elsewhere.figures"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    with caplog.at_level(logging.WARNING, logger="data_layer.figures_file"):
        again = council_figures(url)
    assert reads == ["read", "read"]
    _assert_same_frames(good.data, again.data)
    if harm in ("writable by others", "not ours"):
        assert "must belong to this user" in caplog.text
    assert not path.is_symlink() and path.stat().st_mode & 0o077 == 0, "the replacement is this user's alone, in its place"


def test_none_is_kept_in_memory_or_when_turned_off(tmp_path, monkeypatch):
    assert figures_path("sqlite://") is None
    assert figures_path(f"sqlite:///{tmp_path / 'a.db'}") == tmp_path / "a.db.figures"
    monkeypatch.setenv("SIGHTLINE_FIGURES_DIR", "off")
    assert figures_path(f"sqlite:///{tmp_path / 'a.db'}") is None
    monkeypatch.setenv("SIGHTLINE_FIGURES_DIR", str(tmp_path / "kept"))
    assert figures_path("postgresql+psycopg://someone:secret@db/sightline").parent == tmp_path / "kept"


def test_a_restore_forgets_the_kept_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    _sample(url)
    backup.backup(url, tmp_path / "copy.db")
    council_figures(url)
    assert figures_path(url).is_file()
    backup.restore(url, tmp_path / "copy.db")
    assert not figures_path(url).exists()
