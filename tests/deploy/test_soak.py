"""The soak test's short form: gunicorn on loopback, readers and writers for a few seconds, then every check.

It runs soak/run.py in its own process against its own database (a temporary SQLite file, or NAME_soak next
to the suite's PostgreSQL database), as an operator would; the long form is the same script run by hand
with --seconds 600 (docs/operations.md).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soak.run import server_exceptions, soak_database_url

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 8


def test_the_site_survives_concurrent_readers_and_writers_with_nothing_lost():
    run = subprocess.run(
        [sys.executable, "soak/run.py", "--seconds", str(SECONDS)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=SECONDS + 150,
    )
    output = run.stdout + run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("SOAK_RESULT ")]
    assert lines, output
    figures = json.loads(lines[-1].removeprefix("SOAK_RESULT "))
    print("\n" + "\n".join(line for line in run.stdout.splitlines() if line.startswith("soak: ")))

    assert run.returncode == 0, output
    assert figures["passed"] is True
    assert figures["server_errors"] == 0
    assert figures["connection_errors"] == 0
    assert figures["unexpected"] == 0
    assert figures["violations"] == 0
    assert figures["tracebacks"] == 0
    assert figures["requests"] > 0
    assert figures["writes_accepted"] > 0
    # Nothing lost: each accepted write is one history row and one version step.
    assert figures["new_history_rows"] == figures["writes_accepted"] == figures["versions_raised"]
    expected_database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert figures["database"] == expected_database


def test_the_soak_database_sits_next_to_the_configured_one_under_its_own_name():
    soak_url, admin_url, name = soak_database_url("postgres://factcheck:secret@db:5432/factcheck")

    assert name == "factcheck_soak"
    assert soak_url == "postgres://factcheck:secret@db:5432/factcheck_soak"
    assert admin_url == "postgresql://factcheck:secret@db:5432/postgres"


def test_the_soak_refuses_a_database_it_does_not_know_how_to_create():
    with pytest.raises(SystemExit, match="must be PostgreSQL or unset"):
        soak_database_url("mysql://root@localhost/factcheck")


def test_the_soak_reads_the_exception_ending_each_traceback_in_the_server_log():
    log = (
        '127.0.0.1 - - "GET / HTTP/1.1" 200 512\n'
        "Internal Server Error: /api/v1/claims/2/status/\n"
        "Traceback (most recent call last):\n"
        '  File "claims/services.py", line 129, in claim_change_status\n'
        "    locked = Claim.objects.select_for_update().get(pk=claim.pk)\n"
        "claims.models.Claim.DoesNotExist: Claim matching query does not exist.\n"
        '127.0.0.1 - - "POST /api/v1/claims/2/status/ HTTP/1.1" 500 145\n'
    )

    assert server_exceptions(log) == ["claims.models.Claim.DoesNotExist: Claim matching query does not exist."]
