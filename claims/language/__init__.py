"""The intake language layer: finds candidate claims in a pasted article, French or English, offline.

Pure functions over text: no Django, no database, no network. Callers import from the submodules
(`detect`, `sentences`, `amounts`, `dates`, `attribution`, `hedges`, `candidates`); this package
re-exports nothing so that importing one extractor does not load the others' tables.
Every offset is a Python str index into the exact text the caller passed.
"""
