"""Accounts (administrators, with sign-in on): who may sign in, and with which role."""

import streamlit as st

from data_layer import accounts
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

st.title("Accounts")
st.caption("Who may sign in and what they may do. Passwords are stored only as Argon2id hashes; "
           f"a new password needs at least {accounts.MIN_PASSWORD} characters (three random words make a good one).")
if st.session_state.get("accounts_message"):
    st.success(st.session_state.pop("accounts_message"))
glue.show_table(glue.account_table(), "Accounts")


def done(message: str | None, said: str) -> None:
    if message:
        st.session_state["accounts_message"] = said
        st.rerun()


st.subheader("Add an account")
with st.form("add_account", clear_on_submit=True):
    name = st.text_input("Name", max_chars=100, key="new_account_name")
    role = st.selectbox("Role", accounts.ROLES, format_func=lambda r: f"{r}: {accounts.ROLE_MEANINGS[r]}", key="new_account_role")
    password = st.text_input("Password", type="password", max_chars=1024, key="new_account_password")
    if st.form_submit_button("Add account"):
        done(glue.account_action(accounts.add_account, name=name, role=role, password=password), f"Added {name.strip()} ({role}).")

names = list(glue.account_table()["Name"])
if names:
    st.subheader("Change an account")
    chosen = st.selectbox("Account", names, key="account_chosen")
    role_column, password_column = st.columns(2)
    with role_column:
        new_role = st.selectbox("New role", accounts.ROLES, key="account_new_role")
        if st.button("Change role", key="change_role"):
            done(glue.account_action(accounts.set_role, name=chosen, role=new_role), f"{chosen} is now {new_role}.")
        if st.button("Clear failed sign-ins", key="unlock"):
            done(glue.account_action(accounts.unlock, name=chosen), f"Cleared the failed sign-ins of {chosen}.")
        if st.button("Remove account", key="remove_account"):
            done(glue.account_action(accounts.remove_account, name=chosen), f"Removed {chosen}.")
    with password_column:
        with st.form("reset_password", clear_on_submit=True):
            new_password = st.text_input("New password", type="password", max_chars=1024, key="account_new_password")
            if st.form_submit_button("Set password"):
                done(glue.account_action(accounts.set_password, name=chosen, password=new_password),
                     f"Set a new password for {chosen}; their sessions have ended.")
