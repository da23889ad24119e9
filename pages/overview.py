"""Overview: the council's headline figures and its exceptions, first."""

import streamlit as st

from data_layer import cache, metrics, presentation

url = cache.current_database_url()
cache.ensure_database(url)
dashboard = cache.load_dashboard(url)

if dashboard is None:
    st.title("Sightline")
    st.info(
        "No returns are loaded yet. Load your council's Budget, Savings and KPI returns (.xlsx) with "
        "`python -m data_layer import FILE.xlsx`; the format is described in the README."
    )
    st.stop()

st.title(dashboard.council)
st.caption(presentation.freshness_line(dashboard.loads))

figures = metrics.overview_figures(dashboard.council_budget, dashboard.savings_totals, dashboard.scorecard)
budget_column, savings_column, plan_column = st.columns(3)
change = figures["change"]
budget_column.metric(
    f"Net budget {figures['year'] or ''}",
    presentation.money(figures["net_budget"]),
    delta=None if change is None else f"{presentation.money(change)} ({figures['change_pct']}%) on last year",
    delta_color="inverse",  # less net cost is good news
)
savings_column.metric(f"Savings planned {figures['year'] or ''}", presentation.money(figures["savings_this_year"]))
plan_column.metric("Savings over the plan", presentation.money(figures["savings_plan"]))

green, amber, red, no_data = st.columns(4)
green.metric("✓ Green indicators", figures["green"])
amber.metric("▲ Amber indicators", figures["amber"])
red.metric("● Red indicators", figures["red"])
no_data.metric("○ No data", figures["no_data"])

st.subheader("Exceptions: Red and Amber indicators")
exceptions = presentation.exceptions_table(dashboard.latest)
if exceptions.empty:
    st.success("No indicator is Red or Amber at its latest period.")
else:
    st.dataframe(exceptions, hide_index=True, width="stretch", height=38 + 35 * len(exceptions),
                 column_config={"Reason": st.column_config.TextColumn(width="large")})
