"""Words and tables as councillors read them: pure formatting, no Streamlit, no database."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from data_layer.banding import AMBER, BAND_COLOURS, FROM_NAME, GREEN, INFORMATION, NO_DATA_BAND, RED, band_label, band_of_label
from data_layer.metrics import PROFILED_TARGET, SAME_PERIOD_LAST_YEAR, coverage_words
from data_layer.money_style import short_money
from data_layer.values import format_pounds

if TYPE_CHECKING:
    from data_layer.views import View

DIRECTION_ARROWS = {"improving": "↑ improving", "worsening": "↓ worsening", "no change": "→ no change"}


def money(amount: Decimal | None) -> str:
    """£3,662,000 (exact, for sentences comparing two figures); '–' when there is no figure."""
    return "–" if amount is None else format_pounds(amount)


def short(amount: Decimal | None) -> str:
    """£10.4m, £298k: the one way money is written for reading (money_style.short_money)."""
    return short_money(amount)


def exactly(amount: Decimal | None, words: object = None) -> str | None:
    """A headline figure's help text: the exact amount, and what the change means when given."""
    if amount is None:
        return None
    return f"Exactly {format_pounds(amount)}" + (f"; {words}." if isinstance(words, str) and words else ".")


SAMPLE_LOADED_BY = "sample data"  # who data_layer.sample records as loading the sample council's returns
SAMPLE_NOTE = "Sample council: budgets, savings and housing actions as Sevenoaks printed them; other figures and statuses illustrative."


def _imports(loads: pd.DataFrame) -> pd.DataFrame:
    return loads[loads["kind"] == "import"] if not loads.empty and "kind" in loads else loads


def freshness_line(loads: pd.DataFrame) -> str:
    """How fresh the figures are, in one short line: 'latest load 02 Dec 2026 16:50 · 4 returns' (the returns themselves
    are in sources_table, behind an expander, so the line does not grow with every load)."""
    imports = _imports(loads)
    if imports.empty:
        return "No returns loaded yet."
    latest = max(pd.Timestamp(when) for when in imports["loaded_at"])
    return f"latest load {latest:%d %b %Y %H:%M} · {plural(len(imports), 'return')}"


def sources_table(loads: pd.DataFrame) -> pd.DataFrame:
    """The returns the figures come from, newest first: file, when loaded, by whom."""
    imports = _imports(loads)
    if imports.empty:
        return pd.DataFrame(columns=["Return", "Loaded", "By"])
    return pd.DataFrame({"Return": imports["file_name"], "Loaded": [f"{pd.Timestamp(w):%d %b %Y %H:%M}" for w in imports["loaded_at"]],
                         "By": imports["loaded_by"] if "loaded_by" in imports else ""}).reset_index(drop=True)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_text(text: object) -> str:
    """Text shown through Markdown exactly as written: a file or person named '*draft*' or '[x](y)' stays as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def is_sample(loads: pd.DataFrame) -> bool:
    """Whether the figures shown include the sample council's returns (whose indicator values are illustrative)."""
    imports = _imports(loads)
    return not imports.empty and "loaded_by" in imports and bool((imports["loaded_by"] == SAMPLE_LOADED_BY).any())


def headline_change(figures: dict[str, object]) -> str | None:
    """The net budget's change for the headline: '-£791k (-7.1%) on last year'; into a partial year, the like-for-like
    change on the services in both years; None when there is none."""
    if figures["change"] is None:
        return None
    change = f"{short_money(figures['change'])} ({figures['change_pct']}%)"
    return f"{change} like for like on last year" if figures.get("partial") else f"{change} on last year"


def kpi_elsewhere_words(view: View) -> str | None:
    """'There are no performance figures for 2013/14 yet: 45 indicators are loaded for 2012/13 (latest Aug 2012).', or
    None when no year has any for this scope (then, and only then, nothing is loaded)."""
    if not view.kpi_elsewhere:
        return None
    found = [f"{plural(count, 'indicator')} {'is' if count == 1 else 'are'} loaded for {year} (latest {latest})"
             for year, (count, latest) in view.kpi_elsewhere.items()]
    scope = "" if view.filters.scope == "Whole council" else f" ({view.filters.scope})"
    return f"There are no performance figures for {view.year or 'this year'}{scope} yet: {'; '.join(found)}."


