"""The deploy tests' shared site: one SQLite file, migrated by a fresh process (as `migrate` runs in
production) and filled with synthetic claims, for the tests that start real servers and processes."""

import pytest

from tests.deploy.live_gunicorn import SITE_CLAIMS, prepare_database


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory):
    """(path of the SQLite file, how many of its SITE_CLAIMS claims are published)."""
    path = tmp_path_factory.mktemp("synthetic-site") / "site.sqlite3"
    return path, prepare_database(path, SITE_CLAIMS)
