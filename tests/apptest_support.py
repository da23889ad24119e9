"""Running the real app under AppTest as a browser session would (used by the page tests and the page benchmark)."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/budget.py", "pages/savings.py", "pages/performance.py", "pages/service_plan.py"]


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
