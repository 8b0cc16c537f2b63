"""Every read shaped for a screen or a client, in a fixed number of queries whatever the number of rows:

- pages          the reader site's pages (published claims only)
- claim_filters  what a list is narrowed by: one implementation for the reader list and the API
- api            the API's claims with their children, and its list statistics
- claimreview    schema.org ClaimReview of a claim (the claim page and the API share it)
- search         full-text search, the same words on SQLite and PostgreSQL
- revision       values cached until the data changes
- invariants     the rules that span rows, audited over whole tables
- links          the public site's absolute addresses
"""
