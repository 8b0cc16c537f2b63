"""The intake language layer: finds candidate claims in a pasted article, French or English, offline.

Pure functions over text: no database, no models: only the vocabularies of claims.choices and the bounds
of claims.rules.validation (units, qualifiers, currencies, date precisions and roles, uncertainties; the
largest amount, the written form of a date), so that what the layer proposes is what the database
accepts. No network either.
Callers import from the submodules (`detect`, `sentences`, `amounts`, `dates`, `attribution`, `hedges`,
`candidates`; `amounts` and `dates` are packages whose __init__ gives their public names); this package
re-exports nothing so that importing one extractor does not load the others' tables.
Every offset is a Python str index into the exact text the caller passed.
"""
