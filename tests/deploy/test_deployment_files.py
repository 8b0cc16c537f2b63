"""docker-compose.yml cannot be run here (no Docker engine), so it is checked as data: its shape, and
that every variable it and .env.example name is one the settings actually read, and the reverse."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r'(?:env_bool|env_int|env_list|env_required|os\.environ\.get|os\.environ\[|env=)\(?"([A-Z][A-Z0-9_]+)"'
)
# Variables consumed by the compose file itself or by the PostgreSQL image, not by the app.
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}


def variables_read_by_the_app() -> set[str]:
    found = set()
    for path in [ROOT / "factcheck" / "settings.py", ROOT / "gunicorn.conf.py"]:
        found |= set(READERS.findall(path.read_text()))
    return found


def env_example_variables() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            names.add(line.split("=", 1)[0].strip())
    return names


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_settings_reader_pattern_finds_the_variables_it_should():
    found = variables_read_by_the_app()
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_DEBUG", "WEB_CONCURRENCY"} <= found


def test_env_example_lists_every_variable_the_settings_read():
    missing = variables_read_by_the_app() - env_example_variables()
    assert not missing, f".env.example does not list {sorted(missing)}"


def test_env_example_lists_nothing_the_settings_ignore():
    unknown = env_example_variables() - variables_read_by_the_app() - COMPOSE_ONLY
    assert not unknown, f".env.example lists variables nothing reads: {sorted(unknown)}"


def test_postgres_16_keeps_its_data_in_a_named_volume_and_reports_health(compose):
    db = compose["services"]["db"]
    assert re.match(r"postgres:16(\.|-|$)", db["image"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_the_app_waits_for_a_healthy_database_migrates_then_serves_with_gunicorn(compose):
    web = compose["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    command = web["command"]
    assert command.index("migrate") < command.index("gunicorn")
    assert "factcheck.wsgi" in command
    assert (ROOT / "Dockerfile").exists()


def test_the_app_gets_every_required_variable(compose):
    web = compose["services"]["web"]
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["env_file"] == ".env"
    # The required production variables come from .env, which .env.example documents.
    assert {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"} <= env_example_variables()


def test_compose_sets_only_variables_the_app_reads(compose):
    web_vars = set(compose["services"]["web"]["environment"])
    assert web_vars - variables_read_by_the_app() == set()


def test_static_files_are_served_by_whitenoise_in_production():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
    assert "gunicorn" in (ROOT / "requirements.txt").read_text()
