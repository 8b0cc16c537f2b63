"""Every write to the claim database: the admin, the API and the management commands call these functions,
never `save()` on a claim, its children, an article or a source directly. One module per family of actions:

- claims     a claim's own fields, its entities, quantities and dates; re-check scheduling
- citations  a claim's citations (the status history may rely on them)
- status     a claim's status, with its history row
- versions   the compare-and-swap every write to a claim goes through
- articles   articles and sources

Each function validates (the models' `full_clean()` and claims.rules), writes in one transaction and raises
ValidationError (keyed by field), PermissionDenied, StaleVersion or TransitionNotAllowed; claims.api.errors
turns those into HTTP statuses in one place. Bulk paths that write already-valid rows in bulk
(claims.bulk.synthetic, claims.bulk.backup) say why they do not come through here.
"""
