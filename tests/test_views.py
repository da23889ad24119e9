"""Figures a view shares across filters (worked out once per scope) equal those worked out afresh."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from data_layer import metrics
from data_layer.db import session_scope
from data_layer.views import Filters, _in_scope, _up_to, build_view, read_council_data


def _fresh(data):  # type: ignore[no-untyped-def]
    return dataclasses.replace(data, _by_scope={})


def _budget(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"directorate": d, "service": s, "year": y, "year_end": date(2000 + int(y[-2:]), 3, 31), "net_budget": Decimal(v),
                          "original_text": str(v), "source_cell": None, "file_name": "f.xlsx", "loaded_at": None} for d, s, y, v in rows])


def _assert_views_match_fresh(data) -> None:  # type: ignore[no-untyped-def]
    """Every year and directorate, in an order that reuses what earlier views worked out."""
    shared = _fresh(data)
    for directorate in [None, *data.directorates]:
        for year in [*data.financial_years, *reversed(data.financial_years)]:
            view = build_view(shared, Filters(year, None, directorate))
            budget = _up_to(_in_scope(data.budget, directorate), view.year)
            partial = metrics.partial_years(metrics.budget_coverage(_in_scope(data.budget, directorate)))
            for level, frame in (("service", view.budget_by_service), ("directorate", view.budget_by_directorate),
                                 ("council", view.budget_total)):
                pd.testing.assert_frame_equal(frame, metrics.budget_trends(budget, level, partial), check_exact=True,
                                              obj=f"{year} {directorate} {level}")
            savings = _in_scope(data.savings, directorate)
            pd.testing.assert_frame_equal(view.savings_by_service, metrics.savings_by(savings, "service"), check_exact=True)
            pd.testing.assert_frame_equal(view.savings_total, metrics.savings_by(savings, "council"), check_exact=True)
            alone = build_view(_fresh(data), Filters(year, None, directorate))
            assert view.headline == alone.headline


def test_the_sample_council_views_match_figures_worked_out_afresh(sample_council):
    _url, data = sample_council
    _assert_views_match_fresh(data)


def test_generated_councils_views_match_figures_worked_out_afresh(tmp_path):
    from benchmarks.generate import load_national_database

    url = f"sqlite:///{tmp_path / 'councils.db'}"
    load_national_database(url, 3)
    with session_scope(url) as session:
        data = read_council_data(session=session)
    _assert_views_match_fresh(data)


@pytest.mark.parametrize("chosen", ["2012/13", "2013/14", "2014/15"])
def test_a_year_with_no_budget_of_its_own_stops_at_the_last_year_with_one(sample_council, chosen):
    """Years with indicators but no budget: the trends end at the last budget year before them, not with 'removed' rows."""
    _url, data = sample_council
    budget = _budget([("A", "One", "2010/11", 100), ("A", "One", "2011/12", 120), ("A", "Two", "2010/11", 50),
                      ("A", "Three", "2015/16", 70)])
    shaped = dataclasses.replace(_fresh(data), budget=budget)
    years = sorted({*shaped.financial_years, chosen}, reverse=True)
    for year in years:
        view = build_view(shaped, Filters(year))
        expected = metrics.budget_trends(_up_to(budget, view.year), "service", metrics.partial_years(metrics.budget_coverage(budget)))
        pd.testing.assert_frame_equal(view.budget_by_service, expected, check_exact=True, obj=year)
