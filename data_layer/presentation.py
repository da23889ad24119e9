"""Words and tables as councillors read them: pure formatting, no Streamlit, no database."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from data_layer.banding import AMBER, BAND_COLOURS, GREEN, NO_DATA_BAND, RED, band_label
from data_layer.values import format_pounds

if TYPE_CHECKING:
    from data_layer.loader import LoadOutcome
    from data_layer.views import View

DIRECTION_ARROWS = {"improving": "↑ improving", "worsening": "↓ worsening", "no change": "→ no change"}


def money(amount: Decimal | None) -> str:
    """£3,662,000; '–' when there is no figure."""
    return "–" if amount is None else format_pounds(amount)


def freshness_line(loads: pd.DataFrame) -> str:
    """Which returns the figures come from and when each was loaded (newest first)."""
    if loads.empty:
        return "No returns loaded yet."
    parts = [f"{row.file_name} (loaded {pd.Timestamp(row.loaded_at):%d %b %Y %H:%M})" for row in loads.itertuples()]
    return "Figures from " + "; ".join(parts)


def exceptions_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every Red, then every Amber indicator, with its reason, direction of travel and commentary."""
    columns = ["Band", "Service", "Indicator", "Period", "Reason", "Direction of travel", "Commentary"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    off_track = latest[latest["band"].isin([RED, AMBER])].copy()
    off_track["_order"] = off_track["band"].map({RED: 0, AMBER: 1})
    off_track = off_track.sort_values(["_order", "directorate", "service", "indicator"])
    return pd.DataFrame({
        "Band": off_track["band"].map(band_label),
        "Service": off_track["service"],
        "Indicator": off_track["indicator"],
        "Period": off_track["period"],
        "Reason": off_track["reason"],
        "Direction of travel": off_track["direction"].map(direction_label),
        "Commentary": off_track["commentary"].map(lambda c: c if isinstance(c, str) else ""),
    }, columns=columns).reset_index(drop=True)


# ---------------------------------------------------------------------------------- tables
#
# Each table is built once with exact money (Decimal pounds, in columns named "... (£)"), which
# is what the downloads carry; for_display turns those columns into "£3,662k" for the screen.

MONEY_SUFFIX = " (£)"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 warning', '3 warnings', '1 new value'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def money_k(amount: object) -> str:
    """£3,662k, -£1,711k, £0.9k; '–' for no figure. The paper's £000, written for reading."""
    if amount is None or (not isinstance(amount, Decimal) and pd.isna(amount)):
        return "–"
    thousands = Decimal(amount) / 1000
    shown = f"{abs(thousands):,.0f}" if thousands == thousands.to_integral_value() else f"{abs(thousands):,.1f}"
    return f"{'-' if thousands < 0 else ''}£{shown}k"


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """Money columns as £k text, renamed without the (£); everything else as it is."""
    shown = table.copy()
    renames = {}
    for column in table.columns:
        if str(column).endswith(MONEY_SUFFIX):
            shown[column] = table[column].map(money_k)
            renames[column] = str(column)[: -len(MONEY_SUFFIX)]
    return shown.rename(columns=renames)


def savings_tables(savings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The savings plan per head of service, as the paper prints it (one table each, with its TOTAL)."""
    return {directorate: savings_table(rows, ["service"]) for directorate, rows in savings.groupby("directorate", sort=True)}


def indicator_choices(latest: pd.DataFrame) -> dict[str, int]:
    """'Service: Indicator' labels for a picker, mapped to indicator ids, in reading order."""
    ordered = latest.sort_values(["service", "indicator"])
    return {f"{service}: {name}": identifier for service, name, identifier in
            zip(ordered["service"], ordered["indicator"], ordered["indicator_id"], strict=True)}


def band_cell_colours(table: pd.DataFrame) -> pd.DataFrame:
    """CSS for each cell: band columns ('● Red', '▲ Amber', ...) get their band's colour as a light
    background with a coloured left edge, so the word, the shape and the colour all say it."""
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in table.columns:
        if column in ("Band", "Overall"):
            for band, colour in BAND_COLOURS.items():
                mask = table[column].astype(str).str.endswith(band)
                styles.loc[mask, column] = f"background-color: {colour}33; border-left: 4px solid {colour}"
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


def totals_check_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Each printed TOTAL against the rows it covers, as stored now."""
    return pd.DataFrame({
        "Return": reconciled["file_name"], "Cell": reconciled["cell"], "Row": reconciled["label"], "Period": reconciled["period"],
        f"Printed{MONEY_SUFFIX}": reconciled["printed"], f"Rows add up to{MONEY_SUFFIX}": reconciled["rows"],
        "Agrees": reconciled["matches"].map(lambda ok: "✓ yes" if ok else "✗ no"),
    })


def status_table(by_status: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Directorate": by_status["directorate"], "Period": by_status["period"],
                         "Delivery status": by_status["status"], f"Savings{MONEY_SUFFIX}": by_status["amount"]})


def scorecard_table(cards: pd.DataFrame, by: str = "service") -> pd.DataFrame:
    """The paper's Part 3b: Green, Amber, Red (and No data) counts and the overall band."""
    keys = {"Directorate": cards["directorate"]} if by == "service" and cards["directorate"].nunique() > 1 else {}
    return pd.DataFrame({
        **keys,
        by.title(): cards[by],
        "✓ Green": cards["green"], "▲ Amber": cards["amber"], "● Red": cards["red"], "○ No data": cards["no_data"],
        "Overall": cards["overall"].map(band_label),
        "Improved": cards["improved"], "Worsened": cards["worsened"],
    })


def indicator_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Every indicator in scope, exceptions first: band (word and shape), reason, direction, commentary, override."""
    columns = ["Band", "Service", "Code", "Indicator", "Period", "Actual", "Target", "Reason", "Direction of travel",
               "Commentary", "Officer override"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    order = {RED: 0, AMBER: 1, GREEN: 2, NO_DATA_BAND: 3}
    frame = latest.assign(_order=latest["band"].astype(object).map(order)).sort_values(["_order", "service", "indicator"])
    return pd.DataFrame({
        "Band": frame["band"].map(band_label),
        "Service": frame["service"],
        "Code": frame["code"].map(_text),
        "Indicator": frame["indicator"],
        "Period": frame["period"],
        "Actual": frame["actual_text"],
        "Target": frame["target_text"],
        "Reason": frame["reason"],
        "Direction of travel": frame["direction"].map(direction_label),
        "Commentary": frame["commentary"].map(_text),
        "Officer override": [f"Overridden from {band_label(c)}: {r}" if o else ""
                             for o, c, r in zip(frame["overridden"], frame["computed_band"], frame["override_reason"], strict=True)],
    }, columns=columns).reset_index(drop=True)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    frame = history.sort_values("period_end", ascending=False)
    return pd.DataFrame({"Period": frame["period"], "Actual": frame["actual_text"], "Target": frame["target_text"],
                         "Band": frame["band"].map(band_label), "Direction of travel": frame["direction"].map(direction_label),
                         "Commentary": frame["commentary"].map(_text)}).reset_index(drop=True)


def direction_label(direction: object) -> str:
    return DIRECTION_ARROWS.get(direction, "– none") if isinstance(direction, str) else "– none"


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
        if str(column).endswith(MONEY_SUFFIX):
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


# -------------------------------------------------------------------------- import preview

NEW_SERVICE = "A new service"


def mapping_key(file_name: str, written: str) -> str:
    """The widget key for the choice of what a new service name in a file means."""
    return f"map|{file_name}|{written}"


def chosen_mappings(new_names: dict[str, list[str]], choices: object) -> dict[str, dict[str, str]]:
    """For each file, the new names the user said are existing services: {file: {written: service}}."""
    mappings: dict[str, dict[str, str]] = {}
    for file_name, names in new_names.items():
        chosen = {written: choices.get(mapping_key(file_name, written)) for written in names}  # type: ignore[attr-defined]
        mappings[file_name] = {written: service for written, service in chosen.items() if service and service != NEW_SERVICE}
    return mappings


def preview_tables(outcomes: list[LoadOutcome]) -> dict[str, pd.DataFrame]:
    """What a set of returns will do, as tables: added, superseded (old and new side by side),
    errors (sheet, cell, problem, what is expected), warnings, and the files already loaded."""
    added, superseded, errors, warnings, skipped = [], [], [], [], []
    for outcome in outcomes:
        name = outcome.file_name
        for change in outcome.added:
            added.append({"File": name, "What": change.what, "Service": change.service, "Period": change.period, "New value": change.new})
        for change in outcome.superseded:
            superseded.append({"File": name, "What": change.what, "Service": change.service, "Period": change.period,
                               "Old value": change.old, "New value": change.new})
        for problem in outcome.problems:
            errors.append({"File": name, "Sheet": problem.sheet, "Cell": problem.cell, "Problem": problem.problem,
                           "What is expected": problem.expected})
        for warning in outcome.warnings:
            warnings.append({"File": name, "Warning": warning})
        if outcome.already_loaded:
            skipped.append({"File": name, "Already loaded": outcome.already_loaded})
    return {
        "added": pd.DataFrame(added, columns=["File", "What", "Service", "Period", "New value"]),
        "superseded": pd.DataFrame(superseded, columns=["File", "What", "Service", "Period", "Old value", "New value"]),
        "errors": pd.DataFrame(errors, columns=["File", "Sheet", "Cell", "Problem", "What is expected"]),
        "warnings": pd.DataFrame(warnings, columns=["File", "Warning"]),
        "already_loaded": pd.DataFrame(skipped, columns=["File", "Already loaded"]),
    }


def load_history_table(loads: pd.DataFrame) -> pd.DataFrame:
    """The load history, newest first: when, what, who, counts and warnings, in words."""
    import json

    def counts(text: str) -> str:
        found = json.loads(text or "{}")
        return ", ".join(f"{count} {what}" for what, count in found.items() if count and isinstance(count, int) and "load" not in what)

    return pd.DataFrame({
        "Entry": loads["load_id"],
        "When": loads["loaded_at"].map(lambda t: f"{pd.Timestamp(t):%d %b %Y %H:%M}"),
        "What": loads["file_name"],
        "Kind": loads["kind"].map({"import": "return loaded", "restore": "restore", "settings": "settings change",
                                   "withdrawal": "withdrawal"}),
        "Who": loads["loaded_by"],
        "Counts": loads["counts_json"].map(counts),
        "Warnings": loads["warnings_json"].map(lambda text: len(json.loads(text or "[]"))),
    })
