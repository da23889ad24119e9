"""The council's banded figures kept on disk between processes, so a restart does not read them again.

Reading a national database (1.26 million indicator values) and banding it takes tens of
seconds; every new app process, or a second server, paid it again. After a read, the figures and
the whole-council view every first page shows are written to a figures file, labelled with the
database's data version (which every load, restore and settings change moves on) and with a
fingerprint of the code that computed them. A process that finds a file with the current label
uses it; any other file is ignored and replaced. The database stays the only record: the file
can be deleted at any time, and is, on a restore.

Where: beside an SQLite database (sightline.db.figures); for PostgreSQL, in
~/.cache/sightline (XDG_CACHE_HOME); anywhere with SIGHTLINE_FIGURES_DIR; not at all with
SIGHTLINE_FIGURES_DIR=off.

The file is a pickle, so it is trusted only when this user wrote it: it must be owned by the
user running the app and writable by no one else (as ssh treats its keys); otherwise it is
ignored. Anyone who could write such a file could already run code as that user.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import platform
import stat
import tempfile
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_layer.db import data_version_in, database_url, session_scope
from data_layer.views import CouncilData, Filters, View, banded_in_scope, build_view, read_council_data

log = logging.getLogger(__name__)
MAGIC = b"SIGHTLINE FIGURES 1\n"
_WRITING: list[threading.Thread] = []
PACK_FROM_ROWS = 10_000  # smaller frames are pickled as they are


@dataclass(frozen=True)
class Figures:
    """What the pages start from: the council's data, and the view with no filter chosen."""

    data: CouncilData | None
    first_view: View | None

    def kept(self) -> Figures:
        """As written to the file, to read back fast: columns of Python objects (Decimals, dates) as codes into
        their distinct objects, and of the view's every-value frame (a second copy of the banded values) only
        the columns it adds."""
        data = _packed(replace(self.data, _by_scope={})) if self.data is not None else None  # not the per-scope figures
        view = self.first_view
        if view is not None:
            added = view.indicators[[c for c in view.indicators.columns if c not in self.data.banded.columns]]  # type: ignore[union-attr]
            view = _packed(replace(view, indicators=_Added(added)))
        return Figures(data, view)

    def restored(self) -> Figures:
        """The figures as they were before `kept`."""
        data = _unpacked(self.data) if self.data is not None else None
        view = self.first_view
        if view is not None and data is not None:
            view = _unpacked(view)
            if isinstance(view.indicators, _Added):
                banded = banded_in_scope(data, None, None, view.year)  # the whole council, up to the view's year
                added = view.indicators.columns
                if not banded.index.equals(added.index):
                    raise ValueError("the kept view does not match the kept values")
                view = replace(view, indicators=banded.assign(**{name: added[name] for name in added.columns}))
        return Figures(data, view)

    def view_for(self, financial_year: str | None, kpi_period: str | None, directorate: str | None) -> View | None:
        """The kept whole-council view, when these are its filters."""
        view = self.first_view
        if view is None or self.data is None:
            return None
        year = financial_year or self.data.default_year
        chosen = view.filters
        if (year, kpi_period, directorate) == (chosen.financial_year, chosen.kpi_period, chosen.directorate):
            return view
        return None


@dataclass(frozen=True)
class _Added:
    """The columns the view's every-value frame adds to the banded values (direction of travel)."""

    columns: pd.DataFrame


def _packed(holder):  # type: ignore[no-untyped-def]
    """The dataclass with each large frame's columns of Python objects (Decimals, dates) as codes into their
    distinct objects: read back with one numpy take each instead of a million unpicklings."""
    changes = {}
    for name, value in vars(holder).items():
        if isinstance(value, pd.DataFrame) and len(value) >= PACK_FROM_ROWS:
            encoded = {column: _encoded(value[column]) for column in value.columns if value[column].dtype == object}
            encoded = {column: found for column, found in encoded.items() if found is not None}
            if encoded:
                frame = value.assign(**{column: codes for column, (codes, _) in encoded.items()})
                changes[name] = _PackedFrame(frame, {column: objects for column, (_, objects) in encoded.items()})
    return replace(holder, **changes)


