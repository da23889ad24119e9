"""The one module that imports Streamlit: cached loaders, the sidebar's filters, and the
table and chart widgets every page shares.

Loaders take the database URL as their first argument so tests (and a shared deployment)
point the app at their own database, and caches never mix databases.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_layer import presentation
from data_layer.db import database_url, session_scope
from data_layer.sample import load_sample_data
from data_layer.views import ALL_DIRECTORATES, LATEST, CouncilData, Filters, View, build_view, read_council_data

NO_RETURNS = ("No returns are loaded yet. Load your council's returns (.xlsx) from the command line with "
              "`python -m data_layer import FILE.xlsx`; the README describes each sheet.")


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
def load_council_data(url: str) -> CouncilData | None:
    """The council's current facts with every indicator value banded; None when nothing is loaded."""
    with session_scope(url) as session:
        return read_council_data(session=session)


@st.cache_data(show_spinner=False)
def load_view(url: str, financial_year: str | None, kpi_period: str | None, directorate: str | None) -> View | None:
    data = load_council_data(url)
    return None if data is None else build_view(data, Filters(financial_year, kpi_period, directorate))


def clear() -> None:
    """Forget every cached figure, after a load changes the data."""
    st.cache_data.clear()


# ----------------------------------------------------------------------------- the sidebar

def sidebar() -> None:
    """The council, the period and the directorate filter, shown on every page (drawn by app.py)."""
    url = current_database_url()
    ensure_database(url)
    data = load_council_data(url)
    with st.sidebar:
        if data is None:
            st.caption("No council loaded yet.")
            return
        st.markdown(f"**{data.council}**")
        years = data.financial_years
        st.selectbox("Financial year", years, key="financial_year", help="The year the budget, savings and performance are shown for.")
        periods = [LATEST, *data.kpi_periods(st.session_state.get("financial_year"))]
        st.selectbox("Performance as at", periods, key="kpi_period",
                     help="Latest shows each indicator's most recent value in the year; or choose a month or quarter.")
        st.selectbox("Head of service / directorate", [ALL_DIRECTORATES, *data.directorates], key="directorate")


def current_view() -> View | None:
    """The figures for the sidebar's current choices (None when no council is loaded)."""
    period = st.session_state.get("kpi_period")
    directorate = st.session_state.get("directorate")
    return load_view(current_database_url(), st.session_state.get("financial_year"),
                     None if period in (None, LATEST) else period,
                     None if directorate in (None, ALL_DIRECTORATES) else directorate)


def page_heading(title: str, view: View | None) -> View:
    """Title, scope line and freshness line; stops the page with guidance when nothing is loaded."""
    st.title(title)
    if view is None:
        st.info(NO_RETURNS)
        st.stop()
    assert view is not None
    st.caption(f"{view.council} · {view.filters.scope} · {view.year or 'no year loaded'}")
    st.caption(presentation.freshness_line(view.loads))
    return view


def show_table(table: pd.DataFrame, name: str, *, height: int | None = None) -> None:
    """A table on screen (money as £k) with CSV and Excel downloads (money exact, in pounds)."""
    shown = presentation.for_display(table)
    wide = {column: st.column_config.TextColumn(width="large") for column in presentation.long_text_columns(shown)}
    styled = shown.style.apply(lambda _: presentation.band_cell_colours(shown), axis=None)
    st.dataframe(styled, hide_index=True, width="stretch", column_config=wide,
                 height=height or min(38 + 35 * max(len(table), 1), 700))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    csv_column, excel_column, _ = st.columns([1, 1, 4])
    csv_column.download_button("Download CSV", presentation.csv_bytes(table), f"{slug}.csv", "text/csv", key=f"{slug}-csv")
    excel_column.download_button("Download Excel", presentation.excel_bytes(table, name), f"{slug}.xlsx",
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{slug}-xlsx")


def show_chart(figure: go.Figure) -> None:
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})
