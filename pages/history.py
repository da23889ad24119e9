"""History: every load, restore, withdrawal and settings change; the original files; restoring an earlier load and
withdrawing a wrong one, each after a preview of exactly what will change."""

import streamlit as st

from data_layer import history as restoring
from data_layer import load_tables, presentation, withdrawal
from data_layer import streamlit_glue as glue

glue.require_app(__file__)

data = glue.finance_page("History", "history_message")
withdrawn = glue.withdrawn_loads()

history = withdrawal.mark_withdrawn(load_tables.load_history_table(data["loads"]), withdrawn)
glue.show_table(history, "History")
warnings = load_tables.load_warnings_table(data["loads"])
if not warnings.empty:
    with st.expander(f"Every warning in full ({len(warnings)})"):
        st.dataframe(warnings, hide_index=True, width="stretch", column_config={"Warning": st.column_config.TextColumn(width="large")})
        st.download_button("Download the warnings (CSV)", presentation.csv_bytes(warnings), "load-warnings.csv", "text/csv",
                           key="load-warnings-csv")

st.subheader("An earlier entry")
labels = {f"{row.Entry}: {row.What} ({row.When}, {row.Who})": int(row.Entry) for row in history.itertuples()}
# Newest first; offered first, the newest but the latest with values a later entry replaced: the one someone would restore.
offered = restoring.entry_to_offer(list(labels.values()), glue.restorable_entries())
chosen = labels[st.selectbox("Entry", list(labels), index=offered, key="history_entry")]
original = glue.original_file(chosen)
if original is not None:
    st.download_button("Download the original file", original[1], original[0], key="original")
by = glue.your_name()

st.caption("Restoring brings back this entry's values that later loads replaced; it is recorded as a new history entry, "
           "and the later values stay in the history too. You see exactly what changes before anything does.")


def _show_restore(restore) -> None:  # type: ignore[no-untyped-def]
    st.markdown(f"**These values come back** ({restore.restored})")
    glue.show_table(restoring.coming_back_table(restore), "These values come back")
    replaced = restoring.replaced_table(restore)
    if replaced.empty:
        st.caption("No current values are replaced: nothing is current for these now, so the values simply come back.")
    else:
        st.markdown(f"**These current values are replaced** ({restore.replaced}; they stay in the history)")
        glue.show_table(replaced, "These current values are replaced")
    st.caption(restoring.restore_caption(restore))


# What the last run showed for this entry is kept under its key, so Confirm restores exactly that.
glue.previewed_change(f"restore_preview_{chosen}", start=("Restore this entry's values", "restore"),
                      preview=lambda: glue.restore_preview(chosen), show=_show_restore,
                      confirm=("Confirm restore", "confirm_restore"), seen=lambda plan: plan.coming,
                      act=lambda expected: glue.change(restoring.restore_load, load_id=chosen, restored_by=by, expected=expected))

st.subheader("Withdraw a wrong load")
kinds = dict(zip(data["loads"]["load_id"], data["loads"]["kind"], strict=True))
reason = withdrawal.not_withdrawable(kinds[chosen], chosen, withdrawn)
if reason:
    st.caption(reason)
    st.stop()
st.caption("Withdrawing takes this load's values out and brings back the earlier values they replaced. It is recorded as a new "
           "history entry; nothing is deleted, and restoring this entry later brings its values back.")


def _show_withdrawal(plan) -> None:  # type: ignore[no-untyped-def]
    st.markdown(f"**These values go** ({plan.removed})")
    glue.show_table(withdrawal.going_table(plan), "These values go")
    back = withdrawal.coming_back_table(plan)
    if back.empty:
        st.caption("No earlier values come back: the services had none before this load, so its values simply go.")
    else:
        st.markdown(f"**These earlier values come back** ({plan.back})")
        glue.show_table(back, "These earlier values come back")
    st.caption(withdrawal.left_caption(plan))


glue.previewed_change(f"withdrawal_preview_{chosen}", start=("Withdraw this load", "withdraw"),
                      preview=lambda: glue.withdrawal_preview(chosen), show=_show_withdrawal,
                      confirm=("Confirm withdrawal", "confirm_withdrawal"), seen=lambda plan: plan.going,
                      act=lambda expected: glue.change(withdrawal.withdraw_load, load_id=chosen, withdrawn_by=by, expected=expected))