def _unpacked(holder):  # type: ignore[no-untyped-def]
    changes = {}
    for name, value in vars(holder).items():
        if isinstance(value, _PackedFrame):
            frame = value.frame
            changes[name] = frame.assign(**{column: pd.Series(objects[frame[column].to_numpy()], index=frame.index, dtype=object, copy=False)
                                            for column, objects in value.objects.items()})
    return replace(holder, **changes)


def _encoded(column: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Codes and distinct objects, told apart by identity (so Decimal('1.0') and Decimal('1.00') stay themselves)."""
    values = column.to_numpy(dtype=object)
    identities = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
    distinct, first, codes = np.unique(identities, return_index=True, return_inverse=True)
    if len(distinct) > len(values) // 2:
        return None  # mostly distinct: nothing gained
    return codes.astype(np.int32), values[first]


@dataclass(frozen=True)
class _PackedFrame:
    frame: pd.DataFrame  # each packed column holds codes
    objects: dict[str, np.ndarray]  # column: its distinct objects


def figures_path(url: str | None = None) -> Path | None:
    """Where this database's figures file lives; None when none is kept (an in-memory database, or turned off)."""
    url = database_url(url)
    configured = os.environ.get("SIGHTLINE_FIGURES_DIR", "").strip()
    if configured.lower() == "off":
        return None
    parsed = sa.make_url(url)
    name = hashlib.sha256(parsed.render_as_string(hide_password=True).encode()).hexdigest()[:16] + ".figures"
    if configured:
        return Path(configured) / name
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        path = Path(database)
        return path.with_name(path.name + ".figures")
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sightline" / name


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes with any change to the code that computes the figures, or to the libraries that hold them."""
    import numpy
    import pandas

    digest = hashlib.sha256(f"{platform.python_version()} {pandas.__version__} {numpy.__version__}".encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def council_figures(url: str | None = None) -> Figures:
    """The figures for the database's current data: from the figures file when it has them, else read and kept."""
    url = database_url(url)
    path = figures_path(url)
    with session_scope(url) as session:
        label = {"code": code_fingerprint(), "data": list(data_version_in(session, url))}  # the same snapshot as the read below
        if path is not None:
            kept = _read(path, label)
            if kept is not None:
                return kept
        data = read_council_data(session=session)
    figures = Figures(data, build_view(data, Filters()) if data is not None else None)
    if path is not None:  # written while the first page is drawn (seconds at national scale); the process waits for it at exit
        writer = threading.Thread(target=_write, args=(path, label, figures), name="sightline-figures-file")
        writer.start()
        _WRITING.append(writer)
    return figures


def finish_writing() -> None:
    """Wait until every figures file this process started writing is written (tests; a benchmark)."""
    while _WRITING:
        _WRITING.pop().join()


def forget(url: str | None = None) -> None:
    """Delete the figures file (after a restore, say); the next read makes it again."""
    path = figures_path(url)
    if path is not None:
        path.unlink(missing_ok=True)


def _trusted(path: Path, descriptor: int) -> bool:
    """The open file is a regular file of this user's that no one else may write (checked on the file opened, not
    on its name, so it cannot be swapped between the check and the read)."""
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        return False
    if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
        log.warning("ignoring %s: it must belong to this user and be writable by no one else", path)
        return False
    return True


def _read(path: Path, label: dict) -> Figures | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a symbolic link is not followed
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("ignoring the figures file %s: %s", path, error)
        return None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            if not _trusted(path, stream.fileno()):
                return None
            if stream.readline() != MAGIC or json.loads(stream.readline()) != label:
                return None  # another data version or code: read afresh
            figures = pickle.load(stream)
        return figures.restored() if isinstance(figures, Figures) else None
    except Exception as error:  # noqa: BLE001 - any fault in a kept copy means reading the database instead, never an error page
        log.warning("ignoring the figures file %s: %s", path, error)
        return None


def _write(path: Path, label: dict, figures: Figures) -> None:
    """Written whole or not at all (a temporary file renamed over the old); a failure only loses the speed-up."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".partial")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC)
                stream.write(json.dumps(label).encode() + b"\n")
                pickle.dump(figures.kept(), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception as error:  # noqa: BLE001 - a file that cannot be written only loses the speed-up; the figures are in hand
        log.warning("could not keep the figures in %s: %s", path, error)
