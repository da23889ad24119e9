"""Performance: the scorecard as the paper lays it out, every indicator with its reason, and one indicator's history."""

import streamlit as st

from data_layer import charts, presentation
from data_layer import streamlit_glue as glue
from data_layer.banding import band_label

view = glue.page_heading("Performance", glue.current_view())
if view.latest.empty:
    st.info("No performance indicators are loaded for this scope and year. Load a workbook with a KPIs sheet: "
            "Indicator, Service, Period, Target and Actual columns (one row per indicator per period).")
    st.stop()

st.subheader("Scorecard")
glue.show_chart(charts.scorecard_bars(view.scorecard[view.scorecard[["green", "amber", "red", "no_data"]].sum(axis=1) > 0],
                                      "service", f"Indicators by band, {view.filters.scope}"))
glue.show_table(presentation.scorecard_table(view.scorecard), f"Scorecard {view.filters.scope}")

st.subheader("Indicators, exceptions first")
glue.show_table(presentation.indicator_table(view.latest), f"Indicators {view.filters.scope}")

st.subheader("One indicator over time")
choices = {f"{row.service}: {row.indicator}": row.indicator_id for row in view.latest.sort_values(["service", "indicator"]).itertuples()}
chosen = st.selectbox("Indicator", list(choices), key="indicator")
history = view.indicators[view.indicators["indicator_id"] == choices[chosen]]
latest = view.latest[view.latest["indicator_id"] == choices[chosen]].iloc[0]
st.markdown(f"**{band_label(latest['band'])}**: {latest['reason']}")
glue.show_chart(charts.indicator_history(history, chosen, latest["tolerance_used"]))
glue.show_table(presentation.history_table(history), f"History {chosen}")
