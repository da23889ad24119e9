"""The one module that imports Streamlit: cached loaders, the sidebar's filters, and the
table and chart widgets every page shares.

Loaders take the database URL as their first argument so tests (and a shared deployment)
point the app at their own database, and caches never mix databases.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_layer import accounts, presentation
from data_layer.db import data_version, database_url, session_scope
from data_layer.figures_file import Figures, council_figures
from data_layer.sample import load_sample_data
from data_layer.views import ALL_DIRECTORATES, LATEST, CouncilData, Filters, View, build_view

NO_RETURNS = ("No returns are loaded yet. Load your council's returns (.xlsx) from the command line with "
              "`python -m data_layer import FILE.xlsx`; the README describes each sheet.")


def current_database_url() -> str:
    """DATABASE_URL when set (tests, shared deployments), else the embedded SQLite file."""
    return database_url(None)


@st.cache_resource(show_spinner="Preparing the database…")
def ensure_database(url: str) -> list[str]:
    """Create the tables; on the embedded database, load the sample council on first run.

    A server database named through DATABASE_URL is never filled with the sample unless
    SIGHTLINE_LOAD_SAMPLE=1, so a council's own deployment starts empty.
    """
    embedded = url == database_url(None) and "DATABASE_URL" not in os.environ
    wanted = os.environ.get("SIGHTLINE_LOAD_SAMPLE", "1" if embedded else "0") == "1"
    if not wanted:
        with session_scope(url) as session:  # creates the tables
            return []
    with session_scope(url, writing=True) as session:
        return load_sample_data(session=session)


def load_council_data(url: str) -> CouncilData | None:
    """The council's current facts with every indicator value banded; None when nothing is loaded.

    Cached against the database's data version, so a load from the command line, another
    app process or a restored backup shows on the next page load without a restart.
    """
    return _council_data(url, data_version(url))


# The figures are cached as shared objects (st.cache_resource), not copied per run as st.cache_data
# would: at national scale a copy of a million values costs a second on every click. Nothing may
# change a cached frame in place; pandas' copy-on-write makes every frame derived from one a copy
# (tests/test_pages.py checks a tour of every page leaves the cached figures as they were).
# Between processes they are kept in the figures file (data_layer/figures_file.py).
@st.cache_resource(show_spinner="Loading the figures…", max_entries=2)
def _figures(url: str, version: tuple) -> Figures:
    return council_figures(url)


def _council_data(url: str, version: tuple) -> CouncilData | None:
    return _figures(url, version).data


def load_view(url: str, financial_year: str | None, kpi_period: str | None, directorate: str | None) -> View | None:
    return _view(url, data_version(url), financial_year, kpi_period, directorate)


@st.cache_resource(show_spinner=False, max_entries=32)
def _view(url: str, version: tuple, financial_year: str | None, kpi_period: str | None, directorate: str | None) -> View | None:
    figures = _figures(url, version)
    if figures.data is None:
        return None
    kept = figures.view_for(financial_year, kpi_period, directorate)
    return kept if kept is not None else build_view(figures.data, Filters(financial_year, kpi_period, directorate))


def clear() -> None:
    """Forget every cached figure, after a load changes the data (the data version changes too)."""
    st.cache_data.clear()
    _figures.clear()
    _view.clear()


# ----------------------------------------------------------------------------- the sidebar

def sidebar() -> None:
    """The council, the period and the directorate filter, shown on every page (drawn by app.py)."""
    url = current_database_url()
    ensure_database(url)
    data = load_council_data(url)
    with st.sidebar:
        if data is None:
            st.caption("No council loaded yet.")
            return
        st.markdown(f"**{data.council}**")
        years = data.financial_years
        if st.session_state.get("financial_year") not in years:  # first visit, or the year chosen is gone: the latest complete
            st.session_state["financial_year"] = data.default_year
        st.selectbox("Financial year", years, key="financial_year", format_func=data.year_label,
                     help="The year the budget, savings and performance are shown for. A year whose budget is partial says so; "
                          "pages open on the latest complete year.")
        periods = [LATEST, *data.kpi_periods(st.session_state.get("financial_year"))]
        st.selectbox("Performance as at", periods, key="kpi_period",
                     help="Latest shows each indicator's most recent value in the year; or choose a month or quarter.")
        st.selectbox("Head of service / directorate", [ALL_DIRECTORATES, *data.directorates], key="directorate")


def current_view() -> View | None:
    """The figures for the sidebar's current choices (None when no council is loaded)."""
    period = st.session_state.get("kpi_period")
    directorate = st.session_state.get("directorate")
    return load_view(current_database_url(), st.session_state.get("financial_year"),
                     None if period in (None, LATEST) else period,
                     None if directorate in (None, ALL_DIRECTORATES) else directorate)


