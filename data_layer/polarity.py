"""What an indicator's own name says about it, when its return does not: lower is better, or year to date.

Real KPI returns rarely state polarity and often give bare targets ("20", "95%"), and the spec's last
resort, higher is better, inverts the bands of every lower-is-better indicator: days to process a claim,
missed collections, sickness days, complaints. So when neither a Polarity column (or the Settings page)
nor the target's own operator ("<12", "90%+") decides, the name does, from the cues below. A polarity
found this way is *assumed*: the reason says so, the Performance page marks it, and the import preview
lists it for the officer to confirm or flip.

The cues, checked in this order (the README lists them too):

1. Phrases that make an indicator higher-is-better whatever else its name says, because they count the
   share of things done well: "within" (claims processed within 14 days), "on time", "by the due date",
   "satisfied"/"satisfaction", "resolved", "closed", "delivered", "completed", "processed", "published", "before
   the (meeting)", "answered", "collected", "recycled", "prevented", "dealing with",
   "reduction in", "improved", "achieved", "availability", "accuracy", "take-up", "good or outstanding".
2. Words of things a council wants fewer of, or sooner: LOWER_CUES below (days, time taken, waiting,
   sickness, missed, abandoned, complaints, cost per, incidents, crime, vacancies, arrears, avoidable
   contact, residual waste, temporary accommodation, ...).
3. Neither: no cue, and the spec's rule (higher is better) applies as before, unmarked.

Cumulative (year-to-date) figures are found the same way when no Cumulative or Frequency column says:
a name with "cumulative", "YTD" or "year to date".
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data_layer.values import HIGHER, LOWER

# (pattern, the cue as a councillor would read it)
HIGHER_CUES: tuple[tuple[str, str], ...] = (
    (r"within", "within"),
    (r"on time|in time|timel(?:y|iness)", "on time"),
    (r"by (?:the )?(?:due date|deadline|target date)", "by the due date"),
    (r"satisf(?:ied|action)", "satisfaction"),
    (r"resolved|closed|responded|handled|dealt with", "resolved"),
    (r"delivered|completed|completion|processed|published|issued", "delivered"),
    (r"before the|in advance", "before the"),
    (r"answered", "answered"),
    (r"collected|collection rate", "collected"),
    (r"recycl\w*|compost\w*|re-?used?", "recycled"),
    (r"prevent(?:ed|ion|s)?", "prevented"),
    (r"dealing", "dealing with"),
    (r"reduction in|reduced", "reduction in"),
    (r"improv(?:e|ed|ement|ing)", "improved"),
    (r"achiev\w*|success\w*", "achieved"),
    (r"availab(?:le|ility)|uptime", "availability"),
    (r"accura(?:te|cy)", "accuracy"),
    (r"take-?up|participation", "take-up"),
    (r"good or outstanding|rated outstanding", "good or outstanding"),
)
LOWER_CUES: tuple[tuple[str, str], ...] = (
    (r"days?", "days"),
    (r"weeks?", "weeks"),
    (r"hours?|minutes?|mins|seconds|secs", "time taken"),
    (r"time taken|average time|time to|processing time|response time|turn-?around|length of stay", "time taken"),
    (r"waiting|wait|delay(?:s|ed)?|late|lateness|overdue|backlog", "waiting"),
    (r"sickness|absence|absent", "sickness"),
    (r"missed", "missed"),
    (r"abandoned", "abandoned"),
    (r"complaints?", "complaints"),
    (r"costs? per|spend per|unit costs?|cost\b.*\bper", "cost per"),
    (r"space\b.*\bper|sq ?m per|per fte", "space per"),
    (r"incidents?|accidents?|injur(?:y|ies)|killed or seriously injured", "incidents"),
    (r"crimes?|burglar(?:y|ies)|re-?offend\w*|anti-?social behaviour|fear of crime", "crime"),
    (r"fly-?tip\w*|graffiti|litter|detritus", "fly-tipping"),
    (r"vacanc(?:y|ies)|voids?|empty (?:homes|properties)|staff turnover", "vacancies"),
    (r"arrears|bad debts?|written off|write-?offs?", "arrears"),
    (r"errors?|fail(?:ed|ures?)|faults?|defects?|breach(?:es)?|cancell(?:ed|ations?)", "errors"),
    (r"avoidable|unnecessary|repeat (?:contact|calls?|notifications?|visits?|victims?)|progress chasing|poor", "avoidable"),
    (r"residual (?:household )?waste|landfill(?:ed)?|emissions?|co2|carbon footprint|energy (?:use|consumption)", "residual waste"),
    (r"temporary accommodation|bed and breakfast|b&b|homeless(?:ness)? (?:acceptances|applications|households)", "temporary accommodation"),
    (r"non-?decent|unemploy\w*|exclusions?|neet|obesity|deaths?|teenage pregnanc\w*|delayed transfers?", "non-decent"),
)
CUMULATIVE_WORDS = r"\b(cumulative|ytd|year[\s-]+to[\s-]+date)\b"
_CUMULATIVE = re.compile("(?i)" + CUMULATIVE_WORDS)


def _compiled(cues: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?i)(?<![\w-])(?:{pattern})(?![\w-])"), cue) for pattern, cue in cues]


def _any(cues: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Every cue in one pattern: one search per name finds the first cue the name has (a national dataset has 100,000 names)."""
    return re.compile("(?i)(?<![\\w-])(?:" + "|".join(f"(?:{pattern})" for pattern, _cue in cues) + ")(?![\\w-])")


