"""Briefing: a pre-meeting pack for the whole council, a head of service or a select committee, to take offline."""

import streamlit as st

from data_layer import streamlit_glue as glue

glue.require_app(__file__)

view = glue.page_heading("Briefing pack", glue.current_view())
scopes = glue.briefing_scopes()
kind = st.radio("Scope", ["Whole council", "A head of service", "A select committee"], horizontal=True, key="briefing_kind")
choice = None
if kind == "A head of service":
    choice = st.selectbox("Head of service", scopes["directorates"], key="briefing_directorate")
elif kind == "A select committee":
    choice = st.selectbox("Select committee", scopes["committees"], key="briefing_committee")
formats = st.multiselect("Formats", ["HTML (works offline, interactive)", "PDF (A4, to print)", "PowerPoint (editable)"],
                         default=["HTML (works offline, interactive)"], key="briefing_formats")
st.caption(f"Period: {view.year}, performance as at {view.headline['kpi_period'] or 'the latest period'} (change it in the sidebar).")
st.caption("At a glance first, then the questions members may ask, then the detail. The long tables (the savings plan per "
           "service, the net budget per service, the key objectives) are in full in the HTML and PDF; the PowerPoint lists them.")

if st.button("Generate", type="primary", key="generate", disabled=not formats):
    st.session_state["briefing_files"] = glue.generate_briefings(kind, choice, [f.split(" ")[0].lower() for f in formats])
for name, content, mime, problem in st.session_state.get("briefing_files", []):
    if problem:
        st.error(problem)
    else:
        st.download_button(f"Download {name}", content, name, mime, key=f"download-{name}")
