"""A council's risk scale: the words of its likelihood and impact scales (lowest first, scored 1, 2, ...), and the bands
its ratings (likelihood x impact) fall in. The default is the Kent register's: 1-5 each way, Low 1-6, Medium 8-15,
High 16-25. Pure: no database, no Streamlit.

A cell of a register may give a score as a number (3), a word of the scale (Possible), both as Kent prints them
("Possible (3)"), or a code and a word as a matrix labels its rows ("B High"). A printed number is taken as printed; a
word that disagrees with it is a warning, not a silent choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

LOW, MEDIUM, HIGH = "Low", "Medium", "High"
BANDS = (HIGH, MEDIUM, LOW)  # worst first
BAND_SHAPES = {HIGH: "▲", MEDIUM: "◆", LOW: "○"}  # a shape with each word, so a band never rests on colour alone
DEFAULT_LIKELIHOOD = ("Very unlikely", "Unlikely", "Possible", "Likely", "Very likely")
DEFAULT_IMPACT = ("Minor", "Moderate", "Significant", "Serious", "Major")
DEFAULT_MEDIUM_FROM = 8
DEFAULT_HIGH_FROM = 16
# Written where a register has no assessment yet: no rating, never zero.
NOT_ASSESSED = re.compile(r"^(?:\*?\s*)?(risk assessment in progress|assessment in progress|in progress|not (yet )?assessed|tbc|tbd|"
                          r"to be confirmed|to be assessed|n/?a|-|–|not rated|unrated)\s*\*?$", re.IGNORECASE)


@dataclass(frozen=True)
class RiskScale:
    likelihood: tuple[str, ...] = DEFAULT_LIKELIHOOD
    impact: tuple[str, ...] = DEFAULT_IMPACT
    medium_from: int = DEFAULT_MEDIUM_FROM
    high_from: int = DEFAULT_HIGH_FROM

    def words(self, what: str) -> tuple[str, ...]:
        return self.likelihood if what == "likelihood" else self.impact

    def band(self, rating: int | None) -> str | None:
        """The band of a rating (likelihood x impact); None for no rating."""
        if rating is None:
            return None
        if rating >= self.high_from:
            return HIGH
        return MEDIUM if rating >= self.medium_from else LOW

    def band_words(self) -> str:
        """'Low 1-7, Medium 8-15, High 16-25' for this scale (the top is the largest rating the scale allows)."""
        ratings = sorted({likelihood * impact for likelihood in range(1, len(self.likelihood) + 1)
                          for impact in range(1, len(self.impact) + 1)})  # 7 cannot happen on 1-5 scales: 'Low 1-6'

        def span(low: int, high: int) -> str:
            inside = [rating for rating in ratings if low <= rating <= high]
            return f"{inside[0]}-{inside[-1]}" if len(inside) > 1 else (str(inside[0]) if inside else "none")

        return (f"Low {span(1, self.medium_from - 1)}, Medium {span(self.medium_from, self.high_from - 1)}, "
                f"High {span(self.high_from, ratings[-1])}")

    def scale_words(self, what: str) -> str:
        """'Very unlikely (1) ... Very likely (5)'."""
        return ", ".join(f"{word} ({number})" for number, word in enumerate(self.words(what), start=1))


DEFAULT_SCALE = RiskScale()


class ScaleProblem(ValueError):
    """A likelihood or impact the scale does not have; the message says what is expected."""


_NUMBER_IN_BRACKETS = re.compile(r"^(.*?)\s*\(\s*(\d+(?:\.0+)?)\s*\)\s*\*?$")
_CODE_PREFIX = re.compile(r"^([A-Za-z]{1,4}|\d{1,2})[.)]?\s+(.+)$")  # 'B High', 'IV Negligible', '3 Possible'


def _norm(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).casefold()


def score(value: object, what: str, scale: RiskScale = DEFAULT_SCALE) -> tuple[int | None, str | None]:
    """A likelihood or impact cell as (score, warning): (None, None) for a blank or an assessment not yet made.

    Raises ScaleProblem for anything else the scale does not have (6 on a 1-5 scale, "high-ish")."""
    words = scale.words(what)
    expected = f"expected 1-{len(words)} or a word of the council's {what} scale: {scale.scale_words(what)}"
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ScaleProblem(f"the {what} {value} is not a score: {expected}")
    if isinstance(value, (int, float, Decimal)):
        return _number(value, what, len(words), expected), None
    text = " ".join(str(value).split())
    if not text or NOT_ASSESSED.match(text):
        return None, None
    by_word = {_norm(word): number for number, word in enumerate(words, start=1)}
    if match := _NUMBER_IN_BRACKETS.match(text):  # 'Possible (3)'
        number = _number(match.group(2), what, len(words), expected)
        word = _norm(match.group(1))
        if word and word not in by_word:
            raise ScaleProblem(f'the {what} "{text}" has a word not on the council\'s scale: {expected}')
        if word and by_word[word] != number:
            return number, (f'the {what} "{text}": on the council\'s scale {match.group(1).strip()} is {by_word[word]}, '
                            f"not {number}; {number} was taken, as printed (check which the register means)")
        return number, None
    try:
        return _number(text, what, len(words), expected), None
    except ScaleProblem:
        pass
    word = _norm(text)
    if word in by_word:
        return by_word[word], None
    if (match := _CODE_PREFIX.match(text)) and _norm(match.group(2)) in by_word:  # a matrix's row label: 'B High'
        return by_word[_norm(match.group(2))], None
    raise ScaleProblem(f'the {what} "{text}" is not on the council\'s scale: {expected}')


def _number(value: object, what: str, top: int, expected: str) -> int:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ScaleProblem(f'the {what} "{value}" is not a score: {expected}') from None
    if number.is_finite() and number != number.to_integral_value():
        raise ScaleProblem(f"the {what} {value} is not a whole score: {expected}")
    if not number.is_finite() or not 1 <= number <= top:
        raise ScaleProblem(f"the {what} {value} is off the council's 1-{top} scale: {expected}")
    return int(number)


def parse_words(text: str) -> tuple[str, ...]:
    """A scale as a person types it in Settings: words separated by ; or , or new lines, lowest first."""
    return tuple(word.strip() for word in re.split(r"[;\n,]", text or "") if word.strip())


def check_scale(likelihood: tuple[str, ...], impact: tuple[str, ...], medium_from: int, high_from: int) -> str | None:
    """What is wrong with a scale someone wants to set, or None."""
    for what, words in (("likelihood", likelihood), ("impact", impact)):
        if not 2 <= len(words) <= 10:
            return f"the {what} scale has {len(words)} words: expected 2 to 10, lowest first, separated by ;"
        if len({_norm(word) for word in words}) != len(words):
            return f"the {what} scale names a word twice: expected each word once"
        if any(re.fullmatch(r"\d+", word) for word in words):
            return f"the {what} scale's words are numbers: expected words (the numbers 1, 2, ... are always accepted)"
    top = len(likelihood) * len(impact)
    if not 1 < medium_from < high_from <= top:
        return f"the bands must rise: Medium from more than 1, High from more than Medium and at most {top} (the highest rating)"
    return None


def council_scale(council: object) -> RiskScale:
    """The council's scale (its risk_* settings), each unset part the default."""
    if council is None:
        return DEFAULT_SCALE
    likelihood = parse_words(getattr(council, "risk_likelihood_words", None) or "") or DEFAULT_LIKELIHOOD
    impact = parse_words(getattr(council, "risk_impact_words", None) or "") or DEFAULT_IMPACT
    return RiskScale(likelihood, impact, getattr(council, "risk_medium_from", None) or DEFAULT_MEDIUM_FROM,
                     getattr(council, "risk_high_from", None) or DEFAULT_HIGH_FROM)
