"""Sightline: page config, navigation, and the sidebar filters every page shares."""

import streamlit as st

from data_layer import streamlit_glue

st.set_page_config(page_title="Sightline", page_icon="📊", layout="wide")
streamlit_glue.entry_ran()

navigation = st.navigation([
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/budget.py", title="Budget"),
    st.Page("pages/savings.py", title="Savings"),
    st.Page("pages/performance.py", title="Performance"),
    st.Page("pages/service_plan.py", title="Service plan summary"),
    st.Page("pages/briefing.py", title="Briefing pack"),
    st.Page("pages/import_returns.py", title="Import returns"),
    st.Page("pages/history.py", title="History"),
    st.Page("pages/settings.py", title="Settings"),
])
streamlit_glue.sidebar()
streamlit_glue.open_requested_page()
navigation.run()
