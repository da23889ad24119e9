"""The sample council a new user sees on first run (sample_data/*.xlsx, loaded in name order)."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from data_layer.loader import import_workbook
from data_layer.models import Council

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"


def sample_files() -> list[Path]:
    """The sample returns, in the order they are meant to load (their names start 01-, 02-...)."""
    return sorted(SAMPLE_DATA.glob("*.xlsx"))


def load_sample_data(*, session: Session) -> list[str]:
    """Load the sample returns when the database holds no council yet; returns the files loaded.

    A sample file that is refused is a defect in the product, so it raises.
    """
    if session.exec(select(Council)).first() is not None:
        return []
    loaded = []
    for path in sample_files():
        outcome = import_workbook(session, path.read_bytes(), path.name, loaded_by="sample data")
        if outcome.refused:
            raise RuntimeError(f"sample file {path.name} was refused: " + "; ".join(outcome.errors))
        loaded.append(path.name)
    return loaded
