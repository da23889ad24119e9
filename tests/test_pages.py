"""Real Streamlit pages through AppTest, each test on its own database."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(monkeypatch, db_url):
    def start(load_sample: bool) -> AppTest:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1" if load_sample else "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP)
        at.run(timeout=60)
        assert not at.exception
        return at

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def test_first_page_shows_the_sample_council_without_any_upload(app):
    at = app(load_sample=True)
    assert at.title[0].value == "Sevenoaks District Council"
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Net budget 2012/13"] == "£10,367,000"
    assert metrics["Savings planned 2012/13"] == "£298,000"
    assert metrics["● Red indicators"] == "9"
    assert "04-kpis-aug-2012.xlsx" in at.caption[0].value


def test_exceptions_come_first_with_reasons_and_shapes(app):
    at = app(load_sample=True)
    exceptions = at.dataframe[0].value
    assert list(exceptions["Band"].unique()) == ["● Red", "▲ Amber"]
    land_charges = exceptions[exceptions["Indicator"].str.startswith("Land charges")].iloc[0]
    assert land_charges["Band"] == "▲ Amber" and "Officer override to Amber" in land_charges["Reason"]


def test_empty_database_says_which_returns_to_load(app):
    at = app(load_sample=False)
    assert "No returns are loaded yet" in at.info[0].value
