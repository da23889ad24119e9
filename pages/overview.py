"""Overview: the headline figures, and the exceptions first."""

import streamlit as st

from data_layer import presentation
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

view = glue.page_heading("Overview", glue.current_view())
figures = view.headline


def _change(value: object, since: object) -> str | None:
    return None if value is None else f"{value:+d} since {since}"


glue.partial_year_notice(view)
budget_column, savings_column, plan_column = st.columns(3)
budget_column.metric(
    f"Net budget {figures['year'] or ''}" + (" (partial)" if figures["partial"] else ""), presentation.short(figures["net_budget"]),
    delta=presentation.headline_change(figures),
    delta_color="inverse",  # less net cost is good news
    help=presentation.exactly(figures["net_budget"], figures["wording"]),
)
savings_column.metric(f"Savings planned {figures['year'] or ''}", presentation.short(figures["savings_this_year"]),
                      help=presentation.exactly(figures["savings_this_year"]))
plan_column.metric(f"Savings over the plan ({figures['savings_plan_periods']} periods)", presentation.short(figures["savings_plan"]),
                   help=presentation.exactly(figures["savings_plan"]))

if view.latest.empty:
    st.subheader("Performance indicators")
    glue.indicators_elsewhere(view, "No performance indicators for this scope and year. Load a KPI return (a workbook with a KPIs sheet).")
    st.stop()

st.subheader(f"Performance indicators as at {figures['kpi_period'] or 'the latest period'}")
since = figures["previous_kpi_period"]
green, amber, red, no_data = st.columns(4)
green.metric("✓ Green", figures["green"], delta=_change(figures["green_change"], since))
amber.metric("▲ Amber", figures["amber"], delta=_change(figures["amber_change"], since), delta_color="inverse")
red.metric("● Red", figures["red"], delta=_change(figures["red_change"], since), delta_color="inverse")
no_data.metric("○ No data", figures["no_data"], delta=_change(figures["no_data_change"], since), delta_color="off")

st.subheader("Exceptions: Red and Amber indicators")
exceptions = presentation.exceptions_table(view.latest)
if exceptions.empty:
    st.success("No indicator is Red or Amber, and none that was has stopped reporting.")
else:
    glue.show_table(exceptions, "Exceptions", period_said=True)  # "as at Aug 2012" is in the heading above
