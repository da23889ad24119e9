"""Monitoring: the forecast outturn against budget this year, month by month, exceptions first; and the capital programme."""

import streamlit as st

from data_layer import monitoring_charts, monitoring_tables
from data_layer import streamlit_glue as glue
from data_layer.monitoring_view import monitoring_figures
from data_layer.views import LATEST

glue.require_app(__file__)

view = glue.page_heading("Monitoring", glue.current_view())
figures = monitoring_figures(view)


def _show_year(year: str) -> None:
    st.session_state["financial_year"] = year  # in a callback, before the sidebar's selectbox is drawn again
    st.session_state["kpi_period"] = LATEST


def _metrics(headlines: list[monitoring_tables.Headline]) -> None:
    for column, figure in zip(st.columns(len(headlines)), headlines, strict=True):
        column.metric(figure.label, figure.value, delta=figure.delta, delta_color=figure.colour, delta_arrow=figure.arrow,
                      help=figure.help)


if figures.empty:
    elsewhere = monitoring_tables.monitoring_elsewhere(glue.load_council_data(glue.current_database_url()), view)
    words = monitoring_tables.elsewhere_words(view, elsewhere)
    if words:
        st.info(words)
        year = next(iter(elsewhere))
        st.button(f"Show {year}", on_click=_show_year, args=(year,), key=f"monitoring-show-year-{year}")
    st.info(monitoring_tables.empty_words(view))
    if "import_returns" in glue.allowed_pages():
        st.page_link("pages/import_returns.py", label="Blank templates, with instructions, are on the Import returns page",
                     icon=":material/upload_file:")
    else:
        st.caption("Blank templates are on the Import returns page, for finance staff: ask one to load the return.")
    st.stop()

scope = view.filters.scope
if figures.periods:
    months = figures.periods[::-1]  # the latest first, and chosen to begin with
    if st.session_state.get("monitoring_month") not in months:  # first visit, or another year or scope
        st.session_state["monitoring_month"] = months[0]
    month = st.selectbox("Monitoring as at", months, key="monitoring_month",
                         help="The month (or quarter) of the monitoring return shown; movement is since the report before it.")
    if month != figures.period:
        figures = monitoring_figures(view, month)

    st.subheader(f"Revenue: forecast outturn as at {figures.period}")
    _metrics(monitoring_tables.revenue_headline(figures))
    if figures.questions:
        st.warning("**Questions members may ask**\n\n" + "\n".join(f"- {question}." for question in figures.questions))

    by_directorate = view.filters.directorate is None and view.filters.committee is None
    if by_directorate and st.radio("Show", [scope, "By directorate"], horizontal=True, key="monitoring_level") == "By directorate":
        glue.show_chart(monitoring_charts.forecast_path_chart(figures.path_by_directorate,
                                                              f"Forecast variance month by month, by directorate, to {figures.period}"))
    else:
        glue.show_chart(monitoring_charts.forecast_path_chart(figures.path, f"Forecast variance month by month, {scope}, to {figures.period}"))

    st.subheader(f"Exceptions: overspends over the threshold, {figures.period}")
    if figures.exceptions.empty:
        st.success(monitoring_tables.exceptions_none_words(figures))
    else:
        exceptions = monitoring_tables.exceptions_table(figures)
        glue.show_table(exceptions, f"Monitoring exceptions {scope} {figures.period}", period_said=True,
                        on_screen=monitoring_tables.exceptions_screen(exceptions, not by_directorate))
    st.caption(monitoring_tables.band_rule_words(figures))

    if by_directorate:
        glue.show_chart(monitoring_charts.variance_chart(figures.by_directorate, "name", f"Forecast variance by directorate, {figures.period}"))
    else:
        glue.show_chart(monitoring_charts.variance_chart(figures.by_service, "service", f"Forecast variance by service, {scope}, {figures.period}"))

    st.subheader(f"Every service, {figures.period}")
    services = monitoring_tables.services_table(figures.by_service, figures.previous_period)
    glue.show_table(services, f"Monitoring {scope} {figures.period}", period_said=True,
                    on_screen=monitoring_tables.services_screen(services))

if figures.capital_period is not None:
    st.subheader(f"Capital programme as at {figures.capital_period}")
    _metrics(monitoring_tables.capital_headline(figures))
    glue.show_table(monitoring_tables.capital_table(figures.capital), f"Capital {scope} {figures.capital_period}", period_said=True,
                    on_screen=monitoring_tables.CAPITAL_SCREEN)
    st.caption(monitoring_tables.CAPITAL_BAND_WORDS)
else:
    st.caption("No capital programme return is loaded for this scope and year (a workbook with a Capital sheet).")
