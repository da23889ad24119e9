"""Sightline: page config, navigation, and the sidebar filters every page shares."""

import streamlit as st

from data_layer import streamlit_glue

st.set_page_config(page_title="Sightline", page_icon="📊", layout="wide")
streamlit_glue.entry_ran()
streamlit_glue.page_style()  # Sightline's few layout rules, on every page
streamlit_glue.sign_in_gate()  # with SIGHTLINE_SIGN_IN=on: the sign-in page until signed in (off by default)

PAGES = {
    "overview": "Overview", "budget": "Budget", "savings": "Savings", "monitoring": "Monitoring", "risks": "Risks & actions",
    "performance": "Performance", "service_plan": "Service plan summary", "briefing": "Briefing pack",
    "import_returns": "Import returns", "history": "History", "settings": "Settings", "accounts": "Accounts",
}
allowed = streamlit_glue.allowed_pages()
navigation = st.navigation([st.Page(f"pages/{name}.py", title=title, default=name == "overview")
                            for name, title in PAGES.items() if name in allowed])
streamlit_glue.signed_in_sidebar()
streamlit_glue.sidebar()
streamlit_glue.open_requested_page()
navigation.run()
