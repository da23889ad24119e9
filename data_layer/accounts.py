"""Sign-in and roles for a shared deployment; off on a personal laptop.

Turned on by SIGHTLINE_SIGN_IN=on. Accounts are local to the database: a name, a role and a
password hashed with Argon2id (memory-hard: each guess costs an attacker 64 MiB and about
0.1 s). Roles:

- viewer: the read pages (overview, budget, savings, performance, service plan, briefing);
- finance: those, and import, history (restore) and settings;
- admin: those, and the accounts page.

Failed sign-ins are counted per name in the database (so every app process shares the
count, and an unknown name is treated like a known one); after MAX_FAILURES within
FAILURE_WINDOW the name is locked for LOCKOUT. A signed-in session ends after IDLE minutes
without use, after MAX_SESSION hours in all, or when the account is removed, its role
changed or its password reset.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from data_layer.models import Account, SignInThrottle
from data_layer.values import name_key

ROLES = ("viewer", "finance", "admin")
ROLE_MEANINGS = {
    "viewer": "reads the figures and makes briefing packs",
    "finance": "also imports returns, restores earlier loads and changes settings",
    "admin": "also manages accounts",
}
READ_PAGES = ("overview", "budget", "savings", "monitoring", "risks", "performance", "service_plan", "briefing")
FINANCE_PAGES = ("import_returns", "history", "settings")
ADMIN_PAGES = ("accounts",)
MIN_PASSWORD = 12  # length over complexity, as the NCSC advises
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
NOT_RECOGNISED = "Name or password not recognised."


class AccountProblem(Exception):
    """A request about accounts that cannot be done; one line for the user."""


@dataclass
class SignedIn:
    """Who is signed in to one browser session, and since when."""

    name: str
    role: str
    signed_in_at: datetime
    last_seen: datetime
    password_changed_at: datetime


@dataclass(frozen=True)
class SignInResult:
    signed_in: SignedIn | None
    message: str | None = None


def sign_in_required() -> bool:
    """SIGHTLINE_SIGN_IN=on (or 1, true, yes) turns sign-in on; it is off by default."""
    return os.environ.get("SIGHTLINE_SIGN_IN", "").strip().casefold() in ("1", "on", "true", "yes", "required")


def session_limits() -> tuple[timedelta, timedelta]:
    """(idle, whole): SIGHTLINE_SESSION_IDLE_MINUTES (default 30) and SIGHTLINE_SESSION_HOURS (default 8)."""
    def number(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, default))
        except ValueError:
            return default
        return value if value > 0 else default

    return timedelta(minutes=number("SIGHTLINE_SESSION_IDLE_MINUTES", 30)), timedelta(hours=number("SIGHTLINE_SESSION_HOURS", 8))


def pages_for(role: str | None) -> tuple[str, ...]:
    """The pages a role may open (by file name without .py)."""
    if role == "admin":
        return READ_PAGES + FINANCE_PAGES + ADMIN_PAGES
    if role == "finance":
        return READ_PAGES + FINANCE_PAGES
    if role == "viewer":
        return READ_PAGES
    return ()


def may_change_data(role: str | None) -> bool:
    return role in ("finance", "admin")


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id; 64 MiB, 3 passes, 4 lanes (RFC 9106's second recommended option)


@cache
def _decoy_hash() -> str:
    """Checked when a name is unknown, so a wrong name takes as long as a wrong password."""
    return _hasher().hash("a password no account has")


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every one stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --------------------------------------------------------------------------------- accounts

def _check_name(name: str) -> str:
    shown = " ".join(name.split())
    if not shown:
        raise AccountProblem("the name is blank: expected a name such as a.patel")
    if len(shown) > 100:
        raise AccountProblem(f"the name is {len(shown)} characters long: expected at most 100")
    return shown


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountProblem(f'"{role}" is not a role: expected one of {", ".join(ROLES)}')
    return role


def check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountProblem(f"the password is {len(password)} characters long: expected at least {MIN_PASSWORD} "
                             "(three random words make a good one)")
    if len(password) > 1024:
        raise AccountProblem("the password is longer than 1,024 characters")
    if name_key(password) == name_key(name):
        raise AccountProblem("the password is the account's name: choose another")


def find_account(session: Session, name: str) -> Account | None:
    return session.exec(select(Account).where(Account.name_key == name_key(name))).first()


def list_accounts(session: Session) -> list[Account]:
    return list(session.exec(select(Account).order_by(Account.name_key)))


def add_account(session: Session, name: str, role: str, password: str) -> Account:
    shown, role = _check_name(name), _check_role(role)
    if find_account(session, shown) is not None:
        raise AccountProblem(f'there is already an account called "{shown}"')
    check_password(shown, password)
    account = Account(name=shown, name_key=name_key(shown), role=role, password_hash=_hasher().hash(password))
    session.add(account)
    session.flush()
    return account


def _existing(session: Session, name: str) -> Account:
    account = find_account(session, name)
    if account is None:
        known = ", ".join(a.name for a in list_accounts(session)) or "none yet"
        raise AccountProblem(f'there is no account called "{name}" (accounts: {known})')
    return account


def set_password(session: Session, name: str, password: str, *, now: datetime | None = None) -> Account:
    account = _existing(session, name)
    check_password(account.name, password)
    account.password_hash = _hasher().hash(password)
    account.password_changed_at = _now(now)  # ends the account's sessions
    session.add(account)
    unlock(session, account.name)
    return account


def _last_admin(session: Session, account: Account) -> bool:
    admins = [a for a in list_accounts(session) if a.role == "admin"]
    return account.role == "admin" and len(admins) == 1


def set_role(session: Session, name: str, role: str) -> Account:
    account = _existing(session, name)
    role = _check_role(role)
    if role != "admin" and _last_admin(session, account):
        raise AccountProblem(f'"{account.name}" is the only admin: make another account admin first')
    account.role = role
    session.add(account)
    return account


def remove_account(session: Session, name: str) -> None:
    account = _existing(session, name)
    if _last_admin(session, account) and len(list_accounts(session)) > 1:
        raise AccountProblem(f'"{account.name}" is the only admin: make another account admin first')
    session.delete(account)
    unlock(session, account.name)


def unlock(session: Session, name: str) -> None:
    throttle = session.get(SignInThrottle, name_key(name))
    if throttle is not None:
        session.delete(throttle)


# ---------------------------------------------------------------------------------- sign-in

def sign_in(session: Session, name: str, password: str, *, now: datetime | None = None) -> SignInResult:
    """Check a name and password, counting failures. Use a writing session and commit whatever the result."""
    moment = _now(now)
    key = name_key(name)[:100]
    if not key or not password:
        return SignInResult(None, "Enter your name and password.")
    throttle = session.get(SignInThrottle, key)
    if throttle is not None and throttle.locked_until is not None and _aware(throttle.locked_until) > moment:
        minutes = max(1, round((_aware(throttle.locked_until) - moment).total_seconds() / 60))
        return SignInResult(None, f"Too many failed sign-ins for this name: try again in {minutes} minute{'s' if minutes != 1 else ''}, "
                                  "or ask an administrator to unlock it.")
    account = session.exec(select(Account).where(Account.name_key == key)).first()
    try:
        matched = _hasher().verify(account.password_hash if account else _decoy_hash(), password[:1024]) and account is not None
    except (VerificationError, InvalidHashError):
        matched = False
    if not matched:
        if throttle is None or _aware(throttle.window_started_at) + FAILURE_WINDOW < moment:
            throttle = throttle or SignInThrottle(name_key=key)
            throttle.failures, throttle.window_started_at, throttle.locked_until = 0, moment, None
        throttle.failures += 1
        if throttle.failures >= MAX_FAILURES:
            throttle.locked_until = moment + LOCKOUT
        session.add(throttle)
        left = MAX_FAILURES - throttle.failures
        if left <= 0:
            return SignInResult(None, f"{NOT_RECOGNISED} That was {MAX_FAILURES} failed tries: this name is locked for "
                                      f"{int(LOCKOUT.total_seconds() // 60)} minutes.")
        return SignInResult(None, NOT_RECOGNISED + (f" {left} more tr{'ies' if left != 1 else 'y'} before this name is locked." if left <= 2 else ""))
    assert account is not None
    if throttle is not None:
        session.delete(throttle)
    if _hasher().check_needs_rehash(account.password_hash):
        account.password_hash = _hasher().hash(password)
        session.add(account)
    return SignInResult(SignedIn(account.name, account.role, moment, moment, _aware(account.password_changed_at)))


def still_signed_in(signed: SignedIn, account: Account | None, *, now: datetime | None = None) -> str | None:
    """None while the session may go on; otherwise why it ended, to show on the sign-in page."""
    moment = _now(now)
    idle, whole = session_limits()
    if account is None:
        return "Your account has been removed. Ask an administrator if you still need access."
    if _aware(account.password_changed_at) != signed.password_changed_at:
        return "Your password was changed: sign in again."
    if account.role != signed.role:
        return f"Your role is now {account.role}: sign in again."
    if moment - signed.last_seen > idle:
        return f"You were signed out after {int(idle.total_seconds() // 60)} minutes without activity."
    if moment - signed.signed_in_at > whole:
        return f"You were signed out after {whole.total_seconds() / 3600:g} hours: sign in again."
    return None
