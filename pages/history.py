"""History: every load, restore, withdrawal and settings change; the original files; restoring an earlier load; withdrawing a wrong one."""

import streamlit as st

from data_layer import presentation, withdrawal
from data_layer import streamlit_glue as glue
from data_layer.history import restore_load

glue.require_app(__file__)

data = glue.finance_page("History", "history_message")
withdrawn = glue.withdrawn_loads()

history = withdrawal.mark_withdrawn(presentation.load_history_table(data["loads"]), withdrawn)
glue.show_table(history, "History")

st.subheader("An earlier entry")
labels = {f"{row.Entry}: {row.What} ({row.When}, {row.Who})": int(row.Entry) for row in history.itertuples()}
chosen = labels[st.selectbox("Entry", list(labels), key="history_entry")]
original = glue.original_file(chosen)
if original is not None:
    st.download_button("Download the original file", original[1], original[0], key="original")
st.caption("Restoring brings back this entry's values that later loads replaced; it is recorded as a new history entry, "
           "and the later values stay in the history too.")
by = glue.your_name()
if st.button("Restore this entry's values", key="restore"):
    message = glue.change(restore_load, load_id=chosen, restored_by=by)
    if message:
        st.session_state["history_message"] = message.capitalize()
        st.rerun()

st.subheader("Withdraw a wrong load")
kinds = dict(zip(data["loads"]["load_id"], data["loads"]["kind"], strict=True))
reason = withdrawal.not_withdrawable(kinds[chosen], chosen, withdrawn)
if reason:
    st.caption(reason)
    st.stop()
st.caption("Withdrawing takes this load's values out and brings back the earlier values they replaced. It is recorded as a new "
           "history entry; nothing is deleted, and restoring this entry later brings its values back.")
preview_key = f"withdrawal_preview_{chosen}"  # what the last run showed for this load, so Confirm withdraws exactly that
if st.button("Withdraw this load", key="withdraw"):
    st.session_state[preview_key] = None
if preview_key in st.session_state:
    plan = glue.withdrawal_preview(chosen)
    if isinstance(plan, str):
        st.error(plan)
        st.session_state.pop(preview_key)
        st.stop()
    shown = st.session_state[preview_key]
    st.markdown(f"**These values go** ({plan.removed})")
    glue.show_table(withdrawal.going_table(plan), "These values go")
    back = withdrawal.coming_back_table(plan)
    if back.empty:
        st.caption("No earlier values come back: the services had none before this load, so its values simply go.")
    else:
        st.markdown(f"**These earlier values come back** ({plan.back})")
        glue.show_table(back, "These earlier values come back")
    st.caption(withdrawal.left_caption(plan))
    if st.button("Confirm withdrawal", type="primary", key="confirm_withdrawal"):
        message = glue.change(withdrawal.withdraw_load, load_id=chosen, withdrawn_by=by, expected=plan.going if shown is None else shown)
        if message:
            st.session_state.pop(preview_key)
            st.session_state["history_message"] = message[0].upper() + message[1:]
            st.rerun()
    st.session_state[preview_key] = plan.going
