"""The command line as a finance officer meets it: clear one-line refusals, exit codes, no tracebacks."""

import json

import pytest

from tests.conftest import run_cli, write_workbook


@pytest.fixture
def good_return(tmp_path):
    return write_workbook(tmp_path / "budget.xlsx", {"Budget": [["Service", "2012/13"], ["Finance", "2,834"]]})


def test_import_then_report(tmp_path, good_return, db_url):
    result = run_cli("import", str(good_return), "--db", db_url)
    assert result.returncode == 0, result.stderr
    assert "stored as load 1" in result.stdout and "new services: Finance" in result.stdout
    report = json.loads(run_cli("report", "--db", db_url, "--json").stdout)
    assert report["budget"][0]["net_budget"] == 2834000


def test_database_url_from_the_environment(tmp_path, good_return):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert run_cli("import", str(good_return), env={"DATABASE_URL": url}).returncode == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.txt", b"just some text\n", "CSV or text file"),
        ("empty.xlsx", b"", "the file is empty"),
    ],
)
def test_non_workbooks_exit_1_naming_the_file(tmp_path, db_url, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("import", str(path), "--db", db_url)
    assert result.returncode == 1
    assert name in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_amount_exits_1_naming_the_file_and_cell(tmp_path, db_url):
    path = write_workbook(tmp_path / "bad.xlsx", {"Budget": [["Service", "2012/13"], ["Finance", "12,3x"]]})
    result = run_cli("import", str(path), "--db", db_url)
    assert result.returncode == 1
    assert "bad.xlsx: refused, nothing stored (1 error)" in result.stderr
    assert 'Budget!B2: "12,3x" is not an amount' in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_1(db_url):
    result = run_cli("import", "no-such-file.xlsx", "--db", db_url)
    assert result.returncode == 1 and "no-such-file.xlsx: refused: no such file" in result.stderr


def test_same_file_twice_says_already_loaded(good_return, db_url):
    run_cli("import", str(good_return), "--db", db_url)
    result = run_cli("import", str(good_return), "--db", db_url)
    assert result.returncode == 0 and "already loaded" in result.stdout and "nothing stored" in result.stdout


def test_a_revised_return_says_which_field_changes(tmp_path, good_return, db_url):
    run_cli("import", str(good_return), "--db", db_url)
    revised = write_workbook(tmp_path / "revised.xlsx", {"Budget": [["Service", "2012/13"], ["Finance", "2,900"]]})
    result = run_cli("import", str(revised), "--db", db_url)
    assert result.returncode == 0, result.stderr
    assert "superseded: budget Finance 2012/13: Net budget: £2,834,000 -> £2,900,000" in result.stdout


def test_dry_run_exits_0_and_stores_nothing(good_return, db_url):
    result = run_cli("import", str(good_return), "--db", db_url, "--dry-run")
    assert result.returncode == 0 and "would store" in result.stdout
    assert json.loads(run_cli("report", "--db", db_url, "--json").stdout)["budget"] == []


def test_strict_makes_a_wrong_total_refuse_the_workbook(tmp_path, db_url):
    path = write_workbook(tmp_path / "totals.xlsx", {"Savings": [["Service", "2012/13"], ["A", 1], ["TOTAL", 2]]})
    relaxed = run_cli("import", str(path), "--db", db_url, "--dry-run")
    assert relaxed.returncode == 0 and "warning: Savings!B3" in relaxed.stdout
    strict = run_cli("import", str(path), "--db", db_url, "--strict")
    assert strict.returncode == 1 and "Savings!B3" in strict.stderr


def test_report_rejects_a_period_that_is_not_a_financial_year(db_url):
    result = run_cli("report", "--db", db_url, "--period", "August", "--json")
    assert result.returncode == 2 and '"August" is not a financial year' in result.stderr


def test_unusable_database_url_is_a_clear_error(good_return):
    result = run_cli("import", str(good_return), "--db", "nonsense://x")
    assert result.returncode == 1 and "is not a database URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_on_an_empty_database(db_url):
    result = run_cli("report", "--db", db_url)
    assert result.returncode == 0 and "holds no returns yet" in result.stdout
