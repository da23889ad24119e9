"""The Import and History pages' words and tables: what a return will change, the choices it asks for (a new service's
name and directorate, an assumed polarity), the message after storing, and the load history. Pure: no Streamlit, no
database (split from presentation, which keeps the tables councillors read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from data_layer.models import UNASSIGNED
from data_layer.presentation import plural
from data_layer.values import name_key

if TYPE_CHECKING:
    from data_layer.loader import LoadOutcome


NEW_SERVICE = "A new service"


def mapping_key(file_name: str, written: str) -> str:
    """The widget key for the choice of what a new service name in a file means."""
    return f"map|{file_name}|{written}"


def chosen_mappings(new_names: dict[str, list[str]], choices: object) -> dict[str, dict[str, str]]:
    """For each file, the new names the user said are existing services: {file: {written: service}}."""
    mappings: dict[str, dict[str, str]] = {}
    for file_name, names in new_names.items():
        chosen = {written: choices.get(mapping_key(file_name, written)) for written in names}  # type: ignore[attr-defined]
        mappings[file_name] = {written: service for written, service in chosen.items() if service and service != NEW_SERVICE}
    return mappings


def directorate_key(file_name: str, written: str) -> str:
    """The widget key for the choice of the directorate a new service in a file goes in."""
    return f"directorate|{file_name}|{written}"


def directorate_options(suggested: object, directorates: list[str]) -> list[str]:
    """The directorates a new service can go in: the council's own (`directorates`), the one the return gives it when that
    is new, and Unassigned; the suggestion is among them. Names that differ only in case or spacing are one directorate."""
    options: dict[str, str] = {}
    for name in [*sorted(directorates), getattr(suggested, "stated", None), getattr(suggested, "directorate", None), UNASSIGNED]:
        if name:
            options.setdefault(name_key(name), name)
    return list(options.values())


def directorate_index(suggested: object, options: list[str]) -> int:
    """Where the suggested directorate is among the options (an existing directorate's own spelling counts)."""
    keys = [name_key(option) for option in options]
    wanted = name_key(getattr(suggested, "directorate", "") or "")
    return keys.index(wanted) if wanted in keys else len(options) - 1


def directorate_suggestion(suggested: object) -> str:
    """'Suggested: Finance & HR (the return says)', said under the choice of a new service's directorate."""
    return f"Suggested: {getattr(suggested, 'directorate', '')} ({getattr(suggested, 'source', '')})"


def chosen_directorates(outcomes: list[LoadOutcome], choices: object,
                        mappings: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The directorate of each new service, as the officer chose it (or, not yet asked, as suggested): {file: {service:
    directorate}}. Names mapped to an existing service, and refused files, have none."""
    chosen: dict[str, dict[str, str]] = {}
    for outcome in outcomes:
        if outcome.refused:
            continue
        mapped = (mappings or {}).get(outcome.file_name, {})
        for suggested in outcome.new_service_directorates:
            if suggested.service in mapped:
                continue
            answer = choices.get(directorate_key(outcome.file_name, suggested.service)) or suggested.directorate  # type: ignore[attr-defined]
            chosen.setdefault(outcome.file_name, {})[suggested.service] = answer
    return chosen


NAMED_IN_MESSAGE = 5  # new services named in the message after storing; a first national load adds thousands


def stored_message(stored: list[LoadOutcome], directorates: dict[str, dict[str, str]] | None = None) -> str:
    """The one message after Confirm: 'Stored: budget.xlsx as history entry 5, adding 1 new service: Street Lighting (in
    Environment), with 2 polarities confirmed; kpis.xlsx: this content was already loaded ...; nothing stored'. Up to
    NAMED_IN_MESSAGE new services are named, then 'and 9 more'."""
    parts = []
    for outcome in stored:
        if outcome.already_loaded:
            parts.append(outcome.already_loaded)
            continue
        chosen = (directorates or {}).get(outcome.file_name, {})
        added = [f"{name} (in {chosen[name]})" if chosen.get(name) else name for name in outcome.new_services[:NAMED_IN_MESSAGE]]
        more = len(outcome.new_services) - len(added)
        parts.append(f"{outcome.file_name} as history entry {outcome.load_id}"
                     + (f", adding {plural(len(outcome.new_services), 'new service')}: {', '.join(added)}" if added else "")
                     + (f" and {more} more" if more > 0 else "")
                     + (f", with {plural(outcome.polarities_confirmed, 'polarity', 'polarities')} confirmed"
                        if outcome.polarities_confirmed else ""))
    return "Stored: " + "; ".join(parts)


def polarity_label(file_name: str, assumed: object) -> str:
    """How an assumed polarity is offered for flipping: 'Housing Benefits: Average days to process claims (budget.xlsx)'."""
    return f"{assumed.service}: {assumed.indicator} ({file_name})"  # type: ignore[attr-defined]


def chosen_polarities(outcomes: list[LoadOutcome], flipped: list[str]) -> dict[str, dict[tuple[str, str], str]]:
    """What storing records of the assumed polarities: for each file, every one assumed from the name (confirmed as
    judged) and every one the officer flipped (`flipped`: their polarity_label), as {(service, indicator): polarity}."""
    chosen: dict[str, dict[tuple[str, str], str]] = {}
    for outcome in outcomes:
        for assumed in outcome.assumed_polarities:
            flip = polarity_label(outcome.file_name, assumed) in flipped
            if flip or assumed.cue:
                polarity = ("lower" if assumed.polarity == "higher" else "higher") if flip else assumed.polarity
                chosen.setdefault(outcome.file_name, {})[(assumed.service, assumed.indicator)] = polarity
    return chosen


def preview_tables(outcomes: list[LoadOutcome]) -> dict[str, pd.DataFrame]:
    """What a set of returns will do, as tables: added, superseded (what changes, and old and new side by side),
    errors (sheet, cell, problem, what is expected), warnings, the files already loaded, the budget
    years left partial, and the indicators whose polarity is assumed."""
    added, superseded, errors, warnings, skipped, partial, assumed = [], [], [], [], [], [], []
    for outcome in outcomes:
        name = outcome.file_name
        for coverage in outcome.coverage:
            partial.append({"File": name, "Year": coverage.year, "Covers": coverage.words})
        for polarity in outcome.assumed_polarities:
            assumed.append({"File": name, "Service": polarity.service, "Indicator": polarity.indicator, "Judged as": polarity.judged,
                            "Why": polarity.why, "_label": polarity_label(name, polarity)})
        for change in outcome.added:
            added.append({"File": name, "What": change.what, "Service": change.service, "Period": change.period, "New value": change.new})
        for change in outcome.superseded:
            superseded.append({"File": name, "What": change.what, "Service": change.service, "Period": change.period,
                               "What changes": change.changes, "Old value": change.old, "New value": change.new})
        for problem in outcome.problems:
            errors.append({"File": name, "Sheet": problem.sheet, "Cell": problem.cell, "Problem": problem.problem,
                           "What is expected": problem.expected})
        shown_above = {coverage.message for coverage in outcome.coverage}  # the page says these first, on their own
        for warning in outcome.warnings:
            if warning not in shown_above:
                warnings.append({"File": name, "Warning": warning})
        if outcome.already_loaded:
            skipped.append({"File": name, "Already loaded": outcome.already_loaded})
    return {
        "added": pd.DataFrame(added, columns=["File", "What", "Service", "Period", "New value"]),
        "superseded": pd.DataFrame(superseded, columns=["File", "What", "Service", "Period", "What changes", "Old value", "New value"]),
        "errors": pd.DataFrame(errors, columns=["File", "Sheet", "Cell", "Problem", "What is expected"]),
        "warnings": pd.DataFrame(warnings, columns=["File", "Warning"]),
        "already_loaded": pd.DataFrame(skipped, columns=["File", "Already loaded"]),
        "partial_years": pd.DataFrame(partial, columns=["File", "Year", "Covers"]),
        "assumed_polarities": pd.DataFrame(assumed, columns=["File", "Service", "Indicator", "Judged as", "Why", "_label"]),
    }


WARNING_SHOWN = 90  # characters of an entry's first warning in the history table; load_warnings_table has them all


def _warnings_words(text: str | None) -> str:
    """'none', '1 warning: Budget!B9: the printed total…', '3 warnings: … (and 2 more)'."""
    import json

    found = [str(warning) for warning in json.loads(text or "[]")]
    if not found:
        return "none"
    first = found[0] if len(found[0]) <= WARNING_SHOWN else found[0][: WARNING_SHOWN - 1].rstrip() + "…"
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return f"{plural(len(found), 'warning')}: {first}{more}"


def load_warnings_table(loads: pd.DataFrame) -> pd.DataFrame:
    """Every warning of every load in full, one a row (Entry, What, Warning), newest entry first."""
    import json

    rows = [{"Entry": entry, "What": what, "Warning": str(warning)}
            for entry, what, text in zip(loads["load_id"], loads["file_name"], loads["warnings_json"], strict=True)
            for warning in json.loads(text or "[]")]
    return pd.DataFrame(rows, columns=["Entry", "What", "Warning"])


def load_history_table(loads: pd.DataFrame) -> pd.DataFrame:
    """The load history, newest first: when, what, who, counts and warnings (how many, and the first, shortened), in words."""
    import json

    def counts(text: str) -> str:
        found = json.loads(text or "{}")
        return ", ".join(f"{count} {what}" for what, count in found.items() if count and isinstance(count, int) and "load" not in what)

    return pd.DataFrame({
        "Entry": loads["load_id"],
        "When": loads["loaded_at"].map(lambda t: f"{pd.Timestamp(t):%d %b %Y %H:%M}"),
        "What": loads["file_name"],
        "Kind": loads["kind"].map({"import": "return loaded", "restore": "restore", "settings": "settings change",
                                   "withdrawal": "withdrawal"}),
        "Who": loads["loaded_by"],
        "Counts": loads["counts_json"].map(counts),
        "Warnings": loads["warnings_json"].map(_warnings_words),
    })