PAGE_CSS = Path(__file__).with_name("page.css")


def page_style() -> None:
    """Sightline's few layout rules (data_layer/page.css): less blank space above the title, headline figures that
    wrap rather than cut, table words that wrap, a narrower sidebar on a tablet. Style only: takes no room on the page."""
    st.html(f"<style>{PAGE_CSS.read_text(encoding='utf-8')}</style>")


def page_heading(title: str, view: View | None) -> View:
    """Title, one line for the scope and the figures' freshness (the returns behind it in an expander), and a note when
    the figures are the sample council's; stops the page with guidance when nothing is loaded."""
    st.title(title)
    if view is None:
        st.info(NO_RETURNS)
        st.stop()
    assert view is not None
    st.caption(f"{view.council} · {view.filters.scope} · {view.year or 'no year loaded'} · {presentation.freshness_line(view.loads)}")
    sources = presentation.sources_table(view.loads)
    if not sources.empty:
        with st.expander(f"The {presentation.plural(len(sources), 'return')} behind these figures"):
            st.markdown("\n".join(f"- {presentation.markdown_text(row.Return)}, loaded {row.Loaded} by {presentation.markdown_text(row.By)}"
                                   for row in sources.itertuples()))
    if presentation.is_sample(view.loads):
        st.caption(presentation.SAMPLE_NOTE)
    return view


def _choose_year(year: str) -> None:
    st.session_state["financial_year"] = year  # in a callback, before the sidebar's selectbox is drawn again
    st.session_state["kpi_period"] = LATEST


def indicators_elsewhere(view: View, guidance: str) -> None:
    """For a page with no indicator values in its year: where they are instead, and a button to show that year; the
    guidance on loading a KPI return when there are none at all."""
    words = presentation.kpi_elsewhere_words(view)
    if words is None:
        st.info(guidance)
        return
    st.info(words)
    year = next(iter(view.kpi_elsewhere))
    st.button(f"Show {year}", on_click=_choose_year, args=(year,), key=f"show-year-{year}")


def partial_year_notice(view: View) -> None:
    """A visible warning when the chosen year's budget is partial: what it covers, and how its figures are compared."""
    if view.coverage:
        st.warning(presentation.partial_year_words(view))


READING_ROWS = 150  # up to this many rows a table is laid out whole, its text wrapped; a longer one scrolls in a frame


