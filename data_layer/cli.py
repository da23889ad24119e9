"""The command line: import returns and report on them without the web app.

    python -m data_layer import FILE [FILE ...] [--db URL] [--strict] [--dry-run] [--by NAME]
    python -m data_layer report [--db URL] [--period 2012/13] [--json]
    python -m data_layer init [--db URL]      (create the database; load sample_data/ if it is empty)
    python -m data_layer backup FILE [--db URL]   (copy the embedded database, safe while the app runs)
    python -m data_layer restore FILE [--db URL]  (replace it with a backup; the current one is kept beside it)
    python -m data_layer users add NAME --role viewer|finance|admin   (also: password, role, remove, unlock, list)
    python -m data_layer withdraw LOAD_ID [--db URL] [--by NAME] [--yes]   (take a wrong load back out; shows what changes first)

Exit codes: 0 done, 1 a workbook was refused, a load could not be withdrawn or the database could not be used, 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy.exc

from data_layer.db import database_url, session_scope
from data_layer.loader import LoadOutcome, check_size, import_workbook
from data_layer.report import ReportProblem, build_report, normalise_financial_year
from data_layer.returns.workbook import WorkbookRefused
from data_layer.sample import load_sample_data


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_layer", description="Sightline: load council returns and report on them.")
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = "database URL (default: DATABASE_URL, else the embedded SQLite file sightline.db)"

    importing = commands.add_parser("import", help="load .xlsx returns (each all or nothing)")
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.add_argument("--db", help=db_help)
    importing.add_argument("--strict", action="store_true", help="treat a printed total that does not match its rows as an error")
    importing.add_argument("--dry-run", action="store_true", help="check and show what would change; store nothing")
    importing.add_argument("--by", default=None, help="who is loading (default: your user name)")

    report = commands.add_parser("report", help="budgets, savings and indicator bands")
    report.add_argument("--db", help=db_help)
    report.add_argument("--period", help="a financial year such as 2012/13: indicators at their latest period in it")
    report.add_argument("--json", action="store_true", help="print one JSON object")

    briefing = commands.add_parser("briefing", help="a pre-meeting briefing pack (HTML, PDF or PowerPoint)")
    briefing.add_argument("--db", help=db_help)
    briefing.add_argument("--scope", default="council",
                          help="council (default), a head of service / directorate name, or committee:NAME for the services it reviews")
    briefing.add_argument("--period", help="a financial year such as 2012/13 (default: the latest whose budget is complete)")
    briefing.add_argument("--format", dest="file_format", choices=["html", "pdf", "pptx"], default="html")
    briefing.add_argument("--out", required=True, metavar="FILE", help="where to write the pack")

    backup = commands.add_parser("backup", help="copy the embedded database to FILE (safe while the app runs)")
    backup.add_argument("file", metavar="FILE")
    backup.add_argument("--db", help=db_help)
    restore = commands.add_parser("restore", help="replace the embedded database with the backup FILE (the current one is kept)")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--db", help=db_help)

    users = commands.add_parser("users", help="accounts for sign-in on a shared deployment (SIGHTLINE_SIGN_IN=on)")
    actions = users.add_subparsers(dest="action", required=True)
    adding = actions.add_parser("add", help="add an account (asks for its password)")
    adding.add_argument("name")
    adding.add_argument("--role", required=True, choices=["viewer", "finance", "admin"],
                        help="viewer: read pages; finance: also import, restore, settings; admin: also accounts")
    password = actions.add_parser("password", help="set an account's new password (ends its sessions)")
    password.add_argument("name")
    for command in (adding, password):
        command.add_argument("--password-stdin", action="store_true", help="read the password from standard input (for scripts)")
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=["viewer", "finance", "admin"])
    removing = actions.add_parser("remove", help="remove an account")
    removing.add_argument("name")
    unlocking = actions.add_parser("unlock", help="clear a name's failed sign-ins")
    unlocking.add_argument("name")
    actions.add_parser("list", help="list the accounts")
    for command in (adding, password, role, removing, unlocking, *[a for n, a in actions.choices.items() if n == "list"]):
        command.add_argument("--db", help=db_help)

    init = commands.add_parser("init", help="create the database and load sample_data/ when it holds nothing yet")
    init.add_argument("--db", help=db_help)

    withdraw = commands.add_parser("withdraw", help="take a load back out: its values go, the earlier values they replaced come back")
    withdraw.add_argument("load_id", type=int, metavar="LOAD_ID", help="the load's number (the Entry column of the History page)")
    withdraw.add_argument("--db", help=db_help)
    withdraw.add_argument("--by", default=None, help="who is withdrawing it (default: your user name)")
    withdraw.add_argument("--yes", action="store_true", help="withdraw without asking (needed when standard input is not a terminal)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "import":
            return _import(arguments)
        if arguments.command == "report":
            return _report(arguments)
        if arguments.command == "briefing":
            return _briefing(arguments)
        if arguments.command in ("backup", "restore"):
            return _backup_or_restore(arguments)
        if arguments.command == "users":
            return _users(arguments)
        if arguments.command == "withdraw":
            return _withdraw(arguments)
        return _init(arguments)
    except sqlalchemy.exc.OperationalError as error:
        print(f"error: cannot use the database {database_url(arguments.db)}: {error.orig}", file=sys.stderr)
        return 1
    except sqlalchemy.exc.ArgumentError as error:
        print(f"error: {database_url(arguments.db)} is not a database URL ({error}); "
              "expected e.g. sqlite:///sightline.db or postgresql+psycopg://user@host/dbname", file=sys.stderr)
        return 1


def _import(arguments: argparse.Namespace) -> int:
    refused = 0
    loaded_by = arguments.by or _user_name()
    for name in arguments.files:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: refused: no such file; expected the path of an .xlsx return", file=sys.stderr)
            refused += 1
            continue
        try:
            check_size(path.stat().st_size, path.name)  # before reading it into memory
        except WorkbookRefused as refusal:
            print(f"{name}: refused, nothing stored (1 error):\n  {refusal}", file=sys.stderr)
            refused += 1
            continue
        with session_scope(arguments.db, writing=not arguments.dry_run) as session:
            outcome = import_workbook(session, path.read_bytes(), path.name, loaded_by=loaded_by,
                                      strict=arguments.strict, dry_run=arguments.dry_run)
        _print_outcome(name, outcome, dry_run=arguments.dry_run)
        refused += outcome.refused
    return 1 if refused else 0


def _print_outcome(name: str, outcome: LoadOutcome, *, dry_run: bool) -> None:
    if outcome.refused:
        print(f"{name}: refused, nothing stored ({len(outcome.errors)} error{'s' if len(outcome.errors) != 1 else ''}):", file=sys.stderr)
        for error in outcome.errors:
            print(f"  {error}", file=sys.stderr)
        for warning in outcome.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        return
    if outcome.already_loaded:
        print(outcome.already_loaded)
        return
    verb = "would store" if dry_run else f"stored as load {outcome.load_id}"
    print(f"{name}: {verb} for {outcome.council}: {len(outcome.added)} new values, "
          f"{len(outcome.superseded)} superseding earlier values, {outcome.unchanged} unchanged")
    counts = ", ".join(f"{count} {what}" for what, count in outcome.counts.items() if count)
    if counts:
        print(f"  read: {counts}")
    if outcome.new_services:
        print("  new services: " + ", ".join(outcome.new_services))
    for change in outcome.superseded:
        print(f"  superseded: {change.what} {change.service} {change.period}: {change.changes or f'{change.old} -> {change.new}'}")
    if outcome.sheets_ignored:
        print("  sheets ignored: " + ", ".join(outcome.sheets_ignored))
    for warning in outcome.warnings:
        print(f"  warning: {warning}")
    if outcome.assumed_polarities:
        print(f"  polarity assumed for {len(outcome.assumed_polarities)} indicator{'s' if len(outcome.assumed_polarities) != 1 else ''} "
              "(nothing in the return states it; confirm or change it on the Settings page):")
        for assumed in outcome.assumed_polarities:
            print(f"    {assumed.service}: {assumed.indicator}: {assumed.judged}, {assumed.why}")


def _report(arguments: argparse.Namespace) -> int:
    with session_scope(arguments.db) as session:
        try:
            report = build_report(session=session, period=arguments.period)
        except ReportProblem as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    if arguments.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    if report["council"] is None:
        print("The database holds no returns yet: load some with python -m data_layer import FILE.xlsx")
        return 0
    print(f"{report['council']}" + (f", {report['period']}" if report["period"] else ""))
    print("\nPerformance by service (Green / Amber / Red / No data, overall)")
    for row in report["services"]:
        print(f"  {row['directorate']:<40} {row['service']:<40} {row['green']:>3} {row['amber']:>3} {row['red']:>3} {row['no_data']:>3}  {row['overall']}")
    print("\nExceptions")
    for row in report["indicators"]:
        if row["band"] in ("Red", "Amber"):
            print(f"  {row['band']:<6} {row['service']}: {row['name']} ({row['period']}): {row['reason']}")
    high = [r for r in report["risks"] if r["latest"] and r["current_band"] == "High"]
    if high:
        print("\nHigh risks (each at its latest register)")
        for r in high:
            print(f"  {r['reference']} {r['title']} ({r['period']}): {r['current_likelihood']} x {r['current_impact']} = "
                  f"{r['current_rating']}, target {r['target_rating'] or 'none'}; {r['trend']}")
    latest_plan = max((a["as_at"] for a in report["actions"]), default=None)
    overdue = [a for a in report["actions"] if a["overdue"] and a["as_at"] == latest_plan]
    if overdue:
        print(f"\nActions overdue (plan as at {latest_plan})")
        for a in overdue:
            print(f"  {a['action']} ({a['owner'] or 'no owner'}): due {a['due_text']}, {a['days_overdue']} days overdue"
                  + (f"; the officer reports {a['status'] or 'no status'}" if a["status_differs"] else ""))
    return 0


def _briefing(arguments: argparse.Namespace) -> int:
    from data_layer.briefing import build_briefing
    from data_layer.briefing_render import BriefingProblem, render
    from data_layer.views import briefing_filters, build_view, read_council_data

    with session_scope(arguments.db) as session:
        data = read_council_data(session=session)
    if data is None:
        print("error: the database holds no returns yet: load some with python -m data_layer import FILE.xlsx", file=sys.stderr)
        return 1
    try:
        filters = briefing_filters(data, arguments.scope, normalise_financial_year(arguments.period) if arguments.period else None)
        content = render(build_briefing(build_view(data, filters)), arguments.file_format)
    except (ReportProblem, BriefingProblem) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2 if isinstance(problem, ReportProblem) else 1
    Path(arguments.out).write_bytes(content)
    print(f"wrote {arguments.out}: {arguments.file_format} briefing for {filters.scope}, {filters.financial_year or data.default_year}")
    return 0


def _backup_or_restore(arguments: argparse.Namespace) -> int:
    from data_layer.backup import BackupProblem, backup, restore

    url = database_url(arguments.db)
    try:
        if arguments.command == "backup":
            summary = backup(url, Path(arguments.file))
            print(f"backed up {url} to {arguments.file}: {', '.join(summary.councils) or 'no council yet'}, {summary.loads} loads")
            return 0
        summary, kept = restore(url, Path(arguments.file))
    except BackupProblem as problem:
        print(f"error: {problem}; nothing changed", file=sys.stderr)
        return 1
    print(f"restored {arguments.file} into {url}: {', '.join(summary.councils) or 'no council yet'}, {summary.loads} loads")
    if kept:
        print(f"  the database as it was is kept at {kept}")
    print("  a running app shows the restored figures on its next page load")
    return 0


def _users(arguments: argparse.Namespace) -> int:
    from data_layer import accounts

    try:
        new_password = _read_password(arguments) if arguments.action in ("add", "password") else ""
        with session_scope(arguments.db, writing=arguments.action != "list") as session:
            if arguments.action == "add":
                account = accounts.add_account(session, arguments.name, arguments.role, new_password)
                print(f'added {account.name} ({account.role}: {accounts.ROLE_MEANINGS[account.role]})')
            elif arguments.action == "password":
                print(f"set a new password for {accounts.set_password(session, arguments.name, new_password).name}; "
                      "their sessions have ended")
            elif arguments.action == "role":
                account = accounts.set_role(session, arguments.name, arguments.role)
                print(f"{account.name} is now {account.role}: {accounts.ROLE_MEANINGS[account.role]}")
            elif arguments.action == "remove":
                accounts.remove_account(session, arguments.name)
                print(f"removed {arguments.name}")
            elif arguments.action == "unlock":
                accounts.unlock(session, arguments.name)
                print(f"cleared the failed sign-ins of {arguments.name}")
            else:
                listed = accounts.list_accounts(session)
                for account in listed:
                    print(f"{account.name:<30} {account.role:<8} added {account.created_at:%d %b %Y}")
                if not listed:
                    print("no accounts yet: add one with python -m data_layer users add NAME --role admin")
    except accounts.AccountProblem as problem:
        print(f"error: {problem}; nothing changed", file=sys.stderr)
        return 1
    if arguments.action != "list" and not accounts.sign_in_required():
        print("note: sign-in is off; set SIGHTLINE_SIGN_IN=on where the app runs to require it")
    return 0


def _read_password(arguments: argparse.Namespace) -> str:
    from data_layer.accounts import AccountProblem

    if arguments.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("The same password again: ") != first:
        raise AccountProblem("the two passwords differ")
    return first


def _withdraw(arguments: argparse.Namespace) -> int:
    """Show what withdrawing the load changes, ask (unless --yes), then withdraw it in one transaction."""
    from data_layer.history import HistoryProblem
    from data_layer.withdrawal import plan_withdrawal, preview_lines, withdraw_load

    try:
        with session_scope(arguments.db) as session:
            plan = plan_withdrawal(session, arguments.load_id)
        print("\n".join(preview_lines(plan)))
        if not arguments.yes:
            if not sys.stdin.isatty():
                print(f"error: not withdrawn: standard input is not a terminal, so there is no one to ask; "
                      f"add --yes to confirm (python -m data_layer withdraw {arguments.load_id} --yes); nothing changed", file=sys.stderr)
                return 1
            try:
                answer = input(f"Withdraw load {arguments.load_id}? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print("not withdrawn; nothing changed")
                return 0
        with session_scope(arguments.db, writing=True) as session:  # planned again under the write lock; refused if not as shown
            outcome = withdraw_load(session, arguments.load_id, withdrawn_by=arguments.by or _user_name(), expected=plan.going)
    except HistoryProblem as problem:
        print(f"error: {problem}; nothing changed", file=sys.stderr)
        return 1
    print(outcome.message)
    return 0


def _init(arguments: argparse.Namespace) -> int:
    with session_scope(arguments.db, writing=True) as session:
        loaded = load_sample_data(session=session)
    if loaded:
        print(f"Loaded the sample council into {database_url(arguments.db)}: " + ", ".join(loaded))
    else:
        print(f"{database_url(arguments.db)} already holds returns; nothing loaded")
    return 0


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and services
        return "command line"
