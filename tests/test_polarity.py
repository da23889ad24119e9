"""What an indicator's name says about its polarity and whether it is cumulative (data_layer/polarity.py), on names
as real returns print them (Melton's service plan, South Cambridgeshire's scorecard, the sample council)."""

import pytest

from data_layer.polarity import HIGHER_CUES, LOWER_CUES, cumulative_from_name, higher_cue, polarity_from_name


@pytest.mark.parametrize(("name", "cue"), [
    ("Average days to process new benefit claims", "days"),
    ("Working days lost to sickness per FTE (rolling 12 months)", "days"),
    ("Time taken to process Housing Benefit change events", "time taken"),
    ("Missed bin collections per 100,000 collections", "missed"),
    ("Calls abandoned", "abandoned"),
    ("Number of complaints received", "complaints"),
    ("Cost of street cleansing per household", "cost per"),
    ("Gross cost of office per member of staff (fte) excludes rent or rental equivalent", "cost per"),
    ("Office space utilisation. Amount of space (sq m) per member of staff (fte) NIA", "space per"),
    ("Number of reported fly-tipping incidents", "fly-tipping"),
    ("NI017 - Perceptions of anti-social behaviour", "anti-social behaviour"),
    ("NI016 - SCDC - Serious acquisitive crime rate - South Cambs", "crime"),
    ("Staff vacancy rate", "vacancy"),
    ("Rent arrears as a percentage of the rent roll", "arrears"),
    ("NI014 - SCDC - Avoidable customer contact - South Cambs", "avoidable"),
    ("Residual household waste per household (kg)", "residual household waste"),
    ("Households in bed and breakfast (average)", "bed and breakfast"),
    ("Percentage of non-decent council homes", "non-decent"),
])
def test_names_that_say_lower_is_better(name, cue):
    assert polarity_from_name(name) == ("lower", cue)


@pytest.mark.parametrize(("name", "cue"), [
    ("Undisputed invoices paid by due date or within 30 days.", "by due date"),  # Melton FS3: not "days"
    ("Percentage of operational Incidents resolved within agreed timescales.", "resolved"),  # Melton IT2: not "incidents"
    ("General Legal enquiries to be given a response/target date for response within 5 days", "within"),
    ("Noise complaints responded to within 3 working days", "responded"),
    ("Audit plan days delivered", "delivered"),
    ("Committee agendas published five clear working days before the meeting", "published"),
    ("PP26 - Improved complaints system", "improved"),
    ("NI021 - Dealing anti-social behaviour concerns", "dealing"),
    ("Homelessness cases prevented", "prevented"),
    ("Customer satisfaction with the time taken", "satisfaction"),
])
def test_phrases_that_count_things_done_well_outrank_every_lower_cue(name, cue):
    assert polarity_from_name(name) is None
    assert higher_cue(name) == cue


@pytest.mark.parametrize("name", ["SX001 - % election turnout in May", "Private sector homes made decent", "C4 - Monthly Corporate Brief",
                                  "ACTION 07 - Anti Social Behaviour Working Group", "", None])
def test_names_with_no_cue_say_nothing(name):
    assert polarity_from_name(name) is None


def test_a_cue_is_a_whole_word():
    assert polarity_from_name("Holidays booked") is None  # "days" inside a word
    assert polarity_from_name("Latest figures published") is None  # "late" inside a word


def test_every_lower_cue_is_named_in_the_readme():
    """The README lists the cue words for councillors and officers; a cue added here must be listed there too."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text().replace("\n  ", " ")
    missing = [cue for _pattern, cue in LOWER_CUES + HIGHER_CUES if f"*{cue}*" not in readme and f"*{cue}/" not in readme]
    assert missing == []


@pytest.mark.parametrize(("name", "cumulative"), [
    ("Council tax collected in year (cumulative)", True), ("Business rates collected YTD", True),
    ("Affordable homes delivered (year to date)", True), ("Calls answered", False), ("Daytime visits", False),
])
def test_a_name_can_say_the_figure_is_year_to_date(name, cumulative):
    assert cumulative_from_name(name) is cumulative


def test_the_fast_pass_over_many_names_agrees_with_the_cues_one_by_one():
    """Banding a national dataset looks at names through names_matching (a pyarrow prefilter); it must find exactly what
    polarity_from_name and cumulative_from_name find, on every name the tests know."""
    import numpy as np

    from data_layer.polarity import CUMULATIVE_WORDS, LOWER_PREFILTER, names_matching
    from tests.real_returns import SOUTH_CAMBS_SCORECARD

    names = [name for _aim, name, *_rest in SOUTH_CAMBS_SCORECARD] + [
        "Average days to process new benefit claims", "Undisputed invoices paid by due date or within 30 days.",
        "Number of fly-tipping incidents", "Holidays booked", "Council tax collected in year (cumulative)", "Business rates YTD",
        "Households in bed and breakfast (B&B)", "Re-offending rate", "Non-decent homes", "CO2 emissions from council buildings"]
    lower = names_matching(np.array(names, dtype=object), LOWER_PREFILTER, polarity_from_name)
    assert list(lower) == [polarity_from_name(name) is not None for name in names]
    cumulative = names_matching(np.array(names, dtype=object), CUMULATIVE_WORDS, cumulative_from_name)
    assert list(cumulative) == [cumulative_from_name(name) for name in names]
    assert lower.sum() >= 15 and cumulative.sum() == 2
