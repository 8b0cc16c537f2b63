"""Reads go to a replica, writes to the primary, and a client that just wrote reads its own writes.

The replica is an alias that mirrors the test database (TEST MIRROR "default"), so what the primary
commits the replica sees at once; which alias served a query is read from each connection's query log.
The tests commit (transactional_db) because a second connection cannot see an uncommitted test
transaction.
"""

import json
import os
import subprocess
import sys
import time

import pytest
from django.apps import apps
from django.core.cache.backends.db import DatabaseCache
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import JsonResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from claims.models import Claim
from claims.services.status import claim_change_status
from factcheck.caches import CacheTableRouter
from factcheck.replicas import PIN_COOKIE, PrimaryReplicaRouter, use_replicas
from tests.shipped import restore_shipped_data

REPLICA = "replica1"


def _list_claims(request):
    return JsonResponse({"slugs": list(Claim.objects.order_by("slug").values_list("slug", flat=True))})


@csrf_exempt
def _review_claim(request):
    claim = Claim.objects.get(slug=request.POST["slug"])
    claim_change_status(claim=claim, to_status="in_review", rationale="A reader asked.", by=request.user)
    return JsonResponse({"version": claim.version})


# A read and a write behind the real middleware; the project's pages are tested in their own files.
urlpatterns = [path("read/", _list_claims), path("write/", _review_claim)]


# The replica alias is registered when this module is collected, before the test databases are set up,
# so that Django's own mirror handling points it at the test database, as it would a configured replica.
connections.settings.setdefault(
    REPLICA,
    {
        **connections.settings[DEFAULT_DB_ALIAS],
        "TEST": {**connections.settings[DEFAULT_DB_ALIAS]["TEST"], "MIRROR": DEFAULT_DB_ALIAS},
    },
)
# serialized_rollback: the flush after a committing test would otherwise remove the statuses and groups that
# migrations ship, for this test and every later one.
with_replica = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


def _ensure_shipped_data() -> None:
    """The statuses and groups migration 0002 ships, if a flush before this test removed them."""
    restore_shipped_data()


