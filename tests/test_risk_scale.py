"""The council's risk scale: scores as registers write them, the bands, and setting the scale (in the data layer and on
the Settings page), on SQLite and PostgreSQL."""

import pytest
from sqlmodel import select

from data_layer import settings
from data_layer.db import session_scope
from data_layer.history import HistoryProblem
from data_layer.models import Council
from data_layer.report import build_report
from data_layer.risk_scale import DEFAULT_SCALE, HIGH, LOW, MEDIUM, RiskScale, ScaleProblem, check_scale, council_scale, score
from tests.apptest_support import tables_on
from tests.conftest import database_snapshot, workbook_bytes
from tests.test_import_page import load

MELTON = RiskScale(("Almost impossible", "Very Low", "Low", "Significant", "High", "Very high"),
                   ("Negligible", "Marginal", "Critical", "Catastrophic"))


@pytest.mark.parametrize(("value", "what", "expected"), [
    (3, "likelihood", 3), (3.0, "likelihood", 3), ("3", "impact", 3), (" 5 ", "impact", 5),
    ("Possible", "likelihood", 3), ("very LIKELY", "likelihood", 5), ("Very  unlikely", "likelihood", 1),
    ("Possible (3)", "likelihood", 3), ("Very Likely (5)", "likelihood", 5), ("Significant (3)", "impact", 3), ("Major", "impact", 5),
    (None, "likelihood", None), ("", "impact", None), ("Risk assessment in progress", "likelihood", None),
    ("*Risk assessment in progress", "likelihood", None), ("TBC", "impact", None), ("Not yet assessed", "impact", None),
])
def test_a_score_is_a_number_a_word_of_the_scale_or_both(value, what, expected):
    assert score(value, what) == (expected, None)


def test_a_word_that_disagrees_with_its_printed_number_takes_the_number_and_warns():
    found, warning = score("Significant (4)", "impact")  # Kent's BSS3: the scale says Significant is 3; the summary's 12 is 3 x 4
    assert found == 4
    assert warning is not None and "Significant is 3, not 4; 4 was taken, as printed" in warning


@pytest.mark.parametrize(("value", "what", "message"), [
    (6, "likelihood", "the likelihood 6 is off the council's 1-5 scale"),
    (0, "impact", "the impact 0 is off the council's 1-5 scale"),
    (2.5, "impact", "the impact 2.5 is not a whole score"),
    ("high-ish", "impact", 'the impact "high-ish" is not on the council\'s scale'),
    ("Possible (7)", "likelihood", "the likelihood 7 is off the council's 1-5 scale"),
    ("Probable (3)", "likelihood", 'the likelihood "Probable (3)" has a word not on the council\'s scale'),
    ("B High", "likelihood", 'the likelihood "B High" is not on the council\'s scale'),
    (True, "likelihood", "the likelihood True is not a score"),
])
def test_anything_else_is_refused_saying_what_the_scale_is(value, what, message):
    with pytest.raises(ScaleProblem) as refused:
        score(value, what)
    assert message in str(refused.value)
    assert "Very unlikely (1), Unlikely (2), Possible (3), Likely (4), Very likely (5)" in str(refused.value) or what == "impact"


def test_a_matrix_row_label_reads_on_the_councils_own_scale():
    assert score("B High", "likelihood", MELTON) == (5, None)
    assert score("A Very high", "likelihood", MELTON) == (6, None)  # the longest word that fits, not "High"
    assert score("IV Negligible", "impact", MELTON) == (1, None)
    assert score("I Catastrophic", "impact", MELTON) == (4, None)
    with pytest.raises(ScaleProblem, match="off the council's 1-4 scale"):
        score(5, "impact", MELTON)


@pytest.mark.parametrize(("rating", "band"), [(None, None), (1, LOW), (6, LOW), (8, MEDIUM), (9, MEDIUM), (15, MEDIUM), (16, HIGH),
                                              (25, HIGH)])
def test_the_default_bands_are_the_kent_registers(rating, band):
    assert DEFAULT_SCALE.band(rating) == band
    assert DEFAULT_SCALE.band_words() == "Low 1-6, Medium 8-15, High 16-25"  # 7 cannot be made on 1-5 scales


@pytest.mark.parametrize(("likelihood", "impact", "medium", "high", "problem"), [
    (("Low",), ("a", "b"), 2, 3, "the likelihood scale has 1 words"),
    (("a", "b"), ("x", "X"), 2, 3, "the impact scale names a word twice"),
    (("1", "2"), ("x", "y"), 2, 3, "words are numbers"),
    (("a", "b"), ("x", "y"), 3, 2, "the bands must rise"),
    (("a", "b"), ("x", "y"), 2, 5, "at most 4"),
])
def test_a_scale_that_cannot_work_is_refused(likelihood, impact, medium, high, problem):
    assert problem in (check_scale(likelihood, impact, medium, high) or "")


