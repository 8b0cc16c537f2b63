"""`manage.py create_demo_users`: the editor and contributor of a local demo, refused outside debug mode."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def test_demo_users_are_refused_outside_debug_mode(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_users")
    assert not get_user_model().objects.filter(username__in=["editor", "contributor"]).exists()


def test_demo_users_get_their_roles_and_the_command_says_how_to_log_in(db, settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_users")
    call_command("create_demo_users")  # twice: nothing duplicated, nothing fails
    users = get_user_model().objects.filter(username__in=["editor", "contributor"]).order_by("username")
    assert [(u.username, u.is_staff, u.is_superuser) for u in users] == [
        ("contributor", True, False),
        ("editor", True, False),
    ]
    editor = users.get(username="editor")
    assert editor.has_perm("claims.set_verdict") and editor.has_perm("claims.publish_claim")
    assert not users.get(username="contributor").has_perm("claims.set_verdict")
    assert editor.check_password("demo-editor-pass")
    assert "editor / demo-editor-pass" in capsys.readouterr().out