def show_table(table: pd.DataFrame, name: str, *, height: int | None = None, on_screen: list[str] | None = None,
               period_said: bool = False) -> None:
    """A table on screen (money the one way: £1,083k, £10.4m) with CSV and Excel downloads (every column, money exact).

    `on_screen` names the columns a councillor reads here; the rest (and a Period every row shares, said above the
    table instead, or already in the heading: `period_said`) are in the downloads, and the caption says so. A table a councillor reads (up to READING_ROWS rows)
    is laid out whole, its sentences wrapped and its short columns (bands, money, periods, counts) kept on one line, so
    no reason or commentary is cut off and nothing needs sideways scrolling at 820 px wide. A longer one (a national
    dataset) scrolls inside a frame of its own, and says so.
    """
    screen, note = presentation.screen_columns(table, on_screen, period_said=period_said)
    if note:
        st.caption(note)
    shown = presentation.for_display(screen)
    styled = shown.style.apply(lambda _: presentation.band_cell_colours(shown), axis=None)
    if len(shown) <= READING_ROWS:
        st.table(styled.set_table_styles(presentation.column_styles(screen)).hide(axis="index"))
    else:
        wide = {column: st.column_config.TextColumn(width="large") for column in presentation.long_text_columns(shown)}
        st.caption(f"{len(shown):,} rows: scroll within the table, or download it below to read it all.")
        st.dataframe(styled, hide_index=True, width="stretch", column_config=wide, height=height or 700)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    downloads = st.container(horizontal=True)  # side by side, each as wide as its label (never cut to "Dow...")
    csv_column = excel_column = downloads
    csv_column.download_button("Download CSV", presentation.csv_bytes(table), f"{slug}.csv", "text/csv", key=f"{slug}-csv")
    excel_column.download_button("Download Excel", presentation.excel_bytes(table, name), f"{slug}.xlsx",
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{slug}-xlsx")


def show_chart(figure: go.Figure) -> None:
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})


# --------------------------------------------------------------------- changing the data

_YOUR_NAME = "sightline_your_name"  # the name typed, for the session: Streamlit forgets a widget's own key when its page is left


def your_name() -> str:
    """Who is making a change, for the history: the account signed in, or (no sign-in on a laptop) a name typed.

    The name typed is remembered for the browser session, on every page (Import, History, Settings), until changed;
    a blank name falls back to the computer's login name.
    """
    import getpass

    signed = signed_in()
    if signed is not None:
        st.caption(f"Changes are recorded in the History as {signed.name}.")
        return signed.name

    try:
        default = getpass.getuser()
    except Exception:  # no login name in some containers and services
        default = "finance officer"
    # Streamlit's own pattern for a widget that outlives its page: the value kept under a key of our own (copied on each
    # change, before the page runs) is given back to the widget on every run, on whichever page draws it.
    st.session_state["your_name"] = st.session_state.get(_YOUR_NAME, default)
    typed = st.text_input("Your name, for the history", key="your_name", max_chars=200, on_change=_keep_your_name)
    return typed.strip()[:200] or default


def _keep_your_name() -> None:
    st.session_state[_YOUR_NAME] = st.session_state["your_name"]


def preview_returns(files: list[tuple[str, bytes]], mappings: dict[str, dict[str, str]]) -> list:
    """What each return would do, read and checked against the database; nothing is stored."""
    from data_layer.loader import import_workbook

    outcomes = []
    progress = st.progress(0.0, text="Reading and checking the returns…")
    with session_scope(current_database_url()) as session:
        for index, (name, data) in enumerate(files, start=1):
            outcomes.append(import_workbook(session, data, name, dry_run=True, service_mapping=mappings.get(name)))
            progress.progress(index / len(files), text=f"Checked {index} of {len(files)}: {name}")
        session.rollback()
    progress.empty()
    return outcomes


def store_returns(files: list[tuple[str, bytes]], mappings: dict[str, dict[str, str]], by: str,
                  polarities: dict[str, dict[tuple[str, str], str]] | None = None,
                  directorates: dict[str, dict[str, str]] | None = None) -> list:
    """Store every return in one transaction (all or nothing), with the polarities the officer confirmed or flipped and
    each new service in the directorate chosen for it, then forget the cached figures."""
    from data_layer.loader import import_workbooks

    _require_change_rights()
    with session_scope(current_database_url(), writing=True) as session:
        outcomes = import_workbooks(session, files, loaded_by=by, service_mappings=mappings, polarities=polarities,
                                    directorates=directorates)
        if any(outcome.refused for outcome in outcomes):
            session.rollback()
            return outcomes
    clear()
    return outcomes


