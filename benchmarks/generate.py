"""A deterministic synthetic dataset at national scale, as returns and as a database.

    python -m benchmarks.generate [--out benchmarks/data] [--councils 350]

England has over 300 councils. This makes 350, each with 40 services in 6 directorates,
10 years of net budgets (2012/13 to 2021/22), 5 savings periods, and 300 indicators with 12
monthly values each (Apr 2021 to Mar 2022): 1,260,000 indicator values in all. The same
numbers come out every run (a fixed seed per council).

Written as real returns (`returns/NNN-<council>.xlsx`: a Budget, a Savings and a KPIs sheet
with title rows, a £000 unit, text values, percent-formatted cells and placeholders such as
N/A and TBC), plus `kpis-50000.xlsx`: one council's large KPI return of 50,000 rows, for the
import benchmark.

Loaded directly (bulk inserts, not the importer) into `national.db`: a benchmarking club's
database, in which the whole country is one "council" and each council one directorate, so
the app's own reads and page computations run unchanged over all 1.26 million values.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import sqlalchemy as sa
import xlsxwriter

COUNCILS = 350
SERVICES = 40
DIRECTORATES = 6
YEARS = [f"{2012 + n}/{(13 + n) % 100:02d}" for n in range(10)]  # 2012/13 .. 2021/22
SAVINGS_PERIODS = ["2017/18", "2018/19", "2019/20", "2020/21", "2021/22"]
INDICATORS = 300
MONTHS = ["Apr 2021", "May 2021", "Jun 2021", "Jul 2021", "Aug 2021", "Sep 2021", "Oct 2021", "Nov 2021", "Dec 2021",
          "Jan 2022", "Feb 2022", "Mar 2022"]
LARGE_KPI_ROWS = 50_000
DEFAULT_OUT = Path(__file__).resolve().parent / "data"

PLACES = ["Ash", "Bex", "Brom", "Cal", "Dart", "Dun", "Eden", "Fal", "Gains", "Har", "Ips", "Ket", "Lew", "Mal", "Nor", "Old",
          "Pen", "Rom", "Sand", "Tam", "Uck", "Wal", "Wey", "York", "Ald"]
ENDINGS = ["ford", "ley", "ham", "bury", "ton", "wick", "field", "mouth", "stead", "borough", "well", "dale", "by", "worth"]
KINDS = ["District Council", "Borough Council", "City Council", "County Council", "Metropolitan Borough Council"]
DIRECTORATE_NAMES = ["Environment & Operations", "Housing & Communities", "Finance & Resources", "Planning & Regeneration",
                     "Adults & Health", "Children & Education"]
SERVICE_NAMES = [
    "Waste Collection", "Street Cleansing", "Parking", "Parks & Open Spaces", "Environmental Health", "Licensing",
    "Housing Benefits", "Homelessness", "Housing Options", "Private Sector Housing", "Community Safety", "Leisure Centres",
    "Revenues", "Finance", "Audit", "Procurement", "Legal", "Democratic Services", "Human Resources", "IT",
    "Development Management", "Planning Policy", "Building Control", "Economic Development", "Regeneration", "Transport",
    "Adult Social Care", "Public Health", "Care Homes", "Home Care", "Mental Health", "Learning Disabilities",
    "Schools", "Early Years", "Children's Social Care", "Fostering", "Youth Services", "Libraries", "Museums", "Customer Services",
]
TARGETS = ["90%", "95%+", "3.4+", "<12", "<= 20", "85", "98.5%", "<£3,500", "YES", "> 50", "100%", "0", "75%", "≤ 5 days"]
UNITS = {"90%": "%", "95%+": "%", "98.5%": "%", "100%": "%", "75%": "%", "<12": "days", "<= 20": "days", "≤ 5 days": "days",
         "<£3,500": "£", "3.4+": "score", "85": "number", "> 50": "number", "0": "number", "YES": None}
PLACEHOLDERS = ["N/A", "TBC", "Not recorded", "-", "n/a"]
SAVING_WORDS = ["Shared service", "Restructure", "Channel shift to online", "Procurement savings", "Income generation"]
STATUSES = ["delivered", "on track", "at risk", "undeliverable", None]


def council_names(count: int = COUNCILS) -> list[str]:
    names, n = [], 0
    while len(names) < count:
        place = PLACES[n % len(PLACES)] + ENDINGS[(n // len(PLACES)) % len(ENDINGS)]
        name = f"{place} {KINDS[(n * 7) % len(KINDS)]}"
        if name not in names:
            names.append(name)
        n += 1
    return names


@dataclass
class CouncilReturn:
    """One council's figures: arrays in the order the rows are written."""

    name: str
    directorates: list[str]  # per service
    services: list[str]
    budget: np.ndarray  # services x years, whole pounds (multiples of £1,000, as £000 returns give)
    savings: np.ndarray  # services x savings periods, whole pounds
    saving_words: list[str]
    statuses: list[str | None]
    indicator_service: np.ndarray  # indicator -> service index
    indicator_names: list[str]
    targets: np.ndarray  # per indicator
    actual_number: np.ndarray  # indicator x month (float, one decimal)
    actual_form: np.ndarray  # indicator x month: 0 number, 1 percent cell, 2 text with %, 3 Yes/No, 4 placeholder


