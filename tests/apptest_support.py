"""Running the real app under AppTest as a browser session would (used by the page tests and the page benchmark)."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/budget.py", "pages/savings.py", "pages/performance.py", "pages/service_plan.py", "pages/monitoring.py",
         "pages/risks.py"]


def run_entrypoint_as_a_session_does(main_script_path: str) -> None:
    """AppTest resets Streamlit's "this app has a pages/ folder" flag before every run, so every
    run takes the legacy multipage path, and switch_page then runs the page file without app.py
    (no sidebar, no filters). In a real session st.navigation turns that path off after the first
    run and app.py runs every time; this does the same."""
    path = Path(main_script_path)
    exec(compile(path.read_text(), str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})  # noqa: S102


def use_real_navigation(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(script_runner, "_mpa_v1", run_entrypoint_as_a_session_does)


def tables_on(at) -> list:  # type: ignore[no-untyped-def]
    """Every table the page shows, in page order: the whole ones (st.table), then any long ones that scroll (st.dataframe)."""
    return [element.value for element in [*at.table, *at.dataframe]]


def loaded(db_url: str, sheets: dict, name: str) -> None:
    """A return (sheets as rows) loaded by an officer, as the Import page would store it."""
    from data_layer.db import session_scope
    from data_layer.loader import import_workbook
    from tests.conftest import workbook_bytes

    with session_scope(db_url, writing=True) as session:
        assert import_workbook(session, workbook_bytes(sheets), name, loaded_by="officer").stored


def run(at):  # type: ignore[no-untyped-def]
    """Run the page again, failing on any exception it shows."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose_entry(at, starts: str):  # type: ignore[no-untyped-def]
    """Choose the History entry whose label starts with `starts`."""
    entries = at.selectbox(key="history_entry")
    entries.set_value(next(option for option in entries.options if option.startswith(starts)))
    return run(at)


def budget(db_url: str) -> dict:
    """The current net budget per (service, year), as `report --json` gives it."""
    from data_layer.db import session_scope
    from data_layer.report import build_report

    with session_scope(db_url) as session:
        return {(row["service"], row["year"]): row["net_budget"] for row in build_report(session=session)["budget"]}
