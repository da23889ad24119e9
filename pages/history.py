"""History: every load, restore and settings change; the original files; restoring an earlier load."""

import streamlit as st

from data_layer import presentation
from data_layer import streamlit_glue as glue
from data_layer.history import restore_load

glue.require_app(__file__)

data = glue.finance_page("History", "history_message")

history = presentation.load_history_table(data["loads"])
glue.show_table(history, "History")

st.subheader("An earlier entry")
labels = {f"{row.Entry}: {row.What} ({row.When}, {row.Who})": row.Entry for row in history.itertuples()}
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
