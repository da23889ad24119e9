"""Settings: the council's default tolerance and overall rule, monitoring thresholds, the risk scale, service aliases, indicator
overrides."""

import streamlit as st

from data_layer import settings
from data_layer import streamlit_glue as glue
from data_layer.monitoring_metrics import band_rule, council_thresholds
from data_layer.risk_scale import council_scale

glue.require_app(__file__)

data = glue.finance_page("Settings", "settings_message")
council = data["council"]
by = glue.your_name()
st.caption("Every change is recorded in the History, with your name.")


def done(message: str | None) -> None:
    if message:
        st.session_state["settings_message"] = message[0].upper() + message[1:]
        st.rerun()


st.subheader("Bands")
tolerance = st.number_input("Default tolerance: how far short of target is still Amber (%)", min_value=0.0, max_value=100.0,
                            value=float(council.default_tolerance), step=0.5, key="default_tolerance")
rules = list(settings.RULE_WORDS)
rule = st.radio("A service's overall band is", rules, index=rules.index(council.overall_rule),
                format_func=settings.RULE_WORDS.get, key="overall_rule")
if st.button("Save band settings", key="save_bands"):
    first = glue.change(settings.set_default_tolerance, council_id=council.id, tolerance=str(tolerance), by=by)
    second = glue.change(settings.set_overall_rule, council_id=council.id, rule=rule, by=by)
    done("; ".join(m for m in (first, second) if m and m != "no change") or "No change")

st.subheader("In-year monitoring: when a forecast overspend is Amber or Red")
thresholds = council_thresholds(council)
st.caption(band_rule(thresholds) + " The defaults: Amber over 0% or £50,000; Red over 5% or £100,000.")
chosen_thresholds = {}
for pair in (("amber_percent", "red_percent"), ("amber_amount", "red_amount")):  # two by two: whole amounts fit at 820 px
    for column, name in zip(st.columns(2), pair, strict=True):
        percent = name.endswith("percent")
        chosen_thresholds[name] = column.number_input(settings.THRESHOLD_WORDS[name], min_value=0.0, max_value=100.0 if percent else None,
                                                      value=float(getattr(thresholds, name)), step=0.5 if percent else 10_000.0,
                                                      format="%.1f" if percent else "%.0f", key=f"variance_{name}")
if st.button("Save monitoring thresholds", key="save_thresholds"):
    done(glue.change(settings.set_variance_thresholds, council_id=council.id,
                     thresholds={name: str(value) for name, value in chosen_thresholds.items()}, by=by))

st.subheader("Risk registers: the scale and its bands")
scale = council_scale(council)
st.caption(f"A rating is likelihood x impact: {scale.band_words()}. The default is the Kent register's 1-5 scales, "
           "Low 1-6, Medium 8-15, High 16-25. A register already loaded keeps its scores; its bands follow this setting.")
likelihood_words = st.text_input("Likelihood, lowest first (separated by ;)", "; ".join(scale.likelihood), key="risk_likelihood")
impact_words = st.text_input("Impact, lowest first (separated by ;)", "; ".join(scale.impact), key="risk_impact")
for column, (label, value, key) in zip(st.columns(2), (("Medium from rating", scale.medium_from, "risk_medium"),
                                                       ("High from rating", scale.high_from, "risk_high")), strict=True):
    column.number_input(label, min_value=2, max_value=100, value=value, step=1, key=key)
if st.button("Save risk scale", key="save_risk_scale"):
    done(glue.change(settings.set_risk_scale, council_id=council.id, likelihood=likelihood_words, impact=impact_words,
                     medium_from=st.session_state["risk_medium"], high_from=st.session_state["risk_high"], by=by))

st.subheader("Service aliases")
st.caption("Other names returns use for a service; a return using one loads into that service.")
glue.show_table(data["aliases"].rename(columns={"alias": "Alias", "service": "Service"})[["Alias", "Service"]], "Aliases")
service = st.selectbox("Service", sorted(data["services"]["service"]), key="alias_service")
alias = st.text_input("Also known as", key="alias_text")
if st.button("Add alias", key="add_alias"):
    done(glue.change(settings.add_alias, council_id=council.id, service=service, alias=alias, by=by))
if not data["aliases"].empty:
    aliases = {f"{row.alias} ({row.service})": row.alias_id for row in data["aliases"].itertuples()}
    removing = st.selectbox("Alias to remove", list(aliases), key="alias_remove")
    if st.button("Remove alias", key="remove_alias"):
        done(glue.change(settings.remove_alias, council_id=council.id, alias_id=aliases[removing], by=by))

st.subheader("Indicator polarity and tolerance")
indicators = data["indicators"]
if indicators.empty:
    st.caption("No indicators loaded yet.")
    st.stop()
labels = {f"{row.service}: {row.indicator}": row for row in indicators.itertuples()}
chosen = labels[st.selectbox("Indicator", list(labels), key="indicator_setting")]
polarities = {"As the return says (else its target, else its name)": None, "Higher is better": "higher", "Lower is better": "lower"}
polarity = st.radio("Polarity", list(polarities), index=list(polarities.values()).index(chosen.polarity), horizontal=True,
                    key=f"polarity-{chosen.indicator_id}")
own_tolerance = st.text_input("Tolerance (%) for this indicator; blank for the default",
                              value="" if chosen.tolerance is None else str(chosen.tolerance), key=f"tolerance-{chosen.indicator_id}")
if st.button("Save indicator settings", key="save_indicator"):
    done(glue.change(settings.set_indicator_settings, council_id=council.id, indicator_id=chosen.indicator_id,
                     polarity=polarities[polarity], tolerance=own_tolerance.strip() or None, by=by))
