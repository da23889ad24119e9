"""Sightline's data layer: everything that is not drawing.

models (tables), db (engine and sessions), periods and values (reading what returns say),
workbook (reading a return), loader (storing it), repository (reads), banding and metrics
(pure analytics), report and cli (the command line), sample (first-run data), cache (the one
module that imports Streamlit).
"""