def change(action, **arguments) -> str | None:  # type: ignore[no-untyped-def]
    """Run a history or settings action in its own transaction; show its message; clear the caches."""
    from data_layer.history import HistoryProblem

    _require_change_rights()
    try:
        with session_scope(current_database_url(), writing=True) as session:
            result = action(session, **arguments)
    except HistoryProblem as problem:
        st.error(str(problem))
        return None
    clear()
    return result if isinstance(result, str) else getattr(result, "message", "done")


def history_data():  # type: ignore[no-untyped-def]
    """The load history and, for settings, the aliases and indicators; None before anything is loaded."""
    from data_layer import repository

    with session_scope(current_database_url()) as session:
        council = repository.council(session=session)
        if council is None:
            return None
        assert council.id is not None
        return {"council": council, "loads": repository.loads(session=session, council_id=council.id),
                "aliases": repository.aliases(session=session, council_id=council.id),
                "services": repository.services(session=session, council_id=council.id),
                "indicators": repository.indicators(session=session, council_id=council.id)}


def finance_page(title: str, message_key: str):  # type: ignore[no-untyped-def]
    """Title, the data (stopping with guidance when nothing is loaded), and the last action's message."""
    st.title(title)
    data = history_data()
    if data is None:
        st.info(NO_RETURNS)
        st.stop()
    if st.session_state.get(message_key):
        st.success(st.session_state.pop(message_key))
    return data


def original_file(load_id: int) -> tuple[str, bytes] | None:
    from data_layer import repository

    with session_scope(current_database_url()) as session:
        return repository.original_file(session=session, load_id=load_id)


# -------------------------------------------------------------------- first-run deep links

_ENTRY_RAN = "sightline_entry_ran"
_OPEN_PAGE = "sightline_open_page"


def entry_ran() -> None:
    """app.py calls this on every run: the pages then know the sidebar and filters are there."""
    st.session_state[_ENTRY_RAN] = True


def require_app(page_file: str) -> None:
    """Send a page opened on its own through app.py.

    Because a pages/ folder sits beside app.py, a fresh server whose very first request is a
    page's own address (a bookmark) runs that page file alone: no sidebar, no filters, no
    sample data. This sends such a request to app.py, which then opens the page asked for.
    """
    if not st.session_state.get(_ENTRY_RAN):
        st.session_state[_OPEN_PAGE] = f"pages/{os.path.basename(page_file)}"
        st.switch_page("app.py")
    page = os.path.basename(page_file).removesuffix(".py")
    allowed = allowed_pages()
    if page not in allowed:  # app.py's navigation leaves it out; this holds even so
        signed = signed_in()
        who = f"the {signed.role} role" if signed else ("anyone while sign-in is off" if not accounts.sign_in_required() else "you")
        st.error(f"This page is not open to {who}. "
                 + ("Import, History and Settings are for finance staff." if page in accounts.FINANCE_PAGES else
                    "Accounts are for administrators."))
        st.stop()


def open_requested_page() -> None:
    """In app.py, after navigation: open the page a first request asked for (see require_app)."""
    wanted = st.session_state.pop(_OPEN_PAGE, None)
    allowed = allowed_pages()
    if wanted and os.path.basename(wanted).removesuffix(".py") in allowed:
        st.switch_page(wanted)


# -------------------------------------------------------------------------------- briefings

def briefing_scopes() -> dict[str, list[str]]:
    data = load_council_data(current_database_url())
    if data is None:
        return {"directorates": [], "committees": []}
    committees = sorted(data.committees["committee"].unique()) if not data.committees.empty else []
    return {"directorates": data.directorates, "committees": committees}


