"""The Risks & actions page as a councillor uses it, in Chromium, on the sample council: the register's headline and
heat map (every cell its count and band in words and shapes), and the map redrawn for the target ratings."""

from __future__ import annotations

from tests.e2e.test_browser import shows, visit

# Each line of the chart's words: a cell's '2 risks' and 'High ▲' are two lines (tspans) of one text.
CELL_WORDS = """() => Array.from(document.querySelectorAll('.js-plotly-plot text')).flatMap((text) => {
  const lines = text.querySelectorAll('tspan.line');
  return (lines.length ? Array.from(lines) : [text]).map((line) => line.textContent.trim());
}).filter((words) => words)"""


def _heat_map_words(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(500)  # plotly finishes drawing the cells' words
    return page.evaluate(CELL_WORDS)


def test_the_page_shows_the_register_and_a_heat_map_in_words(page, app):
    visit(page, app, "risks")
    page.wait_for_selector("h1:has-text('Risks & actions')")
    page.get_by_text("Questions members may ask").wait_for()
    for label in ("▲ High", "Actions overdue"):  # each headline as it settles (the page draws them one by one)
        figure = page.locator("[data-testid=stMetric]").filter(has_text=label)
        figure.wait_for()
        assert figure.locator("[data-testid=stMetricValue]").inner_text() == "3", figure.inner_text()
    shows(page, "High risk, rating unchanged for two registers")
    words = _heat_map_words(page)
    assert "Current ratings, Risk register as at Aug 2012 (the one before: May 2012)" in words, words
    assert {"High ▲", "Medium ◆", "Low ○"} <= set(words), words  # every cell its band's word and shape
    assert "2 risks" in words and "1 risk" in words, words  # SR1 and SR3 at 4 x 4; SR7 at 5 x 4
    assert "Very likely" in words and "Major" in words, words  # the scale's words on the axes
    shows(page, "SR9 has no current rating")


def test_switching_to_target_redraws_the_heat_map(page, app):
    visit(page, app, "risks")
    before = _heat_map_words(page)
    page.locator("[data-testid=stRadio]").get_by_text("Target", exact=True).click()
    page.get_by_text("SR9 has no target rating", exact=False).first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    after = _heat_map_words(page)
    assert after != before
    assert any(words.startswith("Target ratings") for words in after), after
    assert not page.locator("[data-testid=stException]").count()
