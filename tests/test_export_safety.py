"""Text users supplied stays text: every download and briefing neutralises formulas, no page or pack renders it as HTML.

The council holds services named <script>alert(1)</script>, =HYPERLINK(...), +44..., -Parking and
@SUM(1+1), loaded from a real workbook; every page runs under AppTest and every table download it
offers is checked, as are the HTML, PDF and PowerPoint briefings. The browser test in
tests/e2e/test_browser.py shows no script runs in a real page.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_layer import presentation
from data_layer.briefing import build_briefing
from data_layer.briefing_render import render
from data_layer.db import session_scope
from data_layer.loader import import_workbook
from data_layer.sample import load_sample_data
from data_layer.views import briefing_filters, build_view, read_council_data
from tests.apptest_support import APP, tables_on, use_real_navigation
from tests.hostile_workbooks import FORMULA_NAMES, HOSTILE_NAMES, SCRIPT, hostile_names_return

FORMULA_STARTS = ("=", "+", "-", "@")
EVERY_PAGE = ["pages/overview.py", "pages/budget.py", "pages/savings.py", "pages/performance.py", "pages/service_plan.py",
              "pages/briefing.py", "pages/import_returns.py", "pages/history.py", "pages/settings.py"]


@pytest.fixture
def hostile_council(db_url):
    with session_scope(db_url) as session:
        load_sample_data(session=session)
        outcome = import_workbook(session, hostile_names_return(), "hostile.xlsx", loaded_by="tester")
        assert outcome.stored, outcome.errors
    return db_url


def assert_csv_keeps_text_as_text(data: bytes) -> list[str]:
    fields = [field for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for field in row]
    for field in fields:
        if field.startswith(FORMULA_STARTS):
            try:
                Decimal(field)  # a negative amount is a number, not a formula
            except InvalidOperation:
                pytest.fail(f"CSV field {field!r} would run as a formula in a spreadsheet")
    return fields


def assert_workbook_has_no_formulas(data: bytes) -> list[object]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[\s>/]", archive.read(name)), f"{name} holds a formula"
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row)
    return values


def test_every_download_on_every_page_keeps_text_as_text_and_no_page_renders_it_as_html(hostile_council, monkeypatch):
    downloads: list[tuple[str, bytes]] = []
    real_csv, real_excel = presentation.csv_bytes, presentation.excel_bytes
    monkeypatch.setattr(presentation, "csv_bytes", lambda table: downloads.append(("csv", real_csv(table))) or downloads[-1][1])
    monkeypatch.setattr(presentation, "excel_bytes",
                        lambda table, sheet="Sightline": downloads.append(("xlsx", real_excel(table, sheet))) or downloads[-1][1])
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", hostile_council)
    monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    shown_as_text = []
    for page in EVERY_PAGE:
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        for element in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]:
            if "<script" in element.value:
                assert not element.proto.allow_html, f"{page} renders user text as HTML: {element.value[:80]}"
                shown_as_text.append(page)
        shown_as_text += [page for frame in tables_on(at) if SCRIPT in frame.to_string()]
    st.cache_data.clear()
    st.cache_resource.clear()
    assert {"pages/budget.py", "pages/savings.py", "pages/performance.py"} <= set(shown_as_text)

    csv_text, workbook_values = [], []
    for kind, data in downloads:
        if kind == "csv":
            csv_text += assert_csv_keeps_text_as_text(data)
        else:
            workbook_values += assert_workbook_has_no_formulas(data)
    assert len(downloads) >= 10
    for name in FORMULA_NAMES:
        assert "'" + name in csv_text, f"{name} never reached a CSV download"  # so the checks above saw it
        assert name in workbook_values, f"{name} is not in the Excel downloads exactly as written"


@pytest.fixture
def hostile_briefing(hostile_council):
    with session_scope(hostile_council) as session:
        data = read_council_data(session=session)
    return build_briefing(build_view(data, briefing_filters(data, "council", "2012/13")))


def test_html_briefing_shows_markup_as_text(hostile_briefing):
    page = render(hostile_briefing, "html").decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert scripts[0].startswith("/**\n* plotly.js") and len(scripts) > 1  # the charts' library, inlined
    assert all(script.strip().startswith("window.PLOTLYENV") for script in scripts[1:])  # each chart's own, and nothing else
    assert "\\u003cscript\\u003ealert(1)" in page  # in a chart's data, escaped so it cannot close the script


def test_powerpoint_briefing_chart_data_keeps_text_as_text(hostile_briefing):
    from pptx import Presentation

    data = render(hostile_briefing, "pptx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        embedded = [archive.read(name) for name in archive.namelist() if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")]
    assert embedded, "the pack should have native charts, each with its data workbook"
    values = [value for workbook in embedded for value in assert_workbook_has_no_formulas(workbook)]
    assert any(isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values), "the hostile names should be in a chart's data"
    text = [shape.text_frame.text for slide in Presentation(io.BytesIO(data)).slides for shape in slide.shapes if shape.has_text_frame]
    text += [cell.text for slide in Presentation(io.BytesIO(data)).slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    assert any(SCRIPT in t for t in text)


def test_pdf_briefing_prints_markup_as_text(hostile_briefing, chromium):
    from pypdf import PdfReader

    from data_layer.briefing_render import to_pdf

    pdf = PdfReader(io.BytesIO(to_pdf(hostile_briefing, executable=chromium)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert SCRIPT in text.replace("\n", "")


def test_hostile_names_round_trip_exactly(hostile_council):
    with session_scope(hostile_council) as session:
        data = read_council_data(session=session)
    assert set(HOSTILE_NAMES) <= set(data.services["service"])
