"""Templates come from the importer's own column guide, and round-trip: filled with their example rows, they load cleanly."""

import io
from datetime import date

import openpyxl
import pytest

from data_layer.loader import import_workbook
from data_layer.returns.workbook import COLUMN_GUIDE, HEADER_SYNONYMS, REQUIRED_COLUMNS, YEAR_COLUMNS, read_return
from data_layer.templates import RETURN_KINDS, example_rows, template_workbook

TODAY = date(2012, 9, 1)
YEARS = ["2011/12", "2012/13"]


def filled_template(kinds=RETURN_KINDS) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(kinds, today=TODAY)))
    for kind in kinds:
        for row in example_rows(kind, YEARS):
            workbook[kind].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_template_filled_with_its_example_rows_loads_without_errors_or_warnings(session):
    outcome = import_workbook(session, filled_template(), "filled template.xlsx")
    assert outcome.errors == [] and outcome.warnings == []
    assert outcome.stored
    assert outcome.counts == {"services": 2, "budget lines": 4, "savings lines": 4, "indicator values": 2, "staff FTEs": 1,
                              "key objectives": 1, "budget risks": 1, "monitoring lines": 2, "capital schemes": 2,
                              "registered risks": 2, "actions": 2}
    assert outcome.sheets_ignored == ["Instructions"]


@pytest.mark.parametrize("kind", RETURN_KINDS)
def test_each_single_sheet_template_round_trips(session, kind):
    parsed = read_return(filled_template((kind,)), f"{kind}.xlsx")
    assert parsed.errors == [] and parsed.warnings == []


def test_a_blank_template_loads_as_nothing_rather_than_an_error(session):
    outcome = import_workbook(session, template_workbook(today=TODAY), "blank.xlsx", dry_run=True)
    assert outcome.errors == [] and not outcome.added


@pytest.mark.parametrize("kind", RETURN_KINDS)
def test_template_headers_are_the_importers_own(kind):
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook((kind,), today=TODAY)))
    headers = [cell.value for cell in workbook[kind][2]]
    expected = []
    for column in COLUMN_GUIDE[kind]:
        if column.meaning == YEAR_COLUMNS:
            expected.extend(YEARS)
        else:
            expected.append(column.header)
            assert HEADER_SYNONYMS[kind][column.header.casefold()] == column.meaning
    assert headers == expected
    for required in REQUIRED_COLUMNS.get(kind, ()):
        assert any(c.meaning == required and c.required for c in COLUMN_GUIDE[kind])


def test_instructions_describe_every_column():
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(today=TODAY)))
    text = "\n".join(str(cell.value) for row in workbook["Instructions"].iter_rows() for cell in row if cell.value)
    for kind in RETURN_KINDS:
        for column in COLUMN_GUIDE[kind]:
            assert column.what in text
