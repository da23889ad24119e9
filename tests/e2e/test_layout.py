"""Nothing a councillor reads is cut off or needs sideways scrolling, at the screens councils read on.

Measured in Chromium on the sample council: at 1366x768 (the common council laptop), 1280x720 and 820x1180 (a tablet
upright), on Overview, Budget, Performance, Savings, Monitoring, Risks & actions, Service plan, History and Import (with a return in its
preview), no table, and nothing on the page, is wider than the room it has (scrollWidth against clientWidth of the page,
of each table's frame, and of every cell), and no headline figure, label or button is cut. A screenshot of each page at each
size lands in test-artifacts/e2e/layout/ (the README's are made by docs/take_screenshots.py).
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_browser import visit

SIZES = [(1366, 768), (1280, 720), (820, 1180)]
PAGES = {"overview": "", "budget": "budget", "performance": "performance", "savings": "savings", "monitoring": "monitoring",
         "risks": "risks", "service-plan": "service_plan", "history": "history"}

# Every place the page is wider than its room: the page itself, each table's frame (and the frames around it), each
# cell (text clipped inside it), each headline figure, each scrolling grid. Empty when everything fits.
OVERFLOWS = """() => {
  const problems = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const room = main.getBoundingClientRect().right;
  const wider = (element) => element.scrollWidth > element.clientWidth + 1;
  const words = (element) => (element.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  for (const page of [document.documentElement, main, document.querySelector('[data-testid="stMainBlockContainer"]')]) {
    if (page && wider(page)) problems.push(`the page scrolls sideways (${page.scrollWidth} px in ${page.clientWidth})`);
  }
  for (const table of document.querySelectorAll('[data-testid="stTableStyledTable"]')) {
    const first = words(table.querySelector('th') || table);
    for (let frame = table.parentElement; frame && frame !== main; frame = frame.parentElement) {
      if (wider(frame) && getComputedStyle(frame).overflowX !== 'visible') {
        problems.push(`the table starting "${first}" needs sideways scrolling (${frame.scrollWidth} px in ${frame.clientWidth})`);
        break;
      }
    }
    if (table.getBoundingClientRect().right > room + 1) problems.push(`the table starting "${first}" runs off the page`);
    for (const cell of table.querySelectorAll('td, th')) {
      if (wider(cell) || cell.scrollHeight > cell.clientHeight + 1) problems.push(`a cell is cut: "${words(cell)}"`);
    }
  }
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')) {
    if (wider(grid)) problems.push(`a scrolling grid needs sideways scrolling (${grid.scrollWidth} px in ${grid.clientWidth})`);
  }
  for (const figure of document.querySelectorAll('[data-testid="stMetricValue"]')) {
    for (const part of [figure, ...figure.querySelectorAll('*')]) {
      if (wider(part)) { problems.push(`a headline figure is cut: "${words(figure)}"`); break; }
    }
    if (figure.getBoundingClientRect().right > room + 1) problems.push(`a headline figure runs off the page: "${words(figure)}"`);
  }
  // A headline's label, figure and change each stay inside the headline's own box (not over the next one, not cut).
  for (const metric of document.querySelectorAll('[data-testid="stMetric"]')) {
    const box = metric.getBoundingClientRect();
    for (const part of metric.querySelectorAll('p, div')) {
      const range = document.createRange();
      range.selectNodeContents(part);
      if (words(part) && range.getBoundingClientRect().right > box.right + 1) {
        problems.push(`a headline's text runs past its box: "${words(part)}"`);
        break;
      }
    }
  }
  // Anything else cut with an ellipsis: a button's label, a chosen option, a heading.
  for (const element of main.querySelectorAll('*')) {
    if (element.closest('[data-testid="stTableStyledTable"], [data-testid="stDataFrame"], .js-plotly-plot')) continue;
    if (getComputedStyle(element).textOverflow === 'ellipsis' && wider(element) && words(element)) {
      problems.push(`text is cut short: "${words(element)}"`);
    }
  }
  return problems;
}"""


@pytest.fixture
def sized(browser, request):  # type: ignore[no-untyped-def]
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, f"{width}x{height}"
    context.close()


def settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # charts and tables finish laying out


def fits(page, name: str, size: str) -> None:  # type: ignore[no-untyped-def]
    (ARTIFACTS / "layout").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "layout" / f"{name}-{size}.png"))
    problems = page.evaluate(OVERFLOWS)
    assert not problems, f"{name} at {size}: " + "; ".join(dict.fromkeys(problems))


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_is_cut_off_or_scrolls_sideways(sized, app, name):
    page, size = sized
    visit(page, app, PAGES[name])
    page.wait_for_selector('[data-testid="stTableStyledTable"]')  # a page with no table to measure fails here
    settle(page)
    fits(page, name, size)


def _return_with_warnings(path) -> None:  # type: ignore[no-untyped-def]
    """A budget return as councils write them: a revised figure, a long service name, and a printed total that does not
    add up (a long warning with money in it), so the preview's warning and replacement tables have text to wrap."""
    workbook = Workbook()
    budget = workbook.active
    budget.title = "Budget"
    budget.append(["Revenue budget 2012/13 (£000)"])
    budget.append(["Directorate", "Service", "2012/13"])
    budget.append(["Environmental & Operational Services", "Direct Services", "3,700"])
    budget.append(["Environmental & Operational Services", "Parking & Amenity", "-1,745"])
    budget.append(["Environmental & Operational Services", "Environmental Health, Licensing and Pest Control (joint service)", "612"])
    budget.append(["", "Total", "2,600"])
    workbook.save(path)


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_import_preview_fits(sized, app, tmp_path):
    page, size = sized
    returns = tmp_path / "revised-budget.xlsx"
    _return_with_warnings(returns)
    visit(page, app, "import_returns")
    page.locator("input[type=file]").set_input_files(str(returns))
    page.get_by_text("What will change").wait_for()
    settle(page)
    assert page.get_by_text("add up to").count(), "the preview should warn that the printed total does not add up"
    fits(page, "import", size)


@pytest.mark.parametrize("sized", [(1280, 720)], indirect=True, ids=["1280x720"])
def test_the_first_exception_is_above_the_fold_on_a_small_laptop(sized, app):
    page, _ = sized
    visit(page, app, "")
    settle(page)
    first = page.locator('[data-testid="stTableStyledTable"] tbody tr').first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720, f"the first exception row starts at {box} on a 720 px screen"
    assert "Red" in first.inner_text()