_LOWER = _compiled(LOWER_CUES)
_ANY_HIGHER = _any(HIGHER_CUES)
_ANY_LOWER = _any(LOWER_CUES)


def names_matching(names: object, prefilter: str, decide) -> np.ndarray:  # type: ignore[no-untyped-def]
    """decide(name) for each of many distinct names, as a bool array: the names `prefilter` cannot match (a plain RE2
    pattern, run over them all at once by pyarrow) are False without a Python call each (a national dataset has
    100,000 names)."""
    values = pa.array(np.asarray(names, dtype=object), type=pa.string(), from_pandas=True)
    maybe = pc.fill_null(pc.match_substring_regex(values, prefilter, ignore_case=True), False).to_numpy(zero_copy_only=False)
    result = np.zeros(len(values), dtype=bool)
    for position in np.flatnonzero(maybe):
        result[position] = bool(decide(values[position].as_py()))
    return result


# The cue words with plain word boundaries (RE2 has no lookbehind): a superset of what the cues match, to skip the rest.
LOWER_PREFILTER = r"\b(?:" + "|".join(f"(?:{pattern})" for pattern, _cue in LOWER_CUES) + r")\b"


@lru_cache(maxsize=262144)
def polarity_from_name(name: str | None) -> tuple[str, str] | None:
    """(LOWER, the words of the name that say so) when the name says lower is better: 'Average days to process
    claims' -> (LOWER, 'days'). None when it does not; a higher-is-better phrase ('within') outranks every lower cue.

    Cached: a national dataset names 105,000 indicators, again and again.
    """
    if not name or _ANY_HIGHER.search(name):
        return None
    match = _ANY_LOWER.search(name)
    if match is None:
        return None
    words = " ".join(match.group(0).split()).casefold()  # the words as the name has them, when they are few
    if len(words.split()) <= 3:
        return LOWER, words
    return LOWER, next(cue for pattern, cue in _LOWER if pattern.search(match.group(0)))  # long: the kind of cue


def higher_cue(name: str | None) -> str | None:
    """The higher-is-better phrase in a name, if any ('within'), for saying why no lower cue applies."""
    match = _ANY_HIGHER.search(name) if name else None
    return " ".join(match.group(0).split()).casefold() if match else None


def cumulative_from_name(name: str | None) -> bool:
    """Whether the name says the figure is year to date ('Council tax collected (cumulative)', 'YTD')."""
    return bool(name) and _CUMULATIVE.search(name) is not None


__all__ = ["HIGHER", "HIGHER_CUES", "LOWER", "LOWER_CUES", "cumulative_from_name", "higher_cue", "polarity_from_name"]
