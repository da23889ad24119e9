"""Briefing packs from the sample council, in every format, read back."""

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from data_layer.briefing import SECTIONS, SERVICE_PLAN, build_briefing
from data_layer.briefing_render import _plotly_js, to_html, to_pdf, to_pptx
from data_layer.views import Filters, build_view
from tests.conftest import ROOT, run_cli

ARTIFACTS = ROOT / "test-artifacts" / "briefing"
SCOPE_LINE = "Sevenoaks District Council · Whole council · 2012/13, performance as at Aug 2012"


@pytest.fixture(scope="module")
def sample(sample_council):
    return sample_council


@pytest.fixture(scope="module")
def briefing(sample):
    return build_briefing(build_view(sample[1], Filters()), generated_on=date(2012, 9, 10))


@pytest.fixture(scope="module")
def exceptions(briefing):
    return list(briefing.sections[0].tables[0].frame["Indicator"])


def section_kinds(titles):
    """Section titles with each head of service's service plan summary counted once, as its kind."""
    kinds = [title.split(":")[0] if title.startswith(SERVICE_PLAN) else title for title in titles]
    return [kind for index, kind in enumerate(kinds) if index == 0 or kind != kinds[index - 1]]


def test_sections_come_in_the_order_members_read_them(briefing):
    titles = [section.title for section in briefing.sections]
    assert section_kinds(titles) == list(SECTIONS)
    assert [t for t in titles if t.startswith(SERVICE_PLAN)] == [  # one per head of service with figures
        f"{SERVICE_PLAN}: {d}" for d in ["Environmental & Operational Services", "Finance & HR", "Housing & Communications",
                                          "IT & Facilities Management", "Legal & Democratic Services"]]
    plan = next(section for section in briefing.sections if section.title == f"{SERVICE_PLAN}: Housing & Communications")
    assert plan.bullets == ["Budget risk (Housing - Homeless): Expenditure on Bed and Breakfast accommodation is at risk of being "
                            "over budget as the Council sees an increasing demand for the temporary accommodation due to the recession."]
    assert briefing.scope_line == SCOPE_LINE
    assert briefing.sources[0].startswith("04-kpis-aug-2012.xlsx, loaded")


def test_questions_members_may_ask_come_from_the_data(briefing):
    questions = briefing.sections[-1].bullets
    assert any(q.startswith("Fly-tipping incidents cleared within 2 working days (Direct Services) has been Red for two periods running")
               for q in questions)
    assert any("shown as Amber by officer judgement, though the figures make it Red" in q for q in questions)
    assert any(q.startswith("Democratic Services's net budget for 2012/13: net cost up £27,000 (30.3%)") for q in questions)


def test_a_select_committees_briefing_covers_only_the_services_it_reviews(sample):
    view = build_view(sample[1], Filters(committee="Environment Select Committee"))
    briefing = build_briefing(view)
    assert briefing.scope == "Services reviewed by the Environment Select Committee"
    services = set(view.services["service"])
    assert "Parking & Amenity" in services and "Finance" not in services
    assert set(briefing.sections[0].tables[0].frame["Service"]) <= services


def test_html_is_self_contained_and_loads_nothing(briefing, exceptions):
    page = to_html(briefing)
    assert "http://" not in page and "https://" not in page  # anywhere, plotly.js included
    markup = page.replace(_plotly_js(), "")  # the document itself, without the inlined library
    assert not re.search(r"""(src|href)\s*=""", markup)
    assert "@import" not in markup and "url(" not in markup
    assert page.count("Plotly.newPlot") == 3  # budget, savings, scorecard: interactive
    assert "@page { size: A4" in page
    assert "● Red" in page and "▲ Amber" in page
    for indicator in exceptions:
        assert indicator in page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.html").write_text(page, encoding="utf-8")


def test_user_text_is_never_rendered_as_html(sample):
    view = build_view(sample[1], Filters())
    briefing = build_briefing(view)
    briefing.sections[0].lead.append("<script>alert(1)</script>")
    page = to_html(briefing)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pdf_has_the_scope_line_on_every_page_and_every_exception(briefing, exceptions, chromium):
    document = to_pdf(briefing, executable=chromium)
    reader = PdfReader(io.BytesIO(document))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) > 5
    for number, text in enumerate(texts, start=1):
        assert SCOPE_LINE in text, f"page {number} has no scope line"
        assert f"page {number} of {len(texts)}" in text
    everything = " ".join(texts)
    for indicator in exceptions:
        assert " ".join(indicator.split()) in everything
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1  # A4
    assert sum(len(page.images) for page in reader.pages) == 3  # the budget, savings and scorecard charts, as images
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.pdf").write_bytes(document)
    if shutil.which("pdftoppm"):  # the pages as pictures, to look at (test-artifacts/briefing/page-*.png)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(ARTIFACTS / "briefing.pdf"), str(ARTIFACTS / "page")], check=True)
        assert len(list(ARTIFACTS.glob("page-*.png"))) == len(texts)


def test_pptx_opens_with_the_expected_slides_and_native_chart_data(briefing):
    deck = Presentation(io.BytesIO(to_pptx(briefing)))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == "Briefing: Whole council"
    for section in SECTIONS:
        assert section in section_kinds([t.removesuffix(" (continued)") for t in titles])
    budget = next(slide for slide in deck.slides if slide.shapes.title.text == "Budget")
    chart = next(shape.chart for shape in budget.shapes if shape.has_chart)
    assert list(chart.plots[0].categories) == ["2010/11", "2011/12", "2012/13"]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series["Legal & Democratic Services"] == [1353000.0, 1082900.0, 978000.0]
    scorecard = next(slide for slide in deck.slides if slide.shapes.title.text == "Performance scorecard")
    bands = {s.name: list(s.values) for s in next(shape.chart for shape in scorecard.shapes if shape.has_chart).plots[0].series}
    assert sum(bands["Red"]) == 9 and sum(bands["Amber"]) == 5 and sum(bands["Green"]) == 29
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deck.save(ARTIFACTS / "briefing.pptx")


def test_command_line_writes_each_format(sample, tmp_path):
    url, _ = sample
    result = run_cli("briefing", "--db", url, "--scope", "Finance & HR", "--period", "2012/13", "--format", "pptx",
                     "--out", str(tmp_path / "fhr.pptx"))
    assert result.returncode == 0, result.stderr
    assert Presentation(str(tmp_path / "fhr.pptx")).slides[0].shapes.title.text == "Briefing: Finance & HR"
    refused = run_cli("briefing", "--db", url, "--scope", "committee:Nobody", "--out", str(tmp_path / "x.html"))
    assert refused.returncode == 2 and '"Nobody" is not a committee here' in refused.stderr
    assert not Path(tmp_path / "x.html").exists()
