"""`manage.py issue_token USERNAME`: prints a working token, the same one on every run; `--rotate` replaces it
(the previous one stops working), and only then."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim
from tests.api.support import API
from tests.factories import ClaimFactory


def issue(username: str, *options: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", username, *options, stdout=out, stderr=err)
    return out.getvalue().strip()


def edit_with(client, claim, key: str, summary: str):
    return client.patch(
        f"{API}claims/{claim.pk}/",
        {"summary": summary},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
        HTTP_IF_MATCH=f'"{Claim.objects.get(pk=claim.pk).version}"',
    )


@pytest.fixture
def draft(article):
    """A draft claim: editing it needs a token and nothing else (a published one also needs a reason)."""
    return ClaimFactory(article=article, slug="a-draft")


def test_it_prints_a_token_that_authenticates_writes(client, editor, draft):
    key = issue(editor.username)

    assert len(key) == 40
    assert edit_with(client, draft, key, "Starts in 2027").status_code == 200


def test_issuing_again_prints_the_same_token_and_the_first_keeps_working(client, editor, draft):
    first = issue(editor.username)
    again = issue(editor.username)

    assert again == first
    assert edit_with(client, draft, first, "Starts in 2027").status_code == 200


def test_rotate_replaces_the_token_and_the_previous_one_stops_working(client, editor, draft):
    old = issue(editor.username)
    new = issue(editor.username, "--rotate")

    assert new != old and len(new) == 40
    assert edit_with(client, draft, old, "stale").status_code == 401
    assert edit_with(client, draft, new, "fresh").status_code == 200
    assert issue(editor.username) == new


def test_rotate_without_a_token_creates_one(editor):
    assert len(issue(editor.username, "--rotate")) == 40


def test_an_unknown_or_inactive_user_gets_no_token(db, contributor):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        issue("nobody")
    contributor.is_active = False
    contributor.save()
    with pytest.raises(CommandError, match="inactive"):
        issue(contributor.username)
