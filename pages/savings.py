"""Savings: the savings plan per period, cumulative over the plan, and its delivery."""

import streamlit as st

from data_layer import charts, presentation
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

view = glue.page_heading("Savings", glue.current_view())
if view.savings.empty:
    st.info("No savings plan is loaded for this scope. Load a workbook with a Savings sheet: a Service column and one "
            "column per period (2012/13, or a range such as 2008 - 10), optionally Description and Status.")
    st.stop()

by = "directorate" if view.filters.directorate is None else "service"
stacked = view.savings_by_directorate if by == "directorate" else view.savings_by_service
glue.show_chart(charts.savings_by_period(stacked, by, view.savings_total, f"Savings per period by {by}, {view.filters.scope}"))

st.subheader("Savings plan")
for directorate, plan in presentation.savings_tables(view.savings).items():
    st.markdown(f"**{directorate}**")
    glue.show_table(plan, f"Savings {directorate}")

st.subheader("Printed totals against their rows")
printed = presentation.printed_totals_of(view.printed_totals, "Savings")
if printed.empty:
    st.caption("The savings returns loaded print no TOTAL rows.")
else:
    mismatches = int((~printed["matches"].astype(bool)).sum())
    st.caption("Every TOTAL row agrees with the rows it covers." if mismatches == 0 else
               f"{presentation.plural(mismatches, 'printed total')} in the savings returns "
               f"{'does' if mismatches == 1 else 'do'} not agree with the savings lines they cover, "
               "as stored now.")
    with st.expander(f"The {presentation.plural(len(printed), 'printed total')}, each against its rows") if mismatches == 0 \
            else st.container():  # all agreeing: one line to open; any that disagree: first, in plain sight
        glue.show_table(presentation.totals_check_table(printed), "Savings totals check")

st.subheader("Delivery")
given = view.savings_by_status[view.savings_by_status["status"] != "not given"]
if given.empty:
    st.caption("The savings returns loaded give no delivery status (a Status column: delivered, on track, at risk, undeliverable).")
else:
    glue.show_table(presentation.status_table(view.savings_by_status), "Savings by delivery status")
