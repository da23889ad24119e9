"""The product as a person uses it, in Chromium: every page, an upload, the filters, a briefing, offline."""

from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import ARTIFACTS

PAGES = {
    "": ("Overview", ["£10.4m", "Cost of street cleansing per household", "● Red"]),
    "budget": ("Budget", ["Net budget per directorate", "£2,537k"]),
    "savings": ("Savings", ["£1,137k", "Every TOTAL row agrees with the rows it covers."]),
    "performance": ("Performance", ["Scorecard", "Average days to process new benefit claims"]),
    "service_plan": ("Service plan summary", ["Environmental & Operational Services Service Plan Summary 2012/13",
                                               "Implement the agreed work streams of the Kent Waste Strategy"]),
    "briefing": ("Briefing pack", ["Formats"]),
    "import_returns": ("Import returns", ["Nothing is stored until you confirm"]),
    "history": ("History", ["04-kpis-aug-2012.xlsx"]),
    "settings": ("Settings", ["Default tolerance"]),
}


def visit(page, app, path: str):  # type: ignore[no-untyped-def]
    page.goto(f"{app.url}/{path}")
    page.wait_for_selector("h1")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    if page.locator("[data-testid=stException]").count():  # a page that raised: say so now, not after a timeout
        pytest.fail(f"/{path} shows an error: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
    return page


def shows(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait for a figure to be on the page. Tables are drawn on a canvas, with their cells in an
    accessibility grid the browser keeps hidden, so presence (not visibility) is the test."""
    page.get_by_text(text, exact=False).first.wait_for(state="attached")


def on_screen(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("section.main, [data-testid=stMain]").first.inner_text()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_shows_the_sample_councils_figures(page, app, path):
    title, figures = PAGES[path]
    visit(page, app, path)
    page.wait_for_selector(f"h1:has-text('{title}')")
    for figure in figures:
        shows(page, figure)
    assert not page.locator("[data-testid=stException]").count()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}.png"), full_page=True)


def test_the_directorate_filter_changes_the_page(page, app):
    visit(page, app, "budget")
    page.get_by_text("By service").click()
    shows(page, "Parking & Amenity")
    page.get_by_role("combobox", name="Head of service / directorate").click()
    page.get_by_role("option", name="Finance & HR").click()
    page.get_by_text("Sevenoaks District Council · Finance & HR · 2012/13").wait_for()
    page.wait_for_load_state("networkidle")
    shows(page, "Housing Benefits")
    expect(page.get_by_text("Parking & Amenity")).to_have_count(0)  # waits for the table to follow the filter


def test_a_briefing_pdf_downloads_with_the_scope_line(page, app):
    visit(page, app, "briefing")
    page.get_by_role("combobox", name="Formats").click()
    page.get_by_role("option", name="PDF (A4, to print)").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Generate").click()
    button = page.get_by_role("button", name=re.compile(r"Download sightline-briefing-whole-council-2012-13\.pdf"))
    button.wait_for(timeout=120_000)
    with page.expect_download() as download:
        button.click()
    content = open(download.value.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "Sevenoaks District Council · Whole council · 2012/13" in text


def test_the_app_works_with_every_other_address_blocked(browser, app):
    """Offline: the browser may reach the app and nothing else; every page still works."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    allowed = urlparse(app.url).netloc
    elsewhere: list[str] = []

    def only_the_app(route):  # type: ignore[no-untyped-def]
        target = urlparse(route.request.url)
        if target.scheme in ("data", "blob") or target.netloc == allowed:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_app)
    page = context.new_page()
    page.set_default_timeout(60_000)
    for path, (title, figures) in PAGES.items():
        visit(page, app, path)
        page.wait_for_selector(f"h1:has-text('{title}')")
        shows(page, figures[0])
    context.close()
    assert elsewhere == [], f"the app tried to reach: {elsewhere}"


def _revised_returns(path) -> None:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    budget = workbook.active
    budget.title = "Budget"
    budget.append(["Council: Sevenoaks District Council"])
    budget.append(["Directorate", "Service", "2012/13"])
    budget.append(["Environmental & Operational Services", "Direct Services", "3,700"])
    kpis = workbook.create_sheet("KPIs")
    kpis.append(["Code", "Indicator", "Service", "Period", "Target", "Actual"])
    kpis.append(["HB01", "Average days to process new benefit claims", "Housing Benefits", "Sep 2012", "20", "19.5"])
    workbook.save(path)


def test_an_upload_through_the_file_chooser_shows_on_budget_and_performance(page, fresh_app, tmp_path):
    returns = tmp_path / "september.xlsx"
    _revised_returns(returns)
    visit(page, fresh_app, "import_returns")
    page.locator("input[type=file]").set_input_files(str(returns))
    page.get_by_text("What will change").wait_for()
    shows(page, "£3,662,000")  # the old value beside the new
    page.get_by_role("button", name="Confirm and store").click()
    page.get_by_text("Stored: september.xlsx").wait_for()
    visit(page, fresh_app, "budget")
    page.get_by_text("By service").click()
    shows(page, "£3,700k")
    visit(page, fresh_app, "performance")
    picker = page.get_by_role("combobox", name="Indicator")
    picker.click()
    picker.fill("new benefit claims")  # the list is long: type to narrow it
    page.get_by_role("option", name="Housing Benefits: Average days to process new benefit claims").click()
    # polarity as the earlier returns said, and their unit
    shows(page, "19.5 days against a target of 20 days or fewer (lower is better): target met; Green")
    shows(page, "Sep 2012")


def test_a_service_named_like_a_script_is_shown_as_text_and_never_runs(page, fresh_app, tmp_path):
    """Upload services named <script>alert(1)</script> and =HYPERLINK(...); no page may run them."""
    from tests.hostile_workbooks import SCRIPT, hostile_names_return

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    returns = tmp_path / "hostile.xlsx"
    returns.write_bytes(hostile_names_return())
    visit(page, fresh_app, "import_returns")
    page.locator("input[type=file]").set_input_files(str(returns))
    page.get_by_text("What will change").wait_for()
    page.get_by_role("button", name="Confirm and store").click()
    page.get_by_text("Stored: hostile.xlsx").wait_for()
    for path in PAGES:
        visit(page, fresh_app, path)
        page.wait_for_timeout(300)
    visit(page, fresh_app, "budget")
    page.get_by_text("By service").click()
    shows(page, SCRIPT)  # the name is on the page, as text
    assert page.evaluate("document.querySelectorAll('script').length") == page.evaluate(
        "[...document.querySelectorAll('script')].filter(s => !s.textContent.includes('alert(1)')).length")
    assert dialogs == [], f"a script ran: {dialogs}"


@pytest.fixture
def signed_app(tmp_path):  # type: ignore[no-untyped-def]
    """The app with SIGHTLINE_SIGN_IN=on, a viewer and a finance officer."""
    from data_layer import accounts
    from data_layer.db import session_scope
    from tests.e2e.conftest import start_app

    with session_scope(f"sqlite:///{tmp_path / 'e2e.db'}", writing=True) as session:
        accounts.add_account(session, "vic", "viewer", "correct horse battery")
        accounts.add_account(session, "fiona", "finance", "correct horse battery")
    yield from start_app(tmp_path, SIGHTLINE_SIGN_IN="on")


def sign_in_as(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("h1:has-text('Sign in to Sightline')")
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()


def test_a_viewer_asking_for_the_import_page_by_address_never_gets_it(page, signed_app):
    page.goto(f"{signed_app.url}/import_returns")  # a bookmark, on a fresh server, signed out
    sign_in_as(page, "vic")
    page.wait_for_selector("h1:has-text('Overview')")
    nav = page.locator("[data-testid=stSidebarNav]").inner_text()
    assert "Budget" in nav and "Import returns" not in nav and "History" not in nav and "Settings" not in nav
    # The address typed again within the session: the app's own router gets it, without a reload.
    page.evaluate("history.pushState({}, '', '/import_returns'); dispatchEvent(new PopStateEvent('popstate'))")
    page.wait_for_timeout(2000)
    page.wait_for_selector("h1")
    assert not page.get_by_text("Nothing is stored until you confirm").count()
    assert not page.locator("input[type=file]").count()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viewer-asks-for-import.png"), full_page=True)


def test_finance_signs_in_and_imports(page, signed_app):
    page.goto(signed_app.url)
    page.wait_for_selector("h1:has-text('Sign in to Sightline')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sign-in.png"))
    sign_in_as(page, "fiona")
    page.wait_for_selector("h1:has-text('Overview')")
    page.get_by_role("link", name="Import returns").click()
    page.get_by_text("Nothing is stored until you confirm").wait_for()
    assert "Signed in as fiona (finance)" in page.locator("[data-testid=stSidebar]").inner_text()
    # The same in-session address change the viewer test makes does reach a page the role may open.
    page.evaluate("history.pushState({}, '', '/history'); dispatchEvent(new PopStateEvent('popstate'))")
    page.wait_for_selector("h1:has-text('History')")
