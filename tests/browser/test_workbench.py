"""The intake workbench in headless Chromium, as a newsroom uses it: a contributor pastes a new article,
accepts five candidate claims (each with an amount and a date found for them), adds a citation to each and
moves it into review; an editor then gives each its verdict, relying on that citation, and publishes it from
the claim's own page. Every step is a click or a key press on the pages editors see."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Article, Claim, StatusChange
from tests.shipped import restore_shipped_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = (
    "Northwind Energy will invest $4.2bn in a battery plant in Tessaly by 2028. "
    "The plant is expected to employ 1,200 people by the end of 2027.\n\n"
    "Regional sales of heat pumps rose 77% in the first quarter of 2025, the ministry said. "
    "The county approved a $350 million package of tax credits in March 2025.\n\n"
    "Halvern Energy plans to supply up to 180 megawatts from early 2026. "
    "Critics say the whole plan is a gamble."
)
PASSWORD = "a-long-test-password-1"


@pytest.fixture
def people(transactional_db):
    restore_shipped_data()  # every live-server test is transactional and ends with a flush
    users = {}
    for username, group in (("cora-contributor", "contributors"), ("eli-editor", "editors")):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    return users


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#editors-shortcuts")


def test_five_claims_go_from_a_pasted_article_to_published_verdicts(live_server, chromium, people):
    started = time.monotonic()
    contributor = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(contributor, live_server, "cora-contributor")
    contributor.click("text=Take in an article")
    contributor.fill("#id_title", "Northwind's battery plant")
    contributor.fill("#id_text", ARTICLE)
    contributor.fill("#id_published_on", "2025-09-11")
    contributor.click("input[name=_save]")
    contributor.wait_for_selector(".workbench-candidates")
    assert "candidate claims found" in contributor.inner_text(".messagelist")

    # Five candidates that state an amount and a date, accepted one after the other.
    for _ in range(5):
        card = (
            contributor.locator(".candidate-card.candidate-open")
            .filter(has_text="Amounts")
            .filter(has_text="Dates")
            .first
        )
        card.locator("button[value=accept]").click()
        contributor.wait_for_selector(".messagelist")
    article = Article.objects.get()
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(claims) == 5 and all(c.quantities.exists() and c.dates.exists() for c in claims)

    # Each draft: a citation, and into review, in one save of its page.
    for number, claim in enumerate(claims):
        contributor.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
        contributor.click("#citations-group .add-row a")
        contributor.fill("#id_citations-0-url", f"https://ministry.example/report-{number}")
        contributor.fill("#id_citations-0-title", f"Report {number}")
        contributor.fill("#id_citations-0-publisher", "Ministry")
        contributor.select_option("#id_citations-0-stance", "supports")
        contributor.select_option("#id_new_status", "in_review")
        contributor.fill("#id_status_rationale", "The ministry's report is the source to read.")
        contributor.click("input[name=_continue]")
        contributor.wait_for_selector(".messagelist .success")

    # The editor finds them in the queue, gives each its verdict on that citation, and publishes it.
    editor = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(editor, live_server, "eli-editor")
    editor.click("text=Your queue")
    assert editor.locator("h2", has_text="In review").count() == 1
    for claim in claims:
        editor.click(f"a[href='/admin/claims/claim/{claim.pk}/change/']")
        editor.select_option("#id_new_status", "accurate")
        editor.fill("#id_status_rationale", "The ministry's report gives the same figure and date.")
        editor.check("#id_status_citations input[type=checkbox]")
        editor.click("input[name=_publish]")
        editor.wait_for_selector(".messagelist .success")
        editor.goto(f"{live_server.url}/admin/claims/claim/queue/")
    seconds = time.monotonic() - started

    for claim in claims:
        claim.refresh_from_db()
        assert claim.visibility == Claim.Visibility.PUBLISHED and claim.status_id == "accurate"
        changes = list(StatusChange.objects.filter(claim=claim).order_by("claim_version"))
        assert [c.to_status_id for c in changes] == ["in_review", "accurate"]
        assert [c.changed_by.username for c in changes] == ["cora-contributor", "eli-editor"]
        assert [c.url for c in changes[1].citations.all()] == [claim.citations.get().url]
    reader = chromium.new_context().new_page()
    reader.goto(f"{live_server.url}{claims[0].get_absolute_url()}")
    assert "Accurate" in reader.inner_text("main")
    print(f"five claims from pasted text to published verdicts, driven by the browser: {seconds:.1f} s")
