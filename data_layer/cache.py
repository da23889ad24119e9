"""The one module that imports Streamlit: cached loaders for the pages.

Each loader takes the database URL as its first argument so tests (and a shared
deployment) can point the app at their own database, and so caches never mix databases.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from data_layer import metrics, repository
from data_layer.db import database_url, session_scope
from data_layer.sample import load_sample_data


@dataclass(frozen=True)
class Dashboard:
    """Everything the read pages show for one council, computed once per data change."""

    council: str
    default_tolerance: Any
    overall_rule: str
    services: pd.DataFrame
    budget_trends: pd.DataFrame
    council_budget: pd.DataFrame  # the council's total net budget per year, with the change
    savings: pd.DataFrame
    savings_totals: pd.DataFrame
    indicators: pd.DataFrame  # every value, banded
    latest: pd.DataFrame  # each indicator at its latest period, with direction of travel
    scorecard: pd.DataFrame
    loads: pd.DataFrame


def current_database_url() -> str:
    """DATABASE_URL when set (tests, shared deployments), else the embedded SQLite file."""
    return database_url(None)


@st.cache_resource(show_spinner="Preparing the database…")
def ensure_database(url: str) -> list[str]:
    """Create the tables; on the embedded database, load the sample council on first run.

    A server database named through DATABASE_URL is never filled with the sample unless
    SIGHTLINE_LOAD_SAMPLE=1, so a council's own deployment starts empty.
    """
    embedded = url == database_url(None) and "DATABASE_URL" not in os.environ
    wanted = os.environ.get("SIGHTLINE_LOAD_SAMPLE", "1" if embedded else "0") == "1"
    with session_scope(url) as session:
        return load_sample_data(session=session) if wanted else []


@st.cache_data(show_spinner="Loading the figures…")
def load_dashboard(url: str) -> Dashboard | None:
    """The council's current figures, banded and rolled up; None when nothing is loaded yet."""
    with session_scope(url) as session:
        council = repository.council(session=session)
        if council is None:
            return None
        assert council.id is not None
        services = repository.services(session=session, council_id=council.id)
        budget = repository.budget(session=session, council_id=council.id)
        savings = repository.savings(session=session, council_id=council.id)
        values = repository.indicator_values(session=session, council_id=council.id)
        loads = repository.loads(session=session, council_id=council.id)
    banded = metrics.band_values(values, default_tolerance=council.default_tolerance)
    latest = metrics.latest_values(banded, default_tolerance=council.default_tolerance)
    return Dashboard(
        council=council.name,
        default_tolerance=council.default_tolerance,
        overall_rule=council.overall_rule,
        services=services,
        budget_trends=metrics.budget_trends(budget, "service"),
        council_budget=metrics.budget_trends(budget, "council"),
        savings=savings,
        savings_totals=metrics.savings_totals(savings),
        indicators=banded,
        latest=latest,
        scorecard=metrics.scorecard(latest, services, rule=council.overall_rule),
        loads=loads,
    )


def clear() -> None:
    """Forget every cached figure, after a load changes the data."""
    st.cache_data.clear()
