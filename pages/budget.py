"""Budget: net budget over the years, the change on last year in words, and where it came from."""

import streamlit as st

from data_layer import charts, presentation
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

view = glue.page_heading("Budget", glue.current_view())
if view.budget_by_service.empty:
    st.info("No budget return is loaded for this scope. Load a workbook with a Budget sheet: a Service column, "
            "optionally Directorate, and one column per year (e.g. Budget 12/13), in £000 unless a title says otherwise.")
    st.stop()

glue.partial_year_notice(view)
# Whole council: by directorate, drilling into one; one directorate: by service.
drill = view.filters.directorate is None
if drill:
    level = st.radio("Show", ["By directorate", "By service"], horizontal=True, key="budget_level")
    drill = level == "By directorate"
trends, by = (view.budget_by_directorate, "directorate") if drill else (view.budget_by_service, "service")
scope = view.filters.scope

glue.show_chart(charts.budget_trend(trends, by, f"Net budget per {by}, {scope}"))
if view.previous_year in set(trends["year"]):
    glue.show_chart(charts.budget_waterfall(trends, by, view.year, view.previous_year,
                                            f"From {view.previous_year} to {view.year}: what changed"
                                            + (", like for like (partial year)" if view.coverage else "")))
else:
    st.caption(f"No {view.previous_year} budget is loaded, so there is no change to show for {view.year}.")

st.subheader(f"Year-on-year change, {view.year}")
keys = ["directorate"] if by == "directorate" else ["directorate", "service"]
glue.show_table(presentation.budget_table(trends, keys, view.year), f"Budget {scope} {view.year}")
total = view.budget_total[view.budget_total["year"] == view.year]
if not total.empty and total.iloc[0]["wording"]:
    st.markdown(f"**{scope}, {view.year}:** {presentation.short(total.iloc[0]['net_budget'])}; {total.iloc[0]['wording']}.")

printed = presentation.printed_totals_of(view.printed_totals, "Budget")
if not printed.empty:
    st.subheader("Printed totals against their rows")
    mismatches = int((~printed["matches"].astype(bool)).sum())
    st.caption("Every total printed in the budget returns agrees with the budget lines it covers." if mismatches == 0 else
               f"{presentation.plural(mismatches, 'printed total')} in the budget returns "
               f"{'does' if mismatches == 1 else 'do'} not agree with the budget lines they cover, "
               "as stored now.")
    with st.expander(f"The {presentation.plural(len(printed), 'printed total')}, each against its rows") if mismatches == 0 \
            else st.container():  # all agreeing: one line to open; any that disagree: first, in plain sight
        glue.show_table(presentation.totals_check_table(printed), "Budget totals check")
