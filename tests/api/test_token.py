"""`manage.py issue_token USERNAME`: prints a working token, rotating any earlier one."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.api.support import API


def issue(username: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", username, stdout=out, stderr=err)
    return out.getvalue().strip()


def test_it_prints_a_token_that_authenticates_writes(client, editor, claim):
    key = issue(editor.username)

    assert len(key) == 40
    response = client.patch(
        f"{API}claims/{claim.pk}/",
        {"summary": "Starts in 2027", "version": 1},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200


def test_issuing_again_rotates_the_token(client, editor, claim):
    old = issue(editor.username)
    new = issue(editor.username)

    assert new != old
    url = f"{API}claims/{claim.pk}/"
    stale = client.patch(
        url, {"summary": "x", "version": 1}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {old}"
    )
    assert stale.status_code == 401
    assert (
        client.patch(
            url, {"summary": "x", "version": 1}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {new}"
        ).status_code
        == 200
    )


def test_an_unknown_or_inactive_user_gets_no_token(db, contributor):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        issue("nobody")
    contributor.is_active = False
    contributor.save()
    with pytest.raises(CommandError, match="inactive"):
        issue(contributor.username)