def test_the_default_scale_is_what_a_council_without_settings_gets():
    assert council_scale(None) == DEFAULT_SCALE
    assert council_scale(Council(name="Testshire DC")) == DEFAULT_SCALE


REGISTER = {"Risk register": [["Council: Testshire DC"], ["Risk register, December 2012"],
                              ["Risk ref", "Risk title", "Directorate", "Current likelihood", "Current impact"],
                              ["R1", "Funding falls", "Finance & HR", 4, 4], ["R2", "System fails", "Finance & HR", 3, 5]]}


def _council_id(session) -> int:  # type: ignore[no-untyped-def]
    council = session.exec(select(Council)).one()
    assert council.id is not None
    return council.id


def _bands(session) -> dict:  # type: ignore[no-untyped-def]
    return {risk["reference"]: risk["current_band"] for risk in build_report(session=session)["risks"]}


def test_setting_the_bands_rebands_a_loaded_register_and_is_in_the_history(session):
    from data_layer.loader import import_workbook
    from data_layer.models import Load

    assert import_workbook(session, workbook_bytes(REGISTER), "register.xlsx").stored
    session.commit()
    assert _bands(session) == {"R1": HIGH, "R2": MEDIUM}
    council_id = _council_id(session)
    message = settings.set_risk_scale(session, council_id=council_id, likelihood="; ".join(DEFAULT_SCALE.likelihood),
                                      impact="; ".join(DEFAULT_SCALE.impact), medium_from=6, high_from=15, by="Ana Patel")
    session.commit()
    assert message == "risk scale: Medium from 8 -> 6, High from 16 -> 15"
    assert _bands(session) == {"R1": HIGH, "R2": HIGH}  # 15 is High from 15
    entries = session.exec(select(Load).where(Load.kind == "settings")).all()
    assert [entry.file_name for entry in entries] == ["Settings: risk scale: Medium from 8 -> 6, High from 16 -> 15"]
    assert settings.set_risk_scale(session, council_id=council_id, likelihood="; ".join(DEFAULT_SCALE.likelihood),
                                   impact="; ".join(DEFAULT_SCALE.impact), medium_from=6, high_from=15, by="Ana Patel") == "no change"


def test_a_scale_that_cannot_work_changes_nothing(session, db_url):
    from data_layer.loader import import_workbook

    assert import_workbook(session, workbook_bytes(REGISTER), "register.xlsx").stored
    session.commit()
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="the impact scale has 1 words"):
        settings.set_risk_scale(session, council_id=_council_id(session), likelihood="a; b; c", impact="only", medium_from=3,
                                high_from=4, by="Ana Patel")
    session.rollback()
    assert database_snapshot(db_url) == before


def test_the_settings_page_sets_the_scale_words_and_the_bands(app_on_an_empty_database, db_url):
    app = app_on_an_empty_database
    load(app, REGISTER, "register.xlsx")
    at = app("pages/settings.py")
    assert any("Low 1-6, Medium 8-15, High 16-25" in caption.value for caption in at.caption)
    at.text_input(key="risk_likelihood").set_value("Rare; Unlikely; Possible; Likely")
    at.text_input(key="risk_impact").set_value("Low; Medium; High; Very high")
    at.number_input(key="risk_medium").set_value(5)
    at.number_input(key="risk_high").set_value(12)
    at.button(key="save_risk_scale").click()
    at.run()
    assert not at.exception
    assert at.success[0].value.startswith("Risk scale: likelihood Very unlikely; Unlikely; Possible; Likely; Very likely -> Rare;")
    with session_scope(db_url) as session:
        scale = council_scale(session.exec(select(Council)).one())
        assert scale.likelihood == ("Rare", "Unlikely", "Possible", "Likely") and (scale.medium_from, scale.high_from) == (5, 12)
    history = tables_on(app("pages/history.py"))[0]
    assert any(what.startswith("Settings: risk scale") for what in history["What"])


def test_the_settings_page_refuses_a_scale_that_cannot_work_and_says_why(app_on_an_empty_database, db_url):
    app = app_on_an_empty_database
    load(app, REGISTER, "register.xlsx")
    before = database_snapshot(db_url)
    at = app("pages/settings.py")
    at.number_input(key="risk_medium").set_value(20)
    at.number_input(key="risk_high").set_value(10)
    at.button(key="save_risk_scale").click()
    at.run()
    assert not at.exception
    assert "the bands must rise" in at.error[0].value
    assert database_snapshot(db_url) == before
