"""Storing returns: all or nothing, refusals leave the database as it was, supersede, aliases, history."""

import io
import json

import openpyxl
import pandas as pd
import pytest
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from sqlmodel import select

from data_layer import repository
from data_layer.loader import import_workbook
from data_layer.models import BudgetLine, Load, Service, ServiceAlias
from tests.conftest import database_snapshot, workbook_bytes

BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Finance & HR", "Finance", "2,711", "2,834"], ["Finance & HR", "Revenues", 233, 154]]}


def load(session, sheets_or_bytes, name="return.xlsx", **options):
    data = sheets_or_bytes if isinstance(sheets_or_bytes, bytes) else workbook_bytes(sheets_or_bytes)
    outcome = import_workbook(session, data, name, loaded_by="tester", **options)
    session.commit()
    return outcome


def current_budget(session):
    frame = repository.budget(session=session, council_id=repository.council(session=session).id)
    return {(r.service, r.year): r.net_budget for r in frame.itertuples()}


def test_clean_return_is_stored_with_its_history(session):
    outcome = load(session, BUDGET, "budget.xlsx")
    assert outcome.stored and not outcome.errors
    assert current_budget(session)[("Finance", "2012/13")] == 2834000
    (history,) = session.exec(select(Load)).all()
    assert (history.file_name, history.loaded_by) == ("budget.xlsx", "tester")
    assert json.loads(history.counts_json)["budget lines"] == 4
    assert outcome.council == "Testshire DC"


def test_original_file_is_kept_byte_for_byte(session):
    data = workbook_bytes(BUDGET)
    outcome = load(session, data)
    name, stored = repository.original_file(session=session, load_id=outcome.load_id)
    assert (name, stored) == ("return.xlsx", data)


def test_identical_content_loaded_again_stores_nothing_and_says_so(session, db_url):
    data = workbook_bytes(BUDGET)
    load(session, data, "budget.xlsx")
    before = database_snapshot(db_url)
    again = load(session, data, "budget copy.xlsx")
    assert not again.stored
    assert "already loaded" in again.already_loaded and '"budget.xlsx"' in again.already_loaded
    assert database_snapshot(db_url) == before


def test_later_return_supersedes_and_the_earlier_stays_in_history(session):
    load(session, BUDGET)
    revised = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"]]}
    outcome = load(session, revised, "revised.xlsx")
    assert [(c.service, c.period, c.old, c.new) for c in outcome.superseded] == [
        ("Finance", "2012/13", "£2,834,000", "£2,900,000")
    ]
    assert current_budget(session)[("Finance", "2012/13")] == 2900000
    assert current_budget(session)[("Revenues", "2012/13")] == 154000  # untouched
    lines = session.exec(select(BudgetLine).where(BudgetLine.year == "2012/13")).all()
    old = [line for line in lines if line.net_budget == 2834000]
    assert len(old) == 1 and old[0].superseded_by_load_id == outcome.load_id
    assert len(session.exec(select(Load)).all()) == 2


def test_unchanged_values_are_not_superseded(session):
    load(session, BUDGET)
    same_values = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13", "Notes"], ["Finance", 2834, "same"]]}
    outcome = load(session, same_values)
    assert outcome.superseded == [] and outcome.unchanged == 1


def test_service_names_match_ignoring_case_spacing_and_punctuation(session):
    load(session, BUDGET)
    outcome = load(session, {"Budget": [["Service", "2013/14"], ["  FINANCE ", 3000]]})
    assert outcome.new_services == []
    assert current_budget(session)[("Finance", "2013/14")] == 3000000


def test_aliases_from_a_services_sheet_match_other_names(session):
    load(session, {"Services": [["Directorate", "Service", "Also known as"],
                                ["Finance & HR", "Revenues", "Revenues & Benefits; Local Tax Shared Service"]]})
    outcome = load(session, {"Savings": [["Service", "2011/12"], ["Revenues & Benefits", 50]]})
    assert outcome.new_services == []
    frame = repository.savings(session=session, council_id=repository.council(session=session).id)
    assert list(frame["service"]) == ["Revenues"]


def test_new_service_is_created_listed_and_unassigned_until_given_a_directorate(session):
    outcome = load(session, {"Budget": [["Service", "2012/13"], ["Street Lighting", 12]]})
    assert outcome.new_services == ["Street Lighting"]
    services = repository.services(session=session, council_id=repository.council(session=session).id)
    assert services.set_index("service").loc["Street Lighting", "directorate"] == "Unassigned"
    load(session, {"Services": [["Directorate", "Service"], ["Environment", "Street Lighting"]]})
    services = repository.services(session=session, council_id=repository.council(session=session).id)
    assert services.set_index("service").loc["Street Lighting", "directorate"] == "Environment"


def test_mapping_a_new_name_saves_an_alias(session):
    load(session, BUDGET)
    outcome = load(session, {"Budget": [["Service", "2013/14"], ["Local Tax", 100]]}, service_mapping={"Local Tax": "Revenues"})
    assert outcome.new_services == []
    aliases = session.exec(select(ServiceAlias)).all()
    assert [(a.alias, session.get(Service, a.service_id).name) for a in aliases] == [("Local Tax", "Revenues")]


def test_two_names_for_one_service_in_one_sheet_is_an_error(session, db_url):
    load(session, {"Services": [["Service", "Also known as"], ["Revenues", "Revenues & Benefits"]]})
    before = database_snapshot(db_url)
    outcome = load(session, {"Savings": [["Service", "2011/12"], ["Revenues", 50], ["Revenues & Benefits", 20]]})
    assert outcome.refused
    assert "are the same service, Revenues, so 2011/12 is given twice" in outcome.errors[0]
    assert database_snapshot(db_url) == before


