"""Under the Content-Security-Policy, the editors' admin and the API docs still work in a real browser:
no script, style or image refused, and the pages do what they are for."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Source
from tests.helpers.seed_article import build_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csp_refusals(page) -> list[str]:
    return [message for message in page.console_errors if "Content Security Policy" in message]


@pytest.fixture
def editor_account(transactional_db):
    user = get_user_model().objects.create_user(username="browser-editor", password="browser-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    outlet = Source.objects.create(slug="wsj-csp", name="The Wall Street Journal", kind=Source.Kind.OUTLET)
    build_newsroom(outlet)
    return user


def test_an_editor_logs_in_and_works_in_the_admin_with_nothing_refused(page, live_server, editor_account):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", "browser-pass")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/claims/claim/")
    assert page.locator("#result_list tbody tr").count() >= 1
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_load_state()
    # The change form's own scripts ran: the inline formsets offer their "add another" links.
    assert page.locator(".add-row a, .inline-group .add-row").count() >= 1
    page.get_by_role("link", name="Change status").first.click()
    page.wait_for_load_state()
    assert page.locator("textarea[name=rationale]").count() == 1
    assert csp_refusals(page) == []


def test_the_api_docs_render_every_operation_with_nothing_refused(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    assert csp_refusals(page) == []
