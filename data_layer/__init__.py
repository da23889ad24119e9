"""Sightline's data layer: everything that is not drawing.

models (tables), db (engine and sessions), periods and values (reading what returns say),
returns/ (reading a return, a module per sheet kind), loader (storing it), repository (reads), banding and metrics
(pure analytics), report and cli (the command line), sample (first-run data), streamlit_glue (the
one module that imports Streamlit).
"""
