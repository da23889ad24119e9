"""Performance: the scorecard as the paper lays it out, every indicator with its reason, and one indicator's history."""

import streamlit as st

from data_layer import charts, presentation
from data_layer import streamlit_glue as glue
from data_layer.banding import band_label
from data_layer.views import indicator_history

glue.require_app(__file__)

view = glue.page_heading("Performance", glue.current_view())
if view.latest.empty:
    glue.indicators_elsewhere(view, "No performance indicators are loaded for this scope and year. Load a workbook with a KPIs sheet: "
                                    "Indicator, Service, Period, Target and Actual columns (one row per indicator per period).")
    st.stop()

st.subheader("Scorecard, the most Red first")
glue.show_chart(charts.scorecard_bars(view.scorecard, "service", f"Indicators by band, {view.filters.scope}"))
scorecard = presentation.scorecard_table(view.scorecard)
glue.show_table(scorecard, f"Scorecard {view.filters.scope}", on_screen=[c for c in scorecard.columns if c != "Directorate"])
empty = presentation.without_indicators(view.scorecard)
if empty:
    with st.expander(f"No indicators this period: {presentation.plural(len(empty), 'service')}"):
        st.write(", ".join(empty) + ".")

st.subheader("Indicators, exceptions first")
assumed = presentation.assumed_polarity_count(view.latest)
if assumed:
    st.caption(f"{presentation.plural(assumed, 'indicator')}: polarity assumed from the name, as the reason says (no Polarity "
               "column or target states it). A finance officer can confirm or change it in Settings.")
glue.show_table(presentation.indicator_table(view.latest), f"Indicators {view.filters.scope}", on_screen=presentation.INDICATOR_SCREEN)

no_data = presentation.no_data_table(view.latest)
if not no_data.empty:
    st.subheader("No data, and why")
    glue.show_table(no_data, f"No data {view.filters.scope}")

st.subheader("One indicator over time")
choices = presentation.indicator_choices(view.latest)  # the worst exception first, so it is the one shown to begin with
chosen = st.selectbox("Indicator", list(choices), key="indicator")
history, latest = indicator_history(view, choices[chosen])
st.markdown(f"**{band_label(latest['band'])}**: {latest['reason']}")
glue.show_chart(charts.indicator_history(history, chosen, latest["tolerance_used"]))
glue.show_table(presentation.history_table(history), f"History {chosen}")