def partial_year_words(view: View) -> str:
    """What a partial year's budget covers and how its figures are compared, for a page's warning."""
    assert view.coverage is not None
    return (f"The {view.year} budget is partial: it covers {coverage_words(view.coverage)}. Totals add up the services loaded, and "
            f"changes on {view.coverage['compared_with']} compare like with like (the services budgeted in both years). "
            "Load the rest of the year's budget for the whole picture.")


def exceptions_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every Red, then every Amber indicator, then every one that was Red or Amber and now has no data (an indicator
    that stops reporting must not drop out of the exceptions), with its reason, direction of travel and commentary."""
    columns = ["Band", "Service", "Indicator", "Period", "Reason", "Direction of travel", "Commentary"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    bands = latest["band"].astype(object)
    prior = latest["prior_band"].astype(object) if "prior_band" in latest else pd.Series(None, index=latest.index, dtype=object)
    lapsed = (bands == NO_DATA_BAND) & prior.isin([RED, AMBER])
    off_track = latest[bands.isin([RED, AMBER]) | lapsed].copy()
    off_track["_order"] = [{RED: 0, AMBER: 1}.get(band, 2 + (was == AMBER)) for band, was in
                           zip(off_track["band"].astype(object), prior[off_track.index], strict=True)]
    off_track = off_track.sort_values(["_order", "directorate", "service", "indicator"])
    return pd.DataFrame({
        "Band": [band_label(band) if band != NO_DATA_BAND else f"{band_label(band)} (was {band_label(was)})"
                 for band, was in zip(off_track["band"].astype(object), prior[off_track.index], strict=True)],
        "Service": off_track["service"],
        "Indicator": off_track["indicator"],
        "Period": off_track["period"],
        "Reason": [_lapsed_reason(row) if row.band == NO_DATA_BAND else row.reason for row in off_track.itertuples()],
        "Direction of travel": [direction_label(row.direction, getattr(row, "direction_basis", None), getattr(row, "profile", None))
                                for row in off_track.itertuples()],
        "Commentary": off_track["commentary"].map(lambda c: c if isinstance(c, str) else ""),
    }, columns=columns).reset_index(drop=True)


def _lapsed_reason(row: object) -> str:
    """'no actual recorded (See note); it was Red in Jul 2012 (3.06 against 3.4+)'."""
    was = f"{row.prior_band} in {row.prior_period}"
    actual = getattr(row, "prior_actual", None)
    return f"{row.reason}; it was {was}" + (f" (actual {actual})" if isinstance(actual, str) and actual else "")


def no_data_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every indicator with no data, and why (a placeholder written instead of a figure, no actual, a target that cannot be
    measured), with the band it had the period before."""
    columns = ["Service", "Indicator", "Period", "Why there is no band", "Before"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    rows = latest[latest["band"].astype(object) == NO_DATA_BAND].sort_values(["service", "indicator"])
    prior = rows["prior_band"].astype(object) if "prior_band" in rows else pd.Series(None, index=rows.index, dtype=object)
    periods = rows["prior_period"] if "prior_period" in rows else pd.Series(None, index=rows.index, dtype=object)
    return pd.DataFrame({
        "Service": rows["service"], "Indicator": rows["indicator"], "Period": rows["period"], "Why there is no band": rows["reason"],
        "Before": [f"{band_label(was)} in {when}" if isinstance(was, str) else "" for was, when in zip(prior, periods, strict=True)],
    }, columns=columns).reset_index(drop=True)


# ---------------------------------------------------------------------------------- tables
#
# Each table is built once with exact money (Decimal pounds, in columns named "... (£)"), which
# is what the downloads carry; for_display writes those columns the one way ("£3,662k", "£10.4m") for the screen.

MONEY_SUFFIX = " (£)"
EXACT_SUFFIX = " (£ exact)"  # money shown to the pound: where two figures are compared, a short form could make them look equal


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 warning', '3 warnings', '1 new value'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """Money columns written the one way (money_style.short_money: £950, £1,083k, £10.4m), renamed without the (£);
    everything else as it is."""
    shown = table.copy()
    renames = {}
    for column in table.columns:
        if str(column).endswith(MONEY_SUFFIX):
            shown[column] = table[column].map(short_money)
            renames[column] = str(column)[: -len(MONEY_SUFFIX)]
        elif str(column).endswith(EXACT_SUFFIX):
            shown[column] = table[column].map(lambda v: money(v) if isinstance(v, Decimal) else "–")
            renames[column] = str(column)[: -len(EXACT_SUFFIX)]
    return shown.rename(columns=renames)


SHARED_COLUMNS = ("Period", "Return")  # when every row has the same one, it is said above the table instead of in each row


def screen_columns(table: pd.DataFrame, on_screen: list[str] | None = None, *,
                   period_said: bool = False) -> tuple[pd.DataFrame, str | None]:
    """The columns shown on screen and a note on the rest: `on_screen` (all when None), less a Period every row
    shares. The note says what the rows share (unless the heading above already says the period: `period_said`) and
    which columns are in the download only."""
    keep = [c for c in (on_screen or list(table.columns)) if c in table.columns]
    notes = []
    for column in SHARED_COLUMNS:
        if column in keep and len(table) > 1 and table[column].nunique(dropna=False) == 1:
            keep.remove(column)
            if not (period_said and column == "Period"):
                notes.append(f"{column}: {table[column].iloc[0]} for every row.")
    left_out = [str(c) for c in table.columns if c not in keep and c not in SHARED_COLUMNS]
    if left_out:
        names = [c.removesuffix(MONEY_SUFFIX).removesuffix(EXACT_SUFFIX) for c in left_out]
        notes.append(f"{' and '.join([', '.join(names[:-1]), names[-1]] if len(names) > 1 else names)} "
                     f"{'is' if len(names) == 1 else 'are'} in the download.")
    return table[keep], " ".join(notes) or None


ONE_LINE_UP_TO = 18  # characters: a column whose longest entry is this short ('● Red', '02 Dec 2026 18:06') stays on one line


def column_styles(table: pd.DataFrame) -> list[dict[str, str]]:
    """Column widths by content, for pandas' Styler.set_table_styles: short columns (bands, money, periods, counts)
    on one line, money right-aligned, sentences left to wrap and take the room that is left."""
    styles = []
    for index, column in enumerate(table.columns):
        money = str(column).endswith((MONEY_SUFFIX, EXACT_SUFFIX))
        longest = max((len(str(v)) for v in table[column]), default=0)
        if money or pd.api.types.is_numeric_dtype(table[column]) or longest <= ONE_LINE_UP_TO:
            for cell in (f"td.col{index}", f"td.col{index} *"):  # the cell and the Markdown inside it (Streamlit wraps that)
                styles.append({"selector": cell, "props": "white-space: nowrap;" + (" text-align: right !important;" if money else "")})
            if money:
                styles.append({"selector": f"th.col_heading.col{index}", "props": "text-align: right !important;"})
        else:
            styles.append({"selector": f"td.col{index}", "props": "min-width: 6em;"})
    return styles


def savings_tables(savings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The savings plan per head of service, as the paper prints it (one table each, with its TOTAL)."""
    return {directorate: savings_table(rows, ["service"]) for directorate, rows in savings.groupby("directorate", sort=True)}


def indicator_choices(latest: pd.DataFrame) -> dict[str, int]:
    """'Service: Indicator' labels for a picker, mapped to indicator ids: the exceptions first in the order the exceptions
    table gives them (Red, then Amber, then lapsed; within each, the worsening first), then the rest by service and
    indicator; so the first, the picker's default, is the worst exception."""
    order = {RED: 0, AMBER: 1, NO_DATA_BAND: 2, GREEN: 3, INFORMATION: 4}
    worsening = latest["direction"].astype(object).eq("worsening") if "direction" in latest else False
    ordered = latest.assign(_order=latest["band"].astype(object).map(order).fillna(5), _worse=~worsening) \
        .sort_values(["_order", "_worse", "service", "indicator"])
    return {f"{service}: {name}": identifier for service, name, identifier in
            zip(ordered["service"], ordered["indicator"], ordered["indicator_id"], strict=True)}


def band_cell_colours(table: pd.DataFrame) -> pd.DataFrame:
    """CSS for each cell: band columns ('● Red', '▲ Amber', ...) get their band's colour as a light
    background with a coloured left edge, so the word, the shape and the colour all say it."""
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in table.columns:
        if column in ("Band", "Overall"):
            bands = table[column].map(band_of_label)
            for band, colour in BAND_COLOURS.items():
                styles.loc[bands == band, column] = f"background-color: {colour}33; border-left: 4px solid {colour}"
    return styles


def long_text_columns(table: pd.DataFrame, longer_than: int = 45) -> list[str]:
    """Columns holding sentences (reasons, commentary), to be shown wide."""
    return [column for column in table.columns
            if max((len(v) for v in table[column] if isinstance(v, str)), default=0) > longer_than]


def _percent(value: object) -> str:
    return "" if value is None or (not isinstance(value, Decimal) and pd.isna(value)) else f"{value}%"


def budget_table(trends: pd.DataFrame, by: list[str], year: str | None) -> pd.DataFrame:
    """Net budget per year (one column per year) and the change in `year`, in words."""
    if trends.empty or year is None:
        return pd.DataFrame(columns=[*[b.title() for b in by], "Change on last year (£)", "Change %", "What the change means"])
    present = trends[trends["net_budget"].notna()]
    wide = present.pivot_table(index=by, columns="year", values="net_budget", aggfunc="first", observed=True)
    years = sorted(wide.columns, key=lambda label: label.split("-")[0])
    wide = wide[years].reset_index()
    wide.columns = [*[b.title() for b in by], *[f"{y}{MONEY_SUFFIX}" for y in years]]
    this_year = trends[trends["year"] == year]
    found = list(this_year[by].itertuples(index=False, name=None))  # plain dictionaries: 14,000 services at national scale
    change = dict(zip(found, this_year["change"], strict=True))
    change_pct = dict(zip(found, this_year["change_pct"], strict=True))
    wording = dict(zip(found, this_year["wording"], strict=True))
    keys = list(wide[[b.title() for b in by]].itertuples(index=False, name=None))
    wide[f"Change on last year{MONEY_SUFFIX}"] = [change.get(k) for k in keys]
    wide["Change %"] = [_percent(change_pct.get(k)) for k in keys]
    wide["What the change means"] = [wording.get(k, "") or "" for k in keys]
    return wide


def savings_table(savings: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Savings per service (rows) and period (columns), as the paper lays it out, with a total row."""
    if savings.empty:
        return pd.DataFrame(columns=[b.title() for b in by])
    periods = list(dict.fromkeys(savings.sort_values("period_end")["period"]))
    wide = savings.pivot_table(index=by, columns="period", values="amount", aggfunc=lambda a: sum(a, Decimal(0)), observed=True)
    wide = wide.reindex(columns=periods).reset_index()
    wide.columns = [*[b.title() for b in by], *[f"{p}{MONEY_SUFFIX}" for p in periods]]
    total = {column: sum((v for v in wide[column] if isinstance(v, Decimal)), Decimal(0)) for column in wide.columns[len(by):]}
    label = {b.title(): "" for b in by}
    label[by[-1].title()] = "TOTAL"
    wide = pd.concat([wide, pd.DataFrame([{**label, **total}])], ignore_index=True)
    wide[f"Total over the plan{MONEY_SUFFIX}"] = [sum((v for v in row if isinstance(v, Decimal)), Decimal(0))
                                                  for row in wide[wide.columns[len(by):]].itertuples(index=False)]
    return wide


def printed_totals_of(reconciled: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """The reconciled printed totals of one kind of sheet ('Budget' or 'Savings')."""
    return reconciled[reconciled["sheet"] == sheet] if not reconciled.empty else reconciled


def totals_check_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Each printed TOTAL against the rows of its own sheet that it covers, as stored now: those that disagree first."""
    reconciled = reconciled.sort_values("matches", key=lambda ok: ok.astype(bool), kind="stable")
    return pd.DataFrame({
        "Return": reconciled["file_name"], "Cell": reconciled["cell"], "Row": reconciled["label"], "Period": reconciled["period"],
        f"Printed{EXACT_SUFFIX}": reconciled["printed"], f"Rows add up to{EXACT_SUFFIX}": reconciled["rows"],
        "Agrees": reconciled["matches"].map(lambda ok: "✓ yes" if ok else "✗ no"),
    }).reset_index(drop=True)


def status_table(by_status: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Directorate": by_status["directorate"], "Period": by_status["period"],
                         "Delivery status": by_status["status"], f"Savings{MONEY_SUFFIX}": by_status["amount"]})


def by_severity(cards: pd.DataFrame, by: str = "service") -> pd.DataFrame:
    """Scorecard rows with indicators, the worst first: most Red, then most Amber, then most with no data."""
    counted = cards[cards[["green", "amber", "red", "no_data"]].sum(axis=1) > 0] if not cards.empty else cards
    return counted.sort_values(["red", "amber", "no_data", by], ascending=[False, False, False, True], kind="stable")


def without_indicators(cards: pd.DataFrame, by: str = "service") -> list[str]:
    """The services (or directorates) in scope with no indicator this period, in name order."""
    if cards.empty:
        return []
    return sorted(cards.loc[cards[["green", "amber", "red", "no_data"]].sum(axis=1) == 0, by].astype(str))


def scorecard_table(cards: pd.DataFrame, by: str = "service") -> pd.DataFrame:
    """The paper's Part 3b: Green, Amber, Red (and No data) counts and the overall band, the worst first; services with
    no indicators are left out (without_indicators names them)."""
    cards = by_severity(cards, by)
    keys = {"Directorate": cards["directorate"]} if by == "service" and cards["directorate"].nunique() > 1 else {}
    return pd.DataFrame({
        **keys,
        by.title(): cards[by],
        "✓ Green": cards["green"], "▲ Amber": cards["amber"], "● Red": cards["red"], "○ No data": cards["no_data"],
        "Overall": cards["overall"].map(band_label),
        "Improved": cards["improved"], "Worsened": cards["worsened"],
    }).reset_index(drop=True)


def indicator_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every indicator in scope, exceptions first: band (word and shape; an officer's override says so, with the computed
    band beside it), reason (the override's reason included), direction, commentary. Nine columns, so it reads whole at
    820 px wide."""
    columns = ["Band", "Service", "Indicator", "Period", "Actual", "Target", "Reason", "Direction of travel", "Commentary"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    order = {RED: 0, AMBER: 1, GREEN: 2, NO_DATA_BAND: 3, INFORMATION: 4}
    frame = latest.assign(_order=latest["band"].astype(object).map(order)).sort_values(["_order", "service", "indicator"])
    return pd.DataFrame({
        "Band": [f"{band_label(band)} (officer override; computed {band_label(computed)})" if overridden else band_label(band)
                 for band, computed, overridden in zip(frame["band"], frame["computed_band"], frame["overridden"], strict=True)],
        "Service": frame["service"],
        "Indicator": [f"{code} {name}" if isinstance(code, str) and code else name for code, name in zip(frame["code"], frame["indicator"], strict=True)],
        "Period": frame["period"],
        "Actual": frame["actual_text"],
        "Target": frame["target_text"],
        "Reason": frame["reason"],
        "Direction of travel": _directions(frame),
        "Commentary": frame["commentary"].map(_text),
    }, columns=columns).reset_index(drop=True)


INDICATOR_SCREEN = ["Band", "Service", "Indicator", "Period", "Reason", "Direction of travel", "Commentary"]  # Actual and
# Target are in each reason ("£25.40 against a target of less than £22"), and in the download


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    frame = history.sort_values("period_end", ascending=False)
    return pd.DataFrame({"Period": frame["period"], "Actual": frame["actual_text"], "Target": frame["target_text"],
                         "Band": frame["band"].map(band_label), "Direction of travel": _directions(frame),
                         "Commentary": frame["commentary"].map(_text)}).reset_index(drop=True)


def direction_label(direction: object, basis: object = None, profile: object = None) -> str:
    """'↑ improving', '↓ worsening on the same period last year' (a cumulative figure), '– none (cumulative: behind
    profile, no same period last year)', '– none'."""
    if isinstance(direction, str) and direction in DIRECTION_ARROWS:
        shown = DIRECTION_ARROWS[direction]
        return f"{shown} on the same period last year" if basis == SAME_PERIOD_LAST_YEAR else shown
    if basis == PROFILED_TARGET:
        return f"– none (cumulative: {profile}, no same period last year)" if isinstance(profile, str) else \
            "– none (cumulative, no same period last year)"
    return "– none"


def _directions(frame: pd.DataFrame) -> list[str]:
    basis = frame["direction_basis"] if "direction_basis" in frame else pd.Series(None, index=frame.index, dtype=object)
    profile = frame["profile"] if "profile" in frame else pd.Series(None, index=frame.index, dtype=object)
    return [direction_label(d, b, p) for d, b, p in zip(frame["direction"], basis, profile, strict=True)]


def assumed_polarity_count(latest: pd.DataFrame) -> int:
    """How many indicators shown are judged by a polarity assumed from their name."""
    return int((latest["polarity_source"] == FROM_NAME).sum()) if "polarity_source" in latest else 0


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# ------------------------------------------------------------------------------- downloads

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Text that a spreadsheet would run as a formula ('=HYPERLINK(...)', '+1', '@SUM') is
    prefixed with an apostrophe, so it opens as text. Numbers are left as numbers."""
    safe = table.copy()
    for column in safe.columns:
        safe[column] = safe[column].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v)
    safe.columns = ["'" + c if isinstance(c, str) and c.startswith(_FORMULA_STARTS) else c for c in safe.columns]
    return safe


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so Excel reads £ correctly); money exact, in pounds."""
    return neutralise_formulas(table).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(table: pd.DataFrame, sheet: str = "Sightline") -> bytes:
    """The table as an .xlsx workbook; money as numbers in pounds with a £ format."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = re.sub(r"[\[\]:*?/\\]", "-", sheet)[:31] or "Sightline"  # characters Excel forbids in sheet names
    safe = table
    worksheet.append([_text_cell(worksheet, str(c)) for c in safe.columns])
    for row in safe.itertuples(index=False):
        worksheet.append([None if (not isinstance(v, (str, Decimal)) and pd.isna(v)) else _text_cell(worksheet, v) for v in row])
    for index, column in enumerate(safe.columns, start=1):
        if str(column).endswith((MONEY_SUFFIX, EXACT_SUFFIX)):
            for cell in worksheet.iter_cols(min_col=index, max_col=index, min_row=2):
                for item in cell:
                    item.number_format = '"£"#,##0.00;-"£"#,##0.00'
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(worksheet, value: object) -> object:  # type: ignore[no-untyped-def]
    """Text in a downloaded workbook stays text, exactly as written, even '=HYPERLINK(...)'.

    openpyxl would store text starting with = as a formula; a string cell with Excel's quote
    prefix shows the text and stays text if someone edits it. No apostrophe is added.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    from openpyxl.cell.cell import Cell

    cell = Cell(worksheet, value=None)
    cell._value, cell.data_type = value, "s"
    cell.quotePrefix = True
    return cell


def plan_directorates(view: View) -> list[str]:
    """Heads of service for the service plan summary, those with figures first."""
    everyone = sorted(view.services["directorate"].unique())
    with_figures = set(view.budget_by_service["directorate"]) | set(view.objectives["directorate"])
    return [d for d in everyone if d in with_figures] + [d for d in everyone if d not in with_figures]


def service_plan(view: View) -> dict[str, object]:
    """A head of service's page of the paper: objectives, staff, budget, savings, performance, risks."""
    services = list(view.services["service"])
    objectives = view.objectives
    if view.year is not None and not objectives.empty:
        objectives = objectives[objectives["year"] == view.year]
    ordered = objectives.assign(_order=objectives["service"].map({s: i for i, s in enumerate(services)})).sort_values("_order", kind="stable")
    committees = view.committees
    reviewed = {service: "; ".join(f"{c}{f' ({s})' if isinstance(s, str) and s else ''}" for c, s in zip(group["committee"], group["scope"], strict=True))
                for service, group in committees.groupby("service")} if not committees.empty else {}
    staff = view.staff
    risks = view.risks
    if view.year is not None and not risks.empty:
        risks = risks[risks["year"] == view.year]
    by_service: dict[str, list[str]] = {}
    for service, objective in zip(ordered["service"], ordered["objective"], strict=True):
        by_service.setdefault(service, []).append(objective)
    return {
        # (service, its objectives, the committees reviewing it), in the order of the services
        "objectives": [(service, texts, reviewed.get(service, "")) for service, texts in by_service.items()],
        "staff": pd.DataFrame({"Service": staff["service"], "Year": staff["year"], "FTE": staff["fte"]}),
        "budget": budget_table(view.budget_by_service, ["service"], view.year),
        "savings": savings_table(view.savings, ["service"]),
        "performance": scorecard_table(view.scorecard),
        "risks": risks.assign(heading=risks["heading"].map(_text)),
    }
