"""Security headers on every response, and admin logins throttled against guessing."""

import re

import pytest
from django.test import override_settings


def test_pages_carry_a_content_security_policy_that_allows_only_this_host(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_pages_refuse_framing_and_sniffing(client, db):
    response = client.get("/admin/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 60 * 60


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_logins_are_locked_out_after_repeated_failures(client, editor):
    statuses = [
        client.post("/admin/login/", {"username": editor.username, "password": "wrong"}).status_code for _ in range(3)
    ]
    # The form again with its error, then 429 Too Many Requests from the third failure on.
    assert statuses == [200, 200, 429]
    # Now even the right password is refused.
    response = client.post("/admin/login/", {"username": editor.username, "password": "pw-" + editor.username})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_successful_login_before_the_limit_resets_the_count(client, editor):
    for _ in range(2):
        client.post("/admin/login/", {"username": editor.username, "password": "wrong"})
    response = client.post("/admin/login/", {"username": editor.username, "password": "pw-" + editor.username})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_no_page_loads_assets_from_another_host(client, db, path):
    # Links to other sites are fine (citations point at them); scripts, styles, images and fonts are not.
    body = client.get(path).content.decode()
    assert not re.search(r"""\bsrc=["']?(https?:)?//""", body)
    for link in re.findall(r"<link[^>]*>", body):
        if re.search(r"""rel=["']?(stylesheet|icon|preload|modulepreload)""", link):
            assert not re.search(r"""href=["']?(https?:)?//""", link), link
    assert "@import" not in body


def test_only_the_admin_allows_style_attributes(client, editor):
    client.force_login(editor)
    admin_policy = client.get("/admin/claims/claim/")["Content-Security-Policy"]
    public_policy = client.get("/")["Content-Security-Policy"]
    assert "style-src-attr 'unsafe-inline'" in admin_policy
    assert "style-src-attr" not in public_policy
    assert (
        "script-src 'self'" in admin_policy and "unsafe-inline" not in admin_policy.split("script-src")[1].split(";")[0]
    )