@pytest.fixture
def replica(settings):
    """The router and its middleware installed, over the replica1 alias."""
    _ensure_shipped_data()
    settings.DATABASE_ROUTERS = ["factcheck.replicas.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "factcheck.replicas.ReadYourWritesMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    settings.ROOT_URLCONF = __name__
    settings.READ_YOUR_WRITES_SECONDS = 5
    return REPLICA


class Served:
    """Queries run on the primary and on the replica during the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        self.replica = CaptureQueriesContext(connections[REPLICA])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def on(self, capture, table: str) -> int:
        return sum(table in query["sql"] for query in capture.captured_queries)


def test_writes_and_migrations_go_to_the_primary_only():
    routing = PrimaryReplicaRouter()
    assert routing.db_for_write(Claim) == DEFAULT_DB_ALIAS
    for model in apps.get_models():
        assert routing.allow_migrate(DEFAULT_DB_ALIAS, model._meta.app_label, model._meta.model_name)
        assert not routing.allow_migrate(REPLICA, model._meta.app_label, model._meta.model_name)


def test_without_a_replica_every_read_goes_to_the_primary(db):
    with use_replicas():
        assert PrimaryReplicaRouter().db_for_read(Claim) == DEFAULT_DB_ALIAS


@with_replica
def test_outside_a_request_reads_stay_on_the_primary_unless_a_block_allows_replicas(replica, claim):
    # Management commands and the shell read and then write: they must not act on a lagging copy.
    assert router.db_for_read(Claim) == DEFAULT_DB_ALIAS
    with use_replicas():
        assert router.db_for_read(Claim) == REPLICA
        assert Claim.objects.get(slug="starts-2027")._state.db == REPLICA
        # Who may log in, and with what rights, is always read from the primary.
        assert router.db_for_read(apps.get_model("sessions", "Session")) == DEFAULT_DB_ALIAS
        assert router.db_for_read(apps.get_model("auth", "User")) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(Claim) == DEFAULT_DB_ALIAS  # inside a transaction, its own view


@with_replica
def test_an_anonymous_read_is_served_by_the_replica(replica, client, claim):
    with Served() as served:
        response = client.get("/read/")
    assert response.json() == {"slugs": ["starts-2027"]}
    assert served.on(served.replica, "claims_claim") == 1
    assert served.on(served.primary, "claims_claim") == 0
    assert PIN_COOKIE not in response.cookies


@with_replica
def test_a_write_goes_to_the_primary_and_the_writer_then_reads_from_the_primary(replica, client, editor, claim):
    client.force_login(editor)
    with Served() as served:
        response = client.post("/write/", {"slug": claim.slug})
    assert response.status_code == 200, response.content
    assert served.on(served.primary, 'INSERT INTO "claims_statuschange"') == 1
    assert served.on(served.replica, "claims_") == 0  # even the reads of a writing request stay on the primary
    assert PIN_COOKIE in response.cookies

    with Served() as served:
        client.get("/read/")
    assert served.on(served.primary, "claims_claim") == 1
    assert served.on(served.replica, "claims_claim") == 0


@with_replica
def test_a_token_client_without_cookies_is_pinned_by_its_authorization_header(replica, client, editor, claim):
    # What an API client sends: no cookie jar, the same Authorization header every time.
    client.force_login(editor)
    client.post("/write/", {"slug": claim.slug}, HTTP_AUTHORIZATION="Token abc")
    client.cookies.pop(PIN_COOKIE)
    with Served() as served:
        client.get("/read/", HTTP_AUTHORIZATION="Token abc")
    assert served.on(served.primary, "claims_claim") == 1
    with Served() as served:
        client.get("/read/", HTTP_AUTHORIZATION="Token another-client")
    assert served.on(served.replica, "claims_claim") == 1


@with_replica
def test_other_readers_keep_reading_from_the_replica_while_a_writer_is_pinned(replica, client, editor, claim):
    from django.test import Client

    client.force_login(editor)
    client.post("/write/", {"slug": claim.slug})
    with Served() as served:
        Client().get("/read/")
    assert served.on(served.replica, "claims_claim") == 1
    assert served.on(served.primary, "claims_claim") == 0


@with_replica
def test_the_writer_returns_to_the_replica_once_the_pin_expires(replica, client, editor, claim, settings):
    settings.READ_YOUR_WRITES_SECONDS = 1
    client.force_login(editor)
    client.post("/write/", {"slug": claim.slug})
    time.sleep(1.1)
    with Served() as served:
        client.get("/read/")
    assert served.on(served.replica, "claims_claim") == 1
    assert served.on(served.primary, "claims_claim") == 0


@with_replica
def test_a_forged_or_garbled_pin_cookie_is_harmless(replica, client, claim):
    client.cookies[PIN_COOKIE] = "not-a-number"
    with Served() as served:
        assert client.get("/read/").status_code == 200
    assert served.on(served.replica, "claims_claim") == 1


def _settings_with(**env) -> dict:
    """The database settings a fresh process reads from this environment."""
    code = (
        "import json; from factcheck import settings as s; "
        "print(json.dumps({'databases': s.DATABASES, 'routers': getattr(s, 'DATABASE_ROUTERS', [])}, default=str))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    expect_ok = env.pop("expect_ok", True)
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "DJANGO_SECRET_KEY": "x", "DJANGO_ALLOWED_HOSTS": "localhost", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) == expect_ok, result.stderr
    return json.loads(result.stdout) if result.returncode == 0 else {"error": result.stderr}


def test_replica_urls_become_mirrored_aliases_and_install_the_router():
    loaded = _settings_with(
        DATABASE_URL="postgres://app@primary:5432/factcheck",
        DATABASE_REPLICA_URLS="postgres://app@replica-a:5432/factcheck, postgres://app@replica-b:5432/factcheck",
    )
    databases = loaded["databases"]
    assert list(databases) == ["default", "replica1", "replica2"]
    assert (databases["replica1"]["HOST"], databases["replica2"]["HOST"]) == ("replica-a", "replica-b")
    assert databases["replica1"]["TEST"] == {"MIRROR": "default"}
    # The shared cache's table first: throttle counts are read from the primary, where they are written.
    assert loaded["routers"] == ["factcheck.caches.CacheTableRouter", "factcheck.replicas.PrimaryReplicaRouter"]


def test_the_shared_cache_table_is_read_from_the_primary_even_where_reads_use_replicas():
    entry = DatabaseCache("factcheck_shared_cache", {}).cache_model_class
    router = CacheTableRouter()
    assert router.db_for_read(entry) == router.db_for_write(entry) == "default"
    assert router.db_for_read(Claim) is None  # everything else is the replica router's to place


def test_without_replica_urls_there_is_one_database_and_no_router():
    loaded = _settings_with(DATABASE_URL="postgres://app@primary:5432/factcheck")
    assert list(loaded["databases"]) == ["default"]
    assert loaded["routers"] == []


def test_behind_pgbouncer_in_transaction_mode_server_side_cursors_and_prepared_statements_are_off():
    loaded = _settings_with(
        DATABASE_URL="postgres://app@pgbouncer:6432/factcheck",
        DATABASE_REPLICA_URLS="postgres://app@replica-a:6432/factcheck",
        DATABASE_POOLER="transaction",
    )
    for alias in ("default", "replica1"):
        database = loaded["databases"][alias]
        assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert database["OPTIONS"]["prepare_threshold"] is None
    plain = _settings_with(DATABASE_URL="postgres://app@primary:5432/factcheck")["databases"]["default"]
    assert not plain.get("DISABLE_SERVER_SIDE_CURSORS")
    assert "prepare_threshold" not in plain.get("OPTIONS", {})


def test_an_unknown_pooler_mode_stops_the_start():
    loaded = _settings_with(DATABASE_POOLER="statement", expect_ok=False)
    assert "DATABASE_POOLER must be empty, 'session' or 'transaction'" in loaded["error"]