def generate_briefings(kind: str, choice: str | None, formats: list[str]) -> list[tuple[str, bytes | None, str, str | None]]:
    """Build the briefing for the sidebar's period and the chosen scope, in each format: (file name, content, type, problem).

    Files are named for the scope and the period (sightline-briefing-whole-council-2012-13.pptx), not the day they were made.
    """
    from data_layer.briefing import build_briefing
    from data_layer.briefing_render import BriefingProblem, render

    period = st.session_state.get("kpi_period")
    filters = Filters(st.session_state.get("financial_year"), None if period in (None, LATEST) else period,
                      choice if kind == "A head of service" else None, choice if kind == "A select committee" else None)
    data = load_council_data(current_database_url())
    assert data is not None
    briefing = build_briefing(build_view(data, filters))
    kinds = {"html": "text/html", "pdf": "application/pdf",
             "powerpoint": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
    files = []
    with st.spinner("Preparing the briefing…"):
        for name in formats:
            file_format = "pptx" if name == "powerpoint" else name
            try:
                files.append((briefing.file_name(file_format), render(briefing, file_format), kinds[name], None))
            except BriefingProblem as problem:
                files.append((briefing.file_name(file_format), None, kinds[name], str(problem)))
    return files


# ---------------------------------------------------------------------------------- sign-in

_SIGNED_IN = "sightline_signed_in"
_SIGNED_OUT_BECAUSE = "sightline_signed_out_because"


def signed_in() -> accounts.SignedIn | None:
    """Who is signed in to this browser session (None when sign-in is off or nobody is)."""
    return st.session_state.get(_SIGNED_IN) if accounts.sign_in_required() else None


def allowed_pages() -> tuple[str, ...]:
    """The pages this session may open: with sign-in off, every page but Accounts (there are no accounts to manage)."""
    if not accounts.sign_in_required():
        return accounts.READ_PAGES + accounts.FINANCE_PAGES
    signed = signed_in()
    return accounts.pages_for(signed.role if signed else None)


def sign_in_gate() -> None:
    """In app.py before anything else: with sign-in on, go on only for a current sign-in; else show the sign-in page."""
    if not accounts.sign_in_required():
        return
    signed = st.session_state.get(_SIGNED_IN)
    if signed is not None:
        with session_scope(current_database_url()) as session:
            account = accounts.find_account(session, signed.name)
        reason = accounts.still_signed_in(signed, account)
        if reason is None:
            from datetime import UTC, datetime

            signed.last_seen = datetime.now(UTC)
            return
        del st.session_state[_SIGNED_IN]
        st.session_state[_SIGNED_OUT_BECAUSE] = reason
    st.navigation([st.Page(_sign_in_page, title="Sign in", url_path="sign-in", default=True)], position="hidden").run()
    st.stop()


def _sign_in_page() -> None:
    st.title("Sign in to Sightline")
    reason = st.session_state.pop(_SIGNED_OUT_BECAUSE, None)
    if reason:
        st.info(reason)
    with session_scope(current_database_url()) as session:
        has_accounts = bool(accounts.list_accounts(session))
    if not has_accounts:
        st.warning("Sign-in is on, but there are no accounts yet. An administrator adds one on the server: "
                   "python -m data_layer users add NAME --role admin")
    with st.columns([2, 3])[0], st.form("sign_in", clear_on_submit=True):
        name = st.text_input("Name", key="sign_in_name", max_chars=100, autocomplete="username")
        password = st.text_input("Password", type="password", key="sign_in_password", max_chars=1024, autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        with session_scope(current_database_url(), writing=True) as session:
            result = accounts.sign_in(session, name, password)
        if result.signed_in is not None:
            st.session_state[_SIGNED_IN] = result.signed_in
            st.rerun()
        st.error(result.message)


def signed_in_sidebar() -> None:
    """Who is signed in, and a way to sign out (sign-in on only)."""
    signed = signed_in()
    if signed is None:
        return
    with st.sidebar:
        st.caption(f"Signed in as **{signed.name}** ({signed.role})")
        if st.button("Sign out", key="sign_out"):
            del st.session_state[_SIGNED_IN]
            st.session_state[_SIGNED_OUT_BECAUSE] = "You have signed out."
            st.rerun()


def _require_change_rights() -> None:
    """Every change checks the role itself, whatever page asked for it."""
    if accounts.sign_in_required():
        signed = signed_in()
        if signed is None or not accounts.may_change_data(signed.role):
            st.error("Only finance staff and administrators can change the data.")
            st.stop()


def account_action(action, **arguments) -> str | None:  # type: ignore[no-untyped-def]
    """An admin's change to accounts, in its own transaction; the problem shown if it cannot be done."""
    signed = signed_in()
    if signed is None or signed.role != "admin":
        st.error("Only administrators can change accounts.")
        st.stop()
    try:
        with session_scope(current_database_url(), writing=True) as session:
            action(session, **arguments)
    except accounts.AccountProblem as problem:
        st.error(str(problem)[0].upper() + str(problem)[1:] + ".")
        return None
    return "done"


def account_table() -> pd.DataFrame:
    with session_scope(current_database_url()) as session:
        listed = accounts.list_accounts(session)
    return pd.DataFrame({"Name": [a.name for a in listed], "Role": [a.role for a in listed],
                         "Can": [accounts.ROLE_MEANINGS[a.role] for a in listed],
                         "Added": [f"{a.created_at:%d %b %Y}" for a in listed]})


# ------------------------------------------------------------------------------ withdrawals

def previewed_change(key: str, *, start: tuple[str, str], preview, show, confirm: tuple[str, str], act, seen,  # type: ignore[no-untyped-def]
                     message_key: str = "history_message") -> None:
    """A change shown before it is made (a restore, a withdrawal): the `start` button (label, key) opens the preview,
    `preview()` gives the plan (or a message saying why there is none), `show(plan)` lays it out, and the `confirm`
    button makes it: `act(expected)` is given what the preview showed on the run before (`seen(plan)`), so a change that
    came in between is refused rather than made unseen. The outcome goes to `message_key` for the page to say."""
    if st.button(start[0], key=start[1]):
        st.session_state[key] = None
    if key not in st.session_state:
        return
    plan = preview()
    if isinstance(plan, str):
        st.error(plan)
        st.session_state.pop(key)
        return
    shown = st.session_state[key]
    show(plan)
    if st.button(confirm[0], type="primary", key=confirm[1]):
        message = act(seen(plan) if shown is None else shown)
        if message:
            st.session_state.pop(key)
            st.session_state[message_key] = message[0].upper() + message[1:]
            st.rerun()
    st.session_state[key] = seen(plan)


def withdrawal_preview(load_id: int):  # type: ignore[no-untyped-def]
    """What withdrawing a load would change (a WithdrawalPlan), or, as a str, why it cannot be withdrawn. Reads only."""
    from data_layer.history import HistoryProblem
    from data_layer.withdrawal import plan_withdrawal

    with session_scope(current_database_url()) as session:
        try:
            return plan_withdrawal(session, load_id)
        except HistoryProblem as problem:
            return str(problem)[0].upper() + str(problem)[1:] + "."


def restore_preview(load_id: int):  # type: ignore[no-untyped-def]
    """What restoring an entry would change (a RestorePlan), or, as a str, why there is nothing to restore. Reads only."""
    from data_layer.history import HistoryProblem, plan_restore

    with session_scope(current_database_url()) as session:
        try:
            return plan_restore(session, load_id)
        except HistoryProblem as problem:
            return str(problem)[0].upper() + str(problem)[1:] + "."


def restorable_entries() -> set[int]:
    """The history entries with values a later entry superseded (history.restorable_entries)."""
    from data_layer import repository
    from data_layer.history import restorable_entries as restorable

    with session_scope(current_database_url()) as session:
        council = repository.council(session=session)
        return set() if council is None or council.id is None else restorable(session, council.id)


def withdrawn_loads() -> dict[int, int]:
    """Each withdrawn load, mapped to the history entry that withdrew it."""
    from data_layer import repository
    from data_layer.withdrawal import withdrawn_entries

    with session_scope(current_database_url()) as session:
        council = repository.council(session=session)
        return {} if council is None or council.id is None else withdrawn_entries(session, council.id)
