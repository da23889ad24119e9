"""Risks & actions: the risk register (exceptions first, a heat map of likelihood x impact) and the action plan (overdue
first, the officer's status beside the dates')."""

import streamlit as st

from data_layer import plans_charts, plans_tables
from data_layer import streamlit_glue as glue
from data_layer.monitoring_tables import Headline
from data_layer.risk_metrics import heat_map

glue.require_app(__file__)

view = glue.page_heading("Risks & actions", glue.current_view())
figures = plans_tables.plans_figures(view)
scope = view.filters.scope


def _metrics(headlines: list[Headline]) -> None:
    for column, figure in zip(st.columns(len(headlines)), headlines, strict=True):
        column.metric(figure.label, figure.value, delta=figure.delta, delta_color=figure.colour, delta_arrow=figure.arrow,
                      help=figure.help)


def _templates() -> None:
    if "import_returns" in glue.allowed_pages():
        st.page_link("pages/import_returns.py", label="Blank templates, with instructions, are on the Import returns page",
                     icon=":material/upload_file:")
    else:
        st.caption("Blank templates are on the Import returns page, for finance staff: ask one to load the register or plan.")


if not figures.has_register and not figures.has_plan:
    st.info(plans_tables.no_register_words(view))
    st.info(plans_tables.no_plan_words(view))
    _templates()
    st.stop()

st.caption(plans_tables.as_at_line(figures))
if figures.has_register:
    _metrics(plans_tables.risk_headline(figures))
if figures.has_plan:
    _metrics(plans_tables.action_headline(figures))
questions = plans_tables.questions(figures)
if questions:
    st.warning("**Questions members may ask**\n\n" + "\n".join(f"- {question}." for question in questions))

st.subheader("Risks")
if not figures.has_register:
    st.info(plans_tables.no_register_words(view))
    _templates()
else:
    which = st.radio("Heat map of ratings", ["Current", "Target"], horizontal=True, key="risks_heat_map",
                     help="Current: each risk's likelihood and impact now. Target: where its controls are meant to bring it.")
    heat = heat_map(figures.risks, figures.scale, which.lower())
    glue.show_chart(plans_charts.heat_map_chart(heat, f"{which} ratings, {plans_tables.register_words(figures)}",
                                                plans_tables.risk_titles(figures)))
    unplaced = plans_tables.unplaced_words(figures, heat)
    if unplaced:
        st.caption(unplaced)
    st.caption(plans_tables.scale_words(figures.scale))

    st.subheader("The register, exceptions first")
    register = plans_tables.register_table(figures)
    glue.show_table(register, f"Risk register {scope}", on_screen=plans_tables.REGISTER_SCREEN)
    if not figures.closed.empty:
        with st.expander(f"Closed risks ({len(figures.closed)}): no longer on their owner's latest register"):
            glue.show_table(plans_tables.closed_table(figures), f"Closed risks {scope}")

st.subheader("Actions")
if not figures.has_plan:
    st.info(plans_tables.no_plan_words(view))
    _templates()
else:
    summary = figures.summary
    st.markdown(f"**Overdue at {summary['report_date']:%d %b %Y}**")
    overdue = plans_tables.overdue_table(figures)
    if overdue.empty:
        st.success("No action is overdue.")
    else:
        glue.show_table(overdue, f"Actions overdue {scope}", on_screen=plans_tables.OVERDUE_SCREEN)
    st.markdown(f"**Due by the end of next quarter, {summary['next_quarter_end']:%d %b %Y}**")
    due_soon = plans_tables.due_soon_table(figures)
    if due_soon.empty:
        st.caption("No action falls due by then.")
    else:
        glue.show_table(due_soon, f"Actions due soon {scope}", on_screen=plans_tables.DUE_SOON_SCREEN)
    with st.expander(f"Every action ({len(figures.actions)})"):
        glue.show_table(plans_tables.actions_table(figures), f"Actions {scope}", on_screen=plans_tables.ACTIONS_SCREEN)
