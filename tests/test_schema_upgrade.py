"""A database made by an earlier Sightline opens in this one: the columns added since are added, nothing else changes."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from data_layer.db import forget_engines, get_engine, upgrade_schema
from data_layer.loader import import_workbook
from data_layer.report import build_report
from tests.conftest import workbook_bytes

ADDED = {"load.withdrawn_by_load_id", "indicatorvalue.frequency", "indicatorvalue.cumulative", "indicatorvalue.for_information"}
KPIS = {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls answered", "Contact centre", "Aug 2012", "80%", "84%"]]}


def _earlier_schema(url: str) -> None:
    """The tables as the version before these columns made them, with one council, load and indicator value in them."""
    earlier = sa.MetaData()
    for table in SQLModel.metadata.sorted_tables:
        sa.Table(table.name, earlier, *[column._copy() for column in table.columns if f"{table.name}.{column.name}" not in ADDED])
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        SQLModel.metadata.drop_all(connection)
        earlier.create_all(connection)
        connection.execute(sa.text("INSERT INTO council (id, name, default_tolerance, overall_rule) VALUES (1, 'Testshire DC', '10', 'most')"))
    engine.dispose()


def test_an_earlier_database_gets_the_new_columns_and_keeps_its_data(db_url):
    forget_engines()
    _earlier_schema(db_url)
    with Session(get_engine(db_url)) as session:  # opening it adds the columns
        columns = {f"{t}.{c['name']}" for t in ("load", "indicatorvalue") for c in sa.inspect(session.connection()).get_columns(t)}
        assert ADDED <= columns
        assert import_workbook(session, workbook_bytes(KPIS), "kpis.xlsx").stored
        session.commit()
        report = build_report(session=session)
    assert report["council"] == "Testshire DC" and report["indicators"][0]["band"] == "Green"
    with get_engine(db_url).begin() as connection:
        assert upgrade_schema(connection) == []  # a second opening has nothing to add


def test_a_backup_made_by_the_earlier_version_restores_and_opens(tmp_path):
    from data_layer.backup import check_database_file, restore

    backup = tmp_path / "earlier-backup.db"
    _earlier_schema(f"sqlite:///{backup}")
    assert check_database_file(backup).councils == ["Testshire DC"]  # the nullable columns it lacks are not a difference
    target = tmp_path / "sightline.db"
    forget_engines()
    restore(f"sqlite:///{target}", backup)
    engine = sa.create_engine(f"sqlite:///{target}")
    columns = {f"{t}.{c['name']}" for t in ("load", "indicatorvalue") for c in sa.inspect(engine).get_columns(t)}
    engine.dispose()
    assert ADDED <= columns  # added on restore, before any app process reads it