def council_return(index: int, *, indicators: int = INDICATORS, months: int = len(MONTHS)) -> CouncilReturn:
    rng = np.random.default_rng(20_120_000 + index)
    name = council_names(max(COUNCILS, index + 1))[index]
    directorates = [DIRECTORATE_NAMES[(s * DIRECTORATES) // SERVICES] for s in range(SERVICES)]
    base = rng.lognormal(mean=7.0, sigma=1.0, size=SERVICES).round() * 1000  # £000s
    base[rng.random(SERVICES) < 0.1] *= -1  # net income: parking, licensing...
    growth = 1 + rng.normal(0.02, 0.06, size=(SERVICES, len(YEARS)))
    budget = (base[:, None] * np.cumprod(growth, axis=1) / 1000).round() * 1000
    budget[rng.random(SERVICES) < 0.05, :3] = 0  # a few new services: nothing in the early years
    savings = (rng.integers(0, 300, size=(SERVICES, len(SAVINGS_PERIODS))) * 1000).astype(np.int64)
    indicator_service = np.arange(indicators) % SERVICES
    targets = np.array(TARGETS, dtype=object)[rng.integers(0, len(TARGETS), indicators)]
    actual_number = rng.normal(90, 12, size=(indicators, months)).round(1)
    forms = rng.integers(0, 100, size=(indicators, months))
    actual_form = np.select([forms < 45, forms < 70, forms < 88, forms < 96], [0, 1, 2, 3], default=4)
    return CouncilReturn(
        name=name, directorates=directorates, services=list(SERVICE_NAMES[:SERVICES]), budget=budget.astype(np.int64),
        savings=savings, saving_words=[SAVING_WORDS[s % len(SAVING_WORDS)] for s in range(SERVICES)],
        statuses=[STATUSES[(s + index) % len(STATUSES)] for s in range(SERVICES)],
        indicator_service=indicator_service, indicator_names=[f"Indicator {i + 1:03d}" for i in range(indicators)],
        targets=targets, actual_number=actual_number, actual_form=actual_form,
    )


def actual_cell(form: int, number: float, n: int) -> tuple[object, bool]:
    """(what the cell holds, whether it is percent-formatted), as finance officers type them."""
    if form == 0:
        return number, False
    if form == 1:
        return round(number / 100, 6), True  # 92.5% held as 0.925 in a 0.0% cell, as Excel stores it
    if form == 2:
        return f"{number}%", False
    if form == 3:
        return "Yes" if n % 3 else "No", False
    return PLACEHOLDERS[n % len(PLACEHOLDERS)], False


def actual_text(form: int, number: float, n: int) -> str:
    """The text the importer keeps for that cell (a percent cell's 0.925 is "92.5%")."""
    value, percent = actual_cell(form, number, n)
    if percent:
        return f"{Decimal(str(number)).normalize():f}%"
    return f"{Decimal(str(value)).normalize():f}" if isinstance(value, float) else str(value)


# ------------------------------------------------------------------------------- workbooks

def write_return(figures: CouncilReturn, path: Path, *, months: int = len(MONTHS)) -> None:
    """A council's return as finance officers send it: title rows, £000, percent cells, placeholders."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})  # shared strings, as Excel saves
    percent = book.add_format({"num_format": "0.0%"})
    title = f"Council: {figures.name}"

    budget = book.add_worksheet("Budget")
    budget.write_row(0, 0, [title])
    budget.write_row(1, 0, ["Net budget by service, £000"])
    budget.write_row(3, 0, ["Directorate", "Service", *YEARS])
    for s, service in enumerate(figures.services):
        budget.write_row(4 + s, 0, [figures.directorates[s], service, *(int(v) // 1000 for v in figures.budget[s])])

    savings = book.add_worksheet("Savings")
    savings.write_row(0, 0, [title])
    savings.write_row(1, 0, ["Savings plan, £000"])
    savings.write_row(3, 0, ["Directorate", "Service", *SAVINGS_PERIODS, "Description", "Status"])
    for s, service in enumerate(figures.services):
        savings.write_row(4 + s, 0, [figures.directorates[s], service, *(int(v) // 1000 for v in figures.savings[s]),
                                     figures.saving_words[s], figures.statuses[s] or ""])

    kpis = book.add_worksheet("KPIs")
    kpis.write_row(0, 0, [title])
    kpis.write_row(1, 0, ["Performance indicators, 2021/22"])
    kpis.write_row(3, 0, ["Code", "Indicator", "Directorate", "Service", "Period", "Target", "Actual", "Unit"])
    row = 4
    for i, indicator in enumerate(figures.indicator_names):
        service = int(figures.indicator_service[i])
        target = str(figures.targets[i])
        for m in range(months):
            value, is_percent = actual_cell(int(figures.actual_form[i, m]), float(figures.actual_number[i, m]), i + m)
            kpis.write_row(row, 0, [f"PI{i + 1:04d}", indicator, figures.directorates[service], figures.services[service],
                                    MONTHS[m % len(MONTHS)], target])
            kpis.write(row, 6, value, percent if is_percent else None)
            kpis.write(row, 7, UNITS[target] or "")
            row += 1
    book.close()


def write_large_kpi_return(path: Path, rows: int = LARGE_KPI_ROWS) -> None:
    """One council's KPI return of `rows` rows (indicators x 12 months), for the import benchmark."""
    indicators = -(-rows // len(MONTHS))
    figures = council_return(0, indicators=indicators)
    write_return(figures, path)


# -------------------------------------------------------------------------------- database

@cache
def _measure(text: str) -> tuple[Decimal | None, str]:
    from data_layer.values import parse_measure

    measure = parse_measure(text, "General")
    return measure.number, measure.text


def load_national_database(url: str, councils: int = COUNCILS) -> dict[str, int]:
    """Bulk-insert every council's figures into one database, each council a directorate. Returns row counts."""
    from data_layer.db import get_engine
    from data_layer.models import (
        BudgetLine,
        Council,
        Directorate,
        Indicator,
        IndicatorValue,
        Load,
        SavingsLine,
        Service,
    )
    from data_layer.periods import parse_kpi_period
    from data_layer.values import name_key

    engine = get_engine(url)
    periods = {label: parse_kpi_period(label) for label in MONTHS}
    year_ends = {year: date(2000 + int(year[-2:]), 3, 31) for year in YEARS}
    counts = {"councils": councils, "services": 0, "budget lines": 0, "savings lines": 0, "indicators": 0, "indicator values": 0}
    with engine.begin() as connection:
        council_id = connection.execute(sa.insert(Council).values(name=f"England ({councils} councils)",
                                                                  default_tolerance=Decimal(10), overall_rule="most")
                                        .returning(Council.id)).scalar_one()
        load_id = connection.execute(sa.insert(Load).values(council_id=council_id, file_name="benchmarks/generate.py",
                                                            content_hash=hashlib.sha256(b"national").hexdigest(), loaded_by="generator",
                                                            kind="import", counts_json="{}", warnings_json="[]")
                                     .returning(Load.id)).scalar_one()
        common = {"council_id": council_id, "load_id": load_id, "superseded_by_load_id": None}
        next_service = next_indicator = 1
        for index in range(councils):
            figures = council_return(index)
            directorate_id = connection.execute(sa.insert(Directorate).values(council_id=council_id, name=figures.name,
                                                                              name_key=name_key(figures.name))
                                                .returning(Directorate.id)).scalar_one()
            services = [{"id": next_service + s, "council_id": council_id, "directorate_id": directorate_id,
                         "name": f"{figures.name}: {service}", "name_key": name_key(f"{figures.name}: {service}"), "notes": None}
                        for s, service in enumerate(figures.services)]
            connection.execute(sa.insert(Service), services)
            budget = [{**common, "service_id": next_service + s, "year": year, "year_end": year_ends[year],
                       "net_budget": Decimal(int(figures.budget[s, y])), "original_text": f"{int(figures.budget[s, y]) // 1000:,}",
                       "source_cell": None}
                      for s in range(SERVICES) for y, year in enumerate(YEARS)]
            connection.execute(sa.insert(BudgetLine), budget)
            savings = [{**common, "service_id": next_service + s, "period": period, "period_end": date(2000 + int(period[-2:]), 3, 31),
                        "amount": Decimal(int(figures.savings[s, p])), "original_text": f"{int(figures.savings[s, p]) // 1000:,}",
                        "description": figures.saving_words[s], "status": figures.statuses[s], "source_cell": None}
                       for s in range(SERVICES) for p, period in enumerate(SAVINGS_PERIODS)]
            connection.execute(sa.insert(SavingsLine), savings)
            indicators = [{"id": next_indicator + i, "council_id": council_id, "service_id": next_service + int(figures.indicator_service[i]),
                           "code": f"PI{i + 1:04d}", "name": name, "name_key": name_key(name), "polarity": None, "tolerance": None,
                           "unit": UNITS[str(figures.targets[i])]}
                          for i, name in enumerate(figures.indicator_names)]
            connection.execute(sa.insert(Indicator), indicators)
            values = []
            for i in range(INDICATORS):
                target = str(figures.targets[i])
                target_value, target_text = _measure(target)
                for m, label in enumerate(MONTHS):
                    text = actual_text(int(figures.actual_form[i, m]), float(figures.actual_number[i, m]), i + m)
                    actual_value, shown = _measure(text)
                    period = periods[label]
                    values.append({**common, "indicator_id": next_indicator + i, "period": label, "period_kind": period.kind,
                                   "period_end": period.end, "financial_year": period.financial_year, "target_text": target_text,
                                   "target_value": target_value, "actual_text": shown, "actual_value": actual_value,
                                   "polarity": None, "tolerance": None, "commentary": None, "override_band": None,
                                   "override_reason": None, "source_cell": None})
            connection.execute(sa.insert(IndicatorValue), values)
            next_service += SERVICES
            next_indicator += INDICATORS
            counts["services"] += SERVICES
            counts["budget lines"] += len(budget)
            counts["savings lines"] += len(savings)
            counts["indicators"] += len(indicators)
            counts["indicator values"] += len(values)
    return counts


def generate(out: Path, councils: int = COUNCILS, *, returns: bool = True) -> dict[str, object]:
    """Everything the benchmarks need, under `out`; files already there are made again."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    if returns:
        folder = out / "returns"
        folder.mkdir(exist_ok=True)
        for index, name in enumerate(council_names(councils)):
            write_return(council_return(index), folder / f"{index + 1:03d}-{name.split()[0].lower()}.xlsx")
            written += 1
    write_large_kpi_return(out / "kpis-50000.xlsx")
    database = out / "national.db"
    for leftover in out.glob("national.db*"):
        leftover.unlink()
    counts = load_national_database(f"sqlite:///{database}", councils)
    return {"returns written": written, "database": str(database), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--councils", type=int, default=COUNCILS)
    parser.add_argument("--no-returns", action="store_true", help="skip writing the 350 .xlsx returns (the database and the large return only)")
    arguments = parser.parse_args()
    for key, value in generate(arguments.out, arguments.councils, returns=not arguments.no_returns).items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")


if __name__ == "__main__":
    main()
