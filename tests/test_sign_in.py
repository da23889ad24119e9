"""Sign-in and roles: accounts and hashing, rate limiting, expiry, and every role boundary in the real app.

The browser test in tests/e2e/test_browser.py requests the import page's address directly as a viewer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from data_layer import accounts
from data_layer.db import session_scope
from data_layer.models import Account, Load
from tests.apptest_support import APP, ROOT, tables_on, use_real_navigation
from tests.conftest import database_snapshot, run_cli, workbook_bytes

PASSWORD = "correct horse battery"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def add(url: str, name: str, role: str, password: str = PASSWORD) -> None:
    with session_scope(url, writing=True) as session:
        accounts.add_account(session, name, role, password)


def sign_in(url: str, name: str, password: str, now: datetime = T0) -> accounts.SignInResult:
    with session_scope(url, writing=True) as session:
        return accounts.sign_in(session, name, password, now=now)


# ------------------------------------------------------------------------- the data layer

def test_passwords_are_stored_only_as_argon2id_hashes(db_url):
    add(db_url, "Ana Patel", "admin")
    with session_scope(db_url) as session:
        [account] = session.exec(select(Account)).all()
    assert account.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # memory-hard: 64 MiB per guess
    assert PASSWORD not in account.password_hash
    assert sign_in(db_url, "ana patel", PASSWORD).signed_in.role == "admin"  # names ignore case and spacing


@pytest.mark.parametrize(("name", "password", "message"), [
    ("", PASSWORD, "the name is blank"),
    ("bob", "short", "the password is 5 characters long: expected at least 12"),
    ("bob-the-builder", "Bob The Builder", "the password is the account's name"),
])
def test_account_rules(db_url, name, password, message):
    with pytest.raises(accounts.AccountProblem, match=message), session_scope(db_url, writing=True) as session:
        accounts.add_account(session, name, "viewer", password)


def test_a_role_must_be_one_of_the_three_and_a_name_is_used_once(db_url):
    add(db_url, "bob", "viewer")
    with pytest.raises(accounts.AccountProblem, match="already an account"), session_scope(db_url, writing=True) as session:
        accounts.add_account(session, "Bob", "viewer", PASSWORD)
    with pytest.raises(accounts.AccountProblem, match='"owner" is not a role'), session_scope(db_url, writing=True) as session:
        accounts.add_account(session, "carol", "owner", PASSWORD)


def test_failed_sign_ins_lock_the_name_even_for_the_right_password_then_unlock(db_url):
    add(db_url, "bob", "finance")
    messages = [sign_in(db_url, "bob", "wrong password!", T0 + timedelta(seconds=n)).message for n in range(accounts.MAX_FAILURES)]
    assert messages[0] == accounts.NOT_RECOGNISED
    assert "locked for 15 minutes" in messages[-1]
    locked = sign_in(db_url, "bob", PASSWORD, T0 + timedelta(minutes=5))
    assert locked.signed_in is None and "Too many failed sign-ins for this name: try again in 10 minutes" in locked.message
    later = sign_in(db_url, "bob", PASSWORD, T0 + timedelta(minutes=16))
    assert later.signed_in is not None and later.signed_in.name == "bob"


def test_an_unknown_name_is_refused_and_throttled_like_a_known_one(db_url):
    results = [sign_in(db_url, "mallory", PASSWORD, T0) for _ in range(accounts.MAX_FAILURES + 1)]
    assert results[0].message == accounts.NOT_RECOGNISED  # the same words as a wrong password: no hint the name is unknown
    assert "Too many failed sign-ins" in results[-1].message


def test_failures_spread_beyond_the_window_do_not_lock(db_url):
    add(db_url, "bob", "viewer")
    for n in range(accounts.MAX_FAILURES + 2):
        assert "locked" not in sign_in(db_url, "bob", "wrong password!", T0 + n * accounts.FAILURE_WINDOW).message
    assert sign_in(db_url, "bob", PASSWORD, T0 + 10 * accounts.FAILURE_WINDOW).signed_in is not None


def test_a_session_ends_when_idle_too_long_after_eight_hours_or_when_the_account_changes(db_url, monkeypatch):
    add(db_url, "bob", "finance")
    signed = sign_in(db_url, "bob", PASSWORD).signed_in

    def account():  # type: ignore[no-untyped-def]
        with session_scope(db_url) as session:
            return accounts.find_account(session, "bob")

    assert accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=29)) is None
    assert "after 30 minutes without activity" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=31))
    signed.last_seen = T0 + timedelta(hours=8, minutes=10)
    assert "after 8 hours" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(hours=8, minutes=11))
    monkeypatch.setenv("SIGHTLINE_SESSION_IDLE_MINUTES", "5")
    signed.last_seen = T0
    assert "after 5 minutes" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=6))
    signed.last_seen = T0 + timedelta(minutes=1)
    with session_scope(db_url, writing=True) as session:
        accounts.set_role(session, "bob", "viewer")
    assert "Your role is now viewer" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=2))
    signed.role = "viewer"
    with session_scope(db_url, writing=True) as session:
        accounts.set_password(session, "bob", "another good password", now=T0 + timedelta(minutes=3))
    assert "password was changed" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=4))
    with session_scope(db_url, writing=True) as session:
        accounts.remove_account(session, "bob")
    assert "removed" in accounts.still_signed_in(signed, account(), now=T0 + timedelta(minutes=4))


def test_the_only_admin_cannot_be_demoted_or_removed_while_others_remain(db_url):
    add(db_url, "ana", "admin")
    add(db_url, "bob", "finance")
    for action, arguments in ((accounts.set_role, {"role": "finance"}), (accounts.remove_account, {})):
        with pytest.raises(accounts.AccountProblem, match="only admin"), session_scope(db_url, writing=True) as session:
            action(session, "ana", **arguments)
    with session_scope(db_url, writing=True) as session:
        accounts.set_role(session, "bob", "admin")
        accounts.set_role(session, "ana", "viewer")


def test_users_add_through_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    result = run_cli("users", "add", "Ana Patel", "--role", "admin", "--password-stdin", "--db", url, input_text=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "added Ana Patel (admin" in result.stdout
    assert sign_in(url, "Ana Patel", PASSWORD).signed_in.role == "admin"
    refused = run_cli("users", "add", "bob", "--role", "finance", "--password-stdin", "--db", url, input_text="short\n")
    assert refused.returncode == 1 and "expected at least 12" in refused.stderr and "Traceback" not in refused.stderr
    bad_role = run_cli("users", "add", "bob", "--role", "owner", "--password-stdin", "--db", url, input_text=PASSWORD + "\n")
    assert bad_role.returncode == 2 and "invalid choice: 'owner'" in bad_role.stderr
    listed = run_cli("users", "list", "--db", url)
    assert "Ana Patel" in listed.stdout and "admin" in listed.stdout


# ----------------------------------------------------------------------------- the real app

@pytest.fixture
def signed_app(monkeypatch, tmp_path):
    """The app with SIGHTLINE_SIGN_IN=on over the sample council, and a way to sign in as someone."""
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    for name, role in (("vic", "viewer"), ("fiona", "finance"), ("ada", "admin")):
        add(url, name, role)
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SIGHTLINE_SIGN_IN", "on")
    monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1")
    st.cache_data.clear()
    st.cache_resource.clear()

    def start(name: str | None = None, password: str = PASSWORD) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        if name is not None:
            enter(at, name, password)
        assert not at.exception, [e.value for e in at.exception]
        return at

    start.url = url  # type: ignore[attr-defined]
    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def enter(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click()
    at.run()
    return at


def page_files(at: AppTest) -> set[str]:
    return {str(info.get("script_path", "")).rsplit("/", 1)[-1] for info in at._registered_pages.values()} - {""}


def text(at: AppTest) -> str:
    return " ".join([t.value for t in at.title] + [m.value for m in at.markdown] + [e.value for e in at.error]
                    + [i.value for i in at.info] + [f.to_string() for f in tables_on(at)])


def test_with_sign_in_on_nothing_shows_before_signing_in(signed_app):
    at = signed_app()
    assert [t.value for t in at.title] == ["Sign in to Sightline"]
    assert "Sevenoaks" not in text(at) and not tables_on(at) and not at.sidebar.selectbox
    enter(at, "vic", "wrong password!")
    assert accounts.NOT_RECOGNISED in text(at) and [t.value for t in at.title] == ["Sign in to Sightline"]


def test_a_viewer_sees_only_the_read_pages(signed_app):
    at = signed_app("vic")
    assert [t.value for t in at.title] == ["Overview"]
    assert page_files(at) == {f"{name}.py" for name in accounts.READ_PAGES}
    assert "Signed in as **vic** (viewer)" in " ".join(c.value for c in at.sidebar.caption)
    for page in ("pages/import_returns.py", "pages/history.py", "pages/settings.py", "pages/accounts.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in this session's navigation at all
            at.switch_page(page)


@pytest.mark.parametrize("page", ["import_returns", "history", "settings", "accounts"])
def test_a_viewer_requesting_a_finance_page_directly_is_refused_by_the_page_itself(signed_app, page):
    """A page file run on its own (as Streamlit does for a bookmarked address on a fresh server) checks the role too."""
    signed_app()  # the app has created the database and loaded the sample
    with session_scope(signed_app.url, writing=True) as session:
        signed = accounts.sign_in(session, "vic", PASSWORD).signed_in
    before = database_snapshot(signed_app.url)
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    at.session_state["sightline_entry_ran"] = True
    at.session_state["sightline_signed_in"] = signed
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("not open to the viewer role" in e.value for e in at.error), [e.value for e in at.error]
    assert not at.file_uploader and not at.button and not tables_on(at)
    assert database_snapshot(signed_app.url) == before


def test_finance_reaches_import_history_and_settings_but_not_accounts(signed_app):
    at = signed_app("fiona")
    assert page_files(at) == {f"{name}.py" for name in accounts.READ_PAGES + accounts.FINANCE_PAGES}
    at.switch_page("pages/import_returns.py").run()
    assert [t.value for t in at.title] == ["Import returns"] and not at.exception
    revised = workbook_bytes({"Budget": [["Council: Sevenoaks District Council"], ["Directorate", "Service", "2012/13"],
                                         ["Environmental & Operational Services", "Direct Services", "3,700"]]})
    at.file_uploader(key="returns").set_value([("revised.xlsx", revised, "application/vnd.ms-excel")]).run()
    at.button(key="confirm").click().run()
    with session_scope(signed_app.url) as session:
        assert session.exec(select(Load).order_by(Load.id.desc())).first().loaded_by == "fiona"  # the account, not a typed name
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/accounts.py")


def test_an_admin_manages_accounts_in_the_app(signed_app):
    at = signed_app("ada")
    assert "accounts.py" in page_files(at)
    at.switch_page("pages/accounts.py").run()
    at.text_input(key="new_account_name").input("Gita")
    at.selectbox(key="new_account_role").set_value("finance")
    at.text_input(key="new_account_password").input("three random words")
    at.button[0].click()  # the form's Add account
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Added Gita (finance)." in [s.value for s in at.success]
    assert sign_in(signed_app.url, "gita", "three random words").signed_in.role == "finance"


def test_signing_out_and_an_idle_session_end_at_the_sign_in_page(signed_app, monkeypatch):
    at = signed_app("vic")
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in to Sightline"] and "You have signed out." in text(at)
    enter(at, "vic", PASSWORD)
    assert [t.value for t in at.title] == ["Overview"]
    at.session_state["sightline_signed_in"].last_seen -= timedelta(minutes=31)  # half an hour without a click
    at.run()
    assert [t.value for t in at.title] == ["Sign in to Sightline"]
    assert "signed out after 30 minutes without activity" in text(at)


def test_repeated_failures_lock_the_name_in_the_app(signed_app):
    at = signed_app()
    for _ in range(accounts.MAX_FAILURES):
        enter(at, "fiona", "not her password")
    enter(at, "fiona", PASSWORD)
    assert "Too many failed sign-ins for this name" in text(at)
    assert [t.value for t in at.title] == ["Sign in to Sightline"]


def test_with_sign_in_off_every_page_but_accounts_is_open(monkeypatch, tmp_path):
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'sightline.db'}")
    monkeypatch.delenv("SIGHTLINE_SIGN_IN", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert page_files(at) == {f"{name}.py" for name in accounts.READ_PAGES + accounts.FINANCE_PAGES}
    assert [t.value for t in at.title] == ["Overview"]
    st.cache_data.clear()
    st.cache_resource.clear()


def test_with_sign_in_off_the_accounts_page_run_directly_shows_nothing(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'sightline.db'}"
    add(url, "ana", "admin")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SIGHTLINE_SIGN_IN", raising=False)
    at = AppTest.from_file(str(ROOT / "pages" / "accounts.py"), default_timeout=60)
    at.session_state["sightline_entry_ran"] = True
    at.run()
    assert any("not open to anyone while sign-in is off" in e.value for e in at.error)
    assert not tables_on(at) and not at.text_input
