"""Import: upload returns, see exactly what they will change and everything wrong with them, then confirm."""

import streamlit as st

from data_layer import load_tables, presentation, templates
from data_layer import streamlit_glue as glue
from data_layer.loader import max_upload_bytes

glue.require_app(__file__)

st.title("Import returns")
by = glue.your_name()
limit_mb = max(1, max_upload_bytes() // (1024 * 1024))
# Each store gives the uploader a new key, so it comes back empty and the stored files are not previewed again.
stores = st.session_state.get("import_stores", 0)
uploads = st.file_uploader(f"Returns (.xlsx, up to {limit_mb} MB each)", type=["xlsx"], accept_multiple_files=True,
                           max_upload_size=limit_mb, key="returns" if stores == 0 else f"returns-{stores}")

with st.expander("Blank returns to fill in (templates)"):
    st.caption("Each has the columns the importer reads and an Instructions sheet with example rows.")
    for kind in (*templates.RETURN_KINDS, "All sheets"):
        kinds = templates.RETURN_KINDS if kind == "All sheets" else (kind,)
        st.download_button(f"{kind} template", templates.template_workbook(kinds), f"sightline-{kind.lower().replace(' ', '-')}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"template-{kind}")

if not uploads:
    if st.session_state.get("import_message"):  # just stored: that is the one thing to say
        st.success(st.session_state.pop("import_message"))
    else:
        st.info("Choose one or more returns (Budget, Savings, KPIs, Services...). Nothing is stored until you confirm.")
    st.stop()
st.session_state.pop("import_message", None)

files = [(upload.name, upload.getvalue()) for upload in uploads]
data = glue.history_data()
existing = sorted(data["services"]["service"]) if data else []
# The names new to the database (before any mapping), then the preview with the mappings chosen below. The directorates
# chosen for new services are used when storing (a service new to the database changes no figure the preview shows).
unmapped = glue.preview_returns(files, {})
new_names = {outcome.file_name: outcome.new_services for outcome in unmapped if not outcome.refused}
mappings = load_tables.chosen_mappings(new_names, st.session_state)
directorates = load_tables.chosen_directorates(unmapped, st.session_state, mappings)
outcomes = glue.preview_returns(files, mappings) if any(mappings.values()) else unmapped
tables = load_tables.preview_tables(outcomes)

for row in tables["partial_years"].itertuples():
    st.warning(f"**Partial year.** {row.File}: the {row.Year} budget covers {row.Covers}. Until the rest is loaded, {row.Year} is "
               "labelled partial, its totals and changes compare like with like, and pages open on the latest complete year.")
if not tables["already_loaded"].empty:
    st.warning("Already loaded, so nothing from these files will be stored:")
    glue.show_table(tables["already_loaded"], "Already loaded")
if not tables["errors"].empty:
    st.error(f"{presentation.plural(len(tables['errors']), 'problem')}: nothing can be stored until they are put right in the workbook.")
    glue.show_table(tables["errors"], "Problems")
if not tables["warnings"].empty:
    st.warning(f"{presentation.plural(len(tables['warnings']), 'warning')}: these do not stop the load.")
    glue.show_table(tables["warnings"], "Warnings")

for outcome in unmapped:
    if outcome.refused or not outcome.new_services:
        continue
    st.subheader(f"New service names in {outcome.file_name}")
    st.caption("Each will be added as a new service in the directorate you choose, unless you say it is one you have already "
               "(the name is then saved as an alias).")
    suggested = {suggestion.service: suggestion for suggestion in outcome.new_service_directorates}
    for written in outcome.new_services:
        is_column, directorate_column = st.columns(2)
        meaning = is_column.selectbox(f'"{written}" is', [load_tables.NEW_SERVICE, *existing],
                                      key=load_tables.mapping_key(outcome.file_name, written))
        if meaning == load_tables.NEW_SERVICE and written in suggested:
            options = load_tables.directorate_options(suggested[written], outcome.directorates)
            directorate_column.selectbox(f'Directorate of "{written}"', options, index=load_tables.directorate_index(suggested[written], options),
                                         key=load_tables.directorate_key(outcome.file_name, written))
            directorate_column.caption(load_tables.directorate_suggestion(suggested[written]))

assumed = tables["assumed_polarities"]
if not assumed.empty:
    st.subheader("Polarity assumed")
    st.caption("Nothing in the return says whether higher or lower is better for these indicators, and their targets do not "
               "say either, so they are judged as shown. On storing, those assumed from the name, and any you flip, are kept "
               "as the indicator's polarity (Settings can change it later).")
    glue.show_table(assumed.drop(columns="_label"), "Polarity assumed")
    flipped = st.multiselect("Flip these (the other way round is better)", list(assumed["_label"]), key="flip_polarity")
else:
    flipped = []

st.subheader("What will change")
st.caption(f"{presentation.plural(len(tables['added']), 'new value')}, "
           f"{presentation.plural(len(tables['superseded']), 'value')} replacing earlier ones, "
           f"{sum(outcome.unchanged for outcome in outcomes)} unchanged.")
if not tables["superseded"].empty:
    st.markdown("**Replacing earlier values** (the earlier load stays in the history and can be restored)")
    glue.show_table(tables["superseded"], "Replacing earlier values")
if not tables["added"].empty:
    st.markdown("**New values**")
    glue.show_table(tables["added"], "New values")

storable = tables["errors"].empty and any(not outcome.already_loaded for outcome in outcomes)
if storable and st.button("Confirm and store", type="primary", key="confirm"):
    stored = glue.store_returns(files, mappings, by, load_tables.chosen_polarities(outcomes, flipped), directorates)
    refused = [outcome for outcome in stored if outcome.refused]
    if refused:  # the database changed since the preview (another officer's load): say so, store nothing
        st.error("Nothing was stored: " + "; ".join(f"{outcome.file_name}: {'; '.join(outcome.errors)}" for outcome in refused))
        st.stop()
    st.session_state["import_message"] = load_tables.stored_message(stored, directorates)
    st.session_state["import_stores"] = stores + 1  # the uploader comes back empty: this outcome is the only one shown
    st.rerun()
