"""Settings come from the environment and fail loudly in production. Each case starts a fresh Python
so that the settings module is read with exactly the environment under test."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "factcheck.example.org",
}
PRINT_SETTINGS = (
    "import django, json; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'hosts': settings.ALLOWED_HOSTS, 'ssl_redirect': settings.SECURE_SSL_REDIRECT, "
    "'hsts': settings.SECURE_HSTS_SECONDS}))"
)


def run(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }
    return subprocess.run(
        [sys.executable, *(("-c", code) if code else args)],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(env: dict[str, str]) -> dict:
    result = run(PRINT_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_database_url_it_uses_the_embedded_sqlite_file():
    seen = settings_with({**PRODUCTION})
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str(ROOT / "db.sqlite3")


def test_database_url_selects_postgresql_through_psycopg():
    seen = settings_with({**PRODUCTION, "DATABASE_URL": "postgres://u:p@db.internal:5432/factcheck"})
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "factcheck"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run(PRINT_SETTINGS, env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_a_boolean_that_is_not_one_is_a_clear_error():
    result = run(PRINT_SETTINGS, {**PRODUCTION, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_debug_mode_starts_with_development_defaults():
    seen = settings_with({"DJANGO_DEBUG": "1"})
    assert seen["debug"] is True
    assert "127.0.0.1" in seen["hosts"]
    assert seen["ssl_redirect"] is False


def test_production_defaults_are_strict():
    seen = settings_with(PRODUCTION)
    assert seen["debug"] is False
    assert seen["ssl_redirect"] is True
    assert seen["hsts"] >= 31_536_000


def test_manage_py_runs_in_development_mode_unless_told_otherwise():
    # So that `python manage.py makemigrations --check` works on a fresh clone with no environment.
    result = run("", {}, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_the_image_runs_every_command_in_production_mode():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_DEBUG=0" in dockerfile.split("RUN pip install")[0]


def test_the_deployment_checklist_passes_with_production_settings():
    result = run("", PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_empty_database_url_as_env_example_writes_it_means_the_embedded_sqlite_file():
    seen = settings_with({**PRODUCTION, "DATABASE_URL": ""})
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str(ROOT / "db.sqlite3")


def env_example_value(name: str) -> str:
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f".env.example does not set {name}")


@pytest.mark.parametrize(
    "key",
    [
        env_example_value("DJANGO_SECRET_KEY"),
        "insecure-development-key-never-used-in-production",
        "django-insecure-" + "a" * 50,
    ],
    ids=["env-example-placeholder", "development-key", "django-insecure"],
)
def test_production_refuses_a_published_placeholder_secret_key(key):
    result = run(PRINT_SETTINGS, {**PRODUCTION, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is a published placeholder" in result.stderr


def test_development_mode_still_starts_with_the_development_key():
    assert settings_with({"DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": ""})["debug"] is True


PRINT_PROXIES_AND_CACHES = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'proxies': settings.REST_FRAMEWORK['NUM_PROXIES'], 'axes': settings.AXES_IPWARE_PROXY_COUNT, "
    "'caches': {alias: c['BACKEND'].rsplit('.', 1)[1] for alias, c in settings.CACHES.items()}}))"
)


def proxies_and_caches(env: dict[str, str]) -> dict:
    result = run(PRINT_PROXIES_AND_CACHES, {**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_proxy_is_trusted_by_default_and_the_count_is_a_setting():
    assert proxies_and_caches({})["proxies"] == 0
    behind_one = proxies_and_caches({"FACTCHECK_TRUSTED_PROXIES": "1"})
    assert (behind_one["proxies"], behind_one["axes"]) == (1, 1)


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_proxy_count_that_is_not_a_whole_number_is_refused(value):
    result = run(PRINT_SETTINGS, {**PRODUCTION, "FACTCHECK_TRUSTED_PROXIES": value})
    assert result.returncode != 0
    assert "FACTCHECK_TRUSTED_PROXIES must be" in result.stderr


def test_throttle_counts_are_shared_through_the_database_cache_or_redis():
    assert proxies_and_caches({})["caches"] == {"default": "LocMemCache", "shared": "DatabaseCache"}
    with_redis = proxies_and_caches({"REDIS_URL": "redis://cache.internal:6379/0"})
    assert with_redis["caches"] == {"default": "RedisCache", "shared": "RedisCache"}
    refused = run(PRINT_SETTINGS, {**PRODUCTION, "REDIS_URL": "cache.internal:6379"})
    assert refused.returncode != 0 and "REDIS_URL must be" in refused.stderr
