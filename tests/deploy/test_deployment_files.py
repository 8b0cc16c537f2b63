"""docker-compose.yml cannot be run here (no Docker engine), so it is checked as data: its shape, and
that every variable it and .env.example name is one the settings actually read, and the reverse."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r"(?:env_bool|env_int|env_count|env_list|env_required|_whole|os\.environ\.get|os\.environ\[|env=)"
    r'\(?"([A-Z][A-Z0-9_]+)"'
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
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"
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


# --- the proxy in front, and gunicorn's workers ----------------------------------------------------------


@pytest.fixture(scope="module")
def nginx_conf() -> str:
    return (ROOT / "deploy" / "nginx.conf").read_text()


def test_only_the_buffering_proxy_is_published_and_gunicorn_is_reached_through_it(compose):
    web, proxy = compose["services"]["web"], compose["services"]["proxy"]
    assert "ports" not in web
    assert web["expose"] == ["8000"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["8000:80"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_app_trusts_exactly_the_one_proxy_and_shares_its_throttle_counts_in_redis(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["FACTCHECK_TRUSTED_PROXIES"] == "1"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert compose["services"]["redis"]["image"].startswith("redis:")


def test_the_proxy_replaces_x_forwarded_for_and_passes_the_scheme(nginx_conf):
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx_conf
    assert "$proxy_add_x_forwarded_for" not in nginx_conf  # a client's own header is never passed on
    assert "proxy_set_header X-Forwarded-Proto $forwarded_proto;" in nginx_conf
    assert re.search(r"upstream factcheck_web \{\s*server web:8000;", nginx_conf)


def test_the_proxy_buffers_slow_clients_and_drops_stalled_ones(nginx_conf):
    for directive in ("proxy_request_buffering on;", "proxy_buffering on;"):
        assert nginx_conf.count(directive) == 2, directive  # in both locations
    assert re.search(r"client_header_timeout \d+s;", nginx_conf)
    assert re.search(r"client_body_timeout \d+s;", nginx_conf)
    assert re.search(r"limit_conn per_address \d+;", nginx_conf)


def test_the_proxy_lets_the_app_answer_an_oversized_api_body_and_keeps_its_own_refusals_json(nginx_conf):
    from django.conf import settings

    megabytes = int(re.search(r"client_max_body_size (\d+)m;", nginx_conf)[1])
    assert megabytes * 1024 * 1024 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    api = nginx_conf.split("location /api/ {", 1)[1].split("location @", 1)[0]
    assert "error_page 413 = @api_body_too_large;" in api
    for body in re.findall(r"return \d+ '(.*)';", nginx_conf):
        assert set(json.loads(body)) == {"error"}


def test_the_proxy_configuration_is_valid_for_nginx(nginx_conf, tmp_path):
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not installed here: its syntax is checked where it is")
    # `web` resolves inside compose only; the loopback address stands in for it.
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf.replace("server web:8000;", "server 127.0.0.1:8000;"))
    mime = Path("/etc/nginx/mime.types")
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/nginx.pid;"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert mime.exists() and result.returncode == 0, result.stderr


GUNICORN_SETTINGS = (
    "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); "
    "print(json.dumps({k: c[k] for k in ('worker_class', 'workers', 'threads', 'timeout')}))"
)


def gunicorn_settings(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", GUNICORN_SETTINGS],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_serves_with_threaded_workers_that_a_slow_client_or_a_long_export_cannot_hold():
    result = gunicorn_settings()
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["worker_class"] == "gthread"
    assert seen["threads"] >= 2
    assert seen["workers"] >= 1


@pytest.mark.parametrize(
    "name,value", [("GUNICORN_THREADS", "0"), ("WEB_CONCURRENCY", "many"), ("GUNICORN_TIMEOUT", "-5")]
)
def test_gunicorn_refuses_a_count_that_is_not_a_whole_number_from_one(name, value):
    result = gunicorn_settings(**{name: value})
    assert result.returncode != 0
    assert f"{name} must be a whole number" in result.stderr