def test_return_for_another_council_is_refused(session):
    load(session, BUDGET)
    outcome = load(session, {"Budget": [["Council: Elsewhere BC"], ["Service", "2012/13"], ["Finance", 1]]})
    assert outcome.refused and 'this return is for "Elsewhere BC"' in outcome.errors[0]


def test_dry_run_stores_nothing(session, db_url):
    load(session, BUDGET)
    before = database_snapshot(db_url)
    outcome = load(session, {"Budget": [["Service", "2012/13"], ["Finance", 1]]}, dry_run=True)
    assert not outcome.stored and len(outcome.superseded) == 1
    assert database_snapshot(db_url) == before


# ------------------------------------------------------------------- refusals change nothing

def _xls_bytes():
    book = xlwt.Workbook()
    sheet = book.add_sheet("Budget")
    sheet.write(0, 0, "Service")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _encrypted_bytes():
    plain = io.BytesIO(workbook_bytes(BUDGET))
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", encrypted)
    return encrypted.getvalue()


def _ods_bytes():
    buffer = io.BytesIO()
    pd.DataFrame({"Service": ["Finance"], "2012/13": [1]}).to_excel(buffer, engine="odf", sheet_name="Budget", index=False)
    return buffer.getvalue()


def _pdf_bytes():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _truncated_bytes():
    data = workbook_bytes(BUDGET)
    return data[: len(data) // 2]


def _zip_not_workbook():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def _bad_amount_bytes():
    return workbook_bytes({"Budget": [["Service", "2012/13"], ["Finance", "12,3x"], ["Revenues", 100]]})


def _macro_free_but_no_sheets():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda: b"", "the file is empty"),
        (_xls_bytes, "old Excel 97-2003 (.xls) file; open it in Excel and save it as an Excel Workbook (.xlsx)"),
        (lambda: b"Service,2012/13\nFinance,100\n", "a CSV or text file; open it in Excel and save it as an Excel Workbook (.xlsx)"),
        (_ods_bytes, "OpenDocument spreadsheet (.ods)"),
        (_pdf_bytes, "this is a PDF"),
        (_encrypted_bytes, "password-protected"),
        (_truncated_bytes, "damaged or incomplete"),
        (_zip_not_workbook, "a zip file but not an Excel workbook"),
        (_bad_amount_bytes, 'Budget!B2: "12,3x" is not an amount'),
        (_macro_free_but_no_sheets, "no sheet of a return was found"),
    ],
)
def test_refused_file_leaves_the_database_exactly_as_it_was(session, db_url, make_file, message):
    load(session, BUDGET)
    before = database_snapshot(db_url)
    outcome = load(session, make_file(), "upload.xlsx")
    assert outcome.refused and not outcome.stored
    assert any(message in error for error in outcome.errors), outcome.errors
    assert all("Traceback" not in error for error in outcome.errors)
    assert database_snapshot(db_url) == before


def test_one_bad_cell_refuses_the_whole_workbook(session):
    load(session, BUDGET)
    outcome = load(session, {"Budget": [["Service", "2012/13"], ["Finance", 9999]], "Savings": [["Service", "2012/13"], ["Finance", "x"]]})
    assert outcome.refused
    assert current_budget(session)[("Finance", "2012/13")] == 2834000


def test_a_row_without_polarity_takes_the_indicators_polarity_from_its_other_returns(session):
    load(session, {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual", "Polarity"],
                            ["Days to process claims", "Benefits", "Aug 2012", "20", "26.5", "Lower is better"]]})
    load(session, {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"],
                            ["Days to process claims", "Benefits", "Sep 2012", "20", "19.5"]]})
    from data_layer.report import build_report

    (september,) = build_report(session=session)["indicators"]
    assert (september["period"], september["polarity"], september["band"]) == ("Sep 2012", "lower", "Green")
    assert september["direction"] == "improving"


def test_kpi_numbers_are_stored_exactly_as_written(session):
    """2.5 and 2.50 are equal, but each is stored as written (the bulk insert converts each object, not each value)."""
    from data_layer.models import IndicatorValue
    from data_layer.returns.workbook import read_return

    data = workbook_bytes({"KPIs": [["Code", "Indicator", "Service", "Period", "Target", "Actual"],
                                    ["P1", "Missed bins per 1,000", "Refuse", "Aug 2012", "2.5", "2.50"],
                                    ["P2", "Complaints answered", "Refuse", "Aug 2012", "2.50", "2.5"],
                                    ["P3", "Rent collected", "Refuse", "Aug 2012", "97.10%", "97.1%"]]})
    parsed = read_return(data, "kpis.xlsx")
    assert import_workbook(session, data, "kpis.xlsx").stored
    session.commit()
    stored = {v.source_cell: (v.target_value, v.actual_value) for v in session.exec(select(IndicatorValue))}
    written = {f"KPIs!{row.cell}": (row.target.number, row.actual.number) for row in parsed.kpis}
    assert {cell: tuple(map(repr, pair)) for cell, pair in stored.items()} == {cell: tuple(map(repr, pair)) for cell, pair in written.items()}
    assert repr(stored["KPIs!B2"][0]) == "Decimal('2.5')" and repr(stored["KPIs!B3"][0]) == "Decimal('2.50')"
