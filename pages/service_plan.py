"""Service plan summary: one head of service's page of the paper."""

import streamlit as st

from data_layer import plans_tables, presentation
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

view = glue.page_heading("Service plan summary", glue.current_view())
if view.filters.directorate is None:
    chosen = st.selectbox("Head of service", presentation.plan_directorates(view), key="plan_directorate")
    view = glue.load_view(glue.current_database_url(), view.year, view.filters.kpi_period, chosen)
st.header(f"{view.filters.scope} Service Plan Summary {view.year}")
plan = presentation.service_plan(view)

st.subheader("1. Key service objectives")
if not plan["objectives"]:
    st.caption("No key objectives loaded for this head of service (an Objectives sheet: Service, Objective).")
for service, objectives, committees in plan["objectives"]:
    st.markdown(f"**{service}**")
    st.markdown("\n".join(f"- {text}" for text in objectives))
    if committees:
        st.caption(f"Reviewed by {committees}")

st.subheader("2a. Staff (full time equivalents)")
if plan["staff"].empty:
    st.caption("No staff FTEs loaded for this head of service (a Staff sheet: Service, FTE).")
else:
    glue.show_table(plan["staff"], f"Staff {view.filters.scope}")

st.subheader(f"2b. Net budget, {view.year}")
if plan["budget"].empty:
    st.caption("No budget loaded for this head of service (a Budget sheet).")
else:
    glue.show_table(plan["budget"], f"Budget {view.filters.scope}")

st.subheader("2c. Savings plan")
if plan["savings"].empty:
    st.caption("No savings plan loaded for this head of service (a Savings sheet).")
else:
    glue.show_table(plan["savings"], f"Savings plan {view.filters.scope}")

st.subheader(f"3. Performance, as at {view.headline['kpi_period'] or 'the latest period'}")
glue.show_table(plan["performance"], f"Performance {view.filters.scope}")

st.subheader("3c. Budget risks")
if plan["risks"].empty:
    st.caption("No budget risks loaded for this head of service (a Risks sheet).")
for risk in plan["risks"].itertuples():
    st.markdown(f"**{risk.heading}**: {risk.commentary}" if risk.heading else risk.commentary)

plans = plans_tables.plans_figures(view)
st.subheader("4. Risk register, exceptions first")
if plans.risks.empty:
    st.caption("No risk register loaded for this head of service (a Risk register sheet).")
else:
    st.caption(plans_tables.register_words(plans))
    glue.show_table(plans_tables.service_plan_risks(plans), f"Risks {view.filters.scope}")

st.subheader("5. Actions overdue and due soon")
if not plans.has_plan:
    st.caption("No action plan loaded for this head of service (an Actions sheet).")
else:
    due_by = f"{plans.summary['next_quarter_end']:%d %b %Y}"
    actions = plans_tables.service_plan_actions(plans)
    st.caption(f"{plans_tables.plan_words(plans)}: overdue, then due by the end of next quarter ({due_by}).")
    if actions.empty:
        st.caption(f"No action is overdue or due by {due_by}.")
    else:
        glue.show_table(actions, f"Actions {view.filters.scope}")
if plans.has_register or plans.has_plan:
    st.page_link("pages/risks.py", label="Every risk and action, with the heat map, is on the Risks & actions page", icon=":material/warning:")
