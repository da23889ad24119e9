"""The Monitoring page as a finance officer and a councillor use it, in Chromium: empty until a monitoring return is
uploaded through the Import page's file chooser, then the month's figures, which follow the month chosen; and it fits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apptest_support import loaded
from tests.conftest import write_workbook
from tests.e2e.conftest import App, start_app
from tests.e2e.test_browser import shows, visit
from tests.e2e.test_layout import fits, settle
from tests.test_monitoring_page import budget_return, monitoring_return


@pytest.fixture
def council_app(tmp_path) -> Iterator[App]:  # type: ignore[no-untyped-def]
    """The app on a council of the tests' own with its 2012/13 budget loaded and no monitoring yet (no sample council:
    its illustrative monitoring return would fill the page)."""
    loaded(f"sqlite:///{tmp_path / 'e2e.db'}", budget_return("2012/13"), "budget-2012-13.xlsx")
    yield from start_app(tmp_path, SIGHTLINE_LOAD_SAMPLE="0")


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_an_uploaded_monitoring_return_fills_the_page_and_follows_the_month(page, council_app, tmp_path):
    visit(page, council_app, "monitoring")
    shows(page, "No monitoring return is loaded for Whole council, 2012/13.")
    assert page.get_by_role("link", name="Blank templates, with instructions, are on the Import returns page").count()

    returns = write_workbook(tmp_path / "monitoring-aug-2012.xlsx", monitoring_return())
    visit(page, council_app, "import_returns")
    page.locator("input[type=file]").set_input_files(str(returns))
    page.get_by_text("What will change").wait_for()
    page.get_by_role("button", name="Confirm and store").click()
    page.get_by_text("Stored: monitoring-aug-2012.xlsx").wait_for()

    visit(page, council_app, "monitoring")
    page.get_by_text("Revenue: forecast outturn as at Aug 2012").wait_for()
    headline = page.locator("[data-testid=stMetric]").all_inner_texts()
    assert any("since Jul 2012" in text and "+£220k" in text and "worse by £64k" in text for text in headline), headline
    assert any("● Red" in text for text in headline), headline
    assert not page.get_by_text("No monitoring return is loaded").count()
    shows(page, "Rounds re-routed from October to cut mileage")  # the exception's management action

    _choose(page, "Monitoring as at", "Jul 2012")
    page.get_by_text("Revenue: forecast outturn as at Jul 2012").wait_for()
    headline = page.locator("[data-testid=stMetric]").all_inner_texts()
    assert any("since Jun 2012" in text and "+£156k" in text and "worse by £86k" in text for text in headline), headline
    assert not page.locator("[data-testid=stException]").count()


def test_the_monitoring_page_fits_a_tablet_with_long_commentary(browser, tmp_path):  # type: ignore[no-untyped-def]
    """820 px wide, the narrowest screen measured: the exceptions' management action and commentary wrap, nothing is cut."""
    database = f"sqlite:///{tmp_path / 'e2e.db'}"
    loaded(database, budget_return("2012/13"), "budget-2012-13.xlsx")
    loaded(database, monitoring_return(), "monitoring-aug-2012.xlsx")
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        for app in start_app(tmp_path, SIGHTLINE_LOAD_SAMPLE="0"):
            visit(page, app, "monitoring")
            page.wait_for_selector('[data-testid="stTableStyledTable"]')
            settle(page)
            fits(page, "monitoring-own-council", "820x1180")
    finally:
        context.close()
