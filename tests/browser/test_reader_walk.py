"""A reader's walk through the public pages in headless Chromium, with axe-core checking each page.

list -> filter -> search -> claim -> article -> back, by clicks and key presses as a reader would.
"""

from __future__ import annotations

import re

import pytest

from claims.models import Source
from tests.helpers.seed_article import build_newsroom
from tests.shipped import restore_shipped_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# WCAG 2.1 A and AA, and axe's best practices (landmarks, one h1, skip link target...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def newsroom(transactional_db):
    restore_shipped_data()  # every live-server test is transactional and ends with a flush
    outlet = Source.objects.create(slug="wsj-pages", name="The Wall Street Journal", kind=Source.Kind.OUTLET)
    return build_newsroom(outlet)


def axe_violations(page, axe_source: str) -> list[dict]:
    """Serious and critical axe-core violations on the page as it stands."""
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy (script-src 'self')
    # stays as it is for everything else.
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page, axe_source: str) -> None:
    assert axe_violations(page, axe_source) == [], page.url
    assert page.console_errors == [], page.url


def test_a_reader_walks_from_the_list_to_a_claim_and_its_article_and_back(live_server, page, axe_source, newsroom):
    # The list.
    page.goto(f"{live_server.url}/claims/")
    assert page.locator("h1").inner_text() == "Claims"
    assert page.locator("article.claim-card").count() == 5
    assert_accessible(page, axe_source)

    # Filter: verdict "Accurate", by keyboard-friendly form controls, then submit.
    page.get_by_label("Verification status").select_option("accurate")
    page.get_by_role("button", name="Show claims").click()
    page.wait_for_load_state()
    assert "status=accurate" in page.url
    assert page.locator("article.claim-card").count() == 2
    assert_accessible(page, axe_source)

    # Search within the filtered list: the filter stays, the words narrow it.
    page.get_by_label("Search the claims").fill("démarre")
    page.get_by_label("Search the claims").press("Enter")
    page.wait_for_load_state()
    assert "status=accurate" in page.url and "q=d" in page.url
    cards = page.locator("article.claim-card")
    assert cards.count() == 1
    assert "1 claim matching “démarre”" in page.locator("#results-heading").inner_text()
    assert_accessible(page, axe_source)

    # The claim.
    cards.first.get_by_role("link", name="the partnership starts in 2027").click()
    page.wait_for_load_state()
    assert page.url.endswith("/claims/start/")
    assert "Accurate" in page.locator(".verdict h2").inner_text()
    assert page.locator("blockquote[lang=fr]").first.inner_text() == "ce partenariat démarre en 2027"
    json_ld = page.locator('script[type="application/ld+json"]').text_content()
    assert '"claimReviewed": "ce partenariat démarre en 2027"' in json_ld
    assert_accessible(page, axe_source)

    # Its article, with every claim marked and linked.
    page.locator(".breadcrumb").get_by_role("link", name=re.compile("OpenAI signe")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/articles/openai-oracle/")
    assert page.locator(".article-text a.claim-ref").count() == 5
    assert page.locator(".article-text mark.claim").count() >= 5
    assert_accessible(page, axe_source)

    # Back to the claim, as the browser's back button does.
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/claims/start/")
    assert "Accurate" in page.locator(".verdict h2").inner_text()


def test_the_home_page_and_the_corrections_log_pass_axe(live_server, page, axe_source, newsroom):
    page.goto(f"{live_server.url}/")
    assert_accessible(page, axe_source)
    page.get_by_role("link", name="The corrections log").click()
    page.wait_for_load_state()
    assert page.locator("ol.changes > li").count() == 5
    assert_accessible(page, axe_source)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(live_server, page, newsroom):
    page.goto(f"{live_server.url}/claims/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    # Focus is visible: an outline is drawn around the focused link.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown on focus, not left off-screen
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_the_filters_work_without_javascript(live_server, chromium, newsroom):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/claims/")
        page.get_by_label("Stated uncertainty").select_option("reported")
        page.get_by_role("button", name="Show claims").click()
        page.wait_for_load_state()
        assert "uncertainty=reported" in page.url
        assert page.locator("article.claim-card").count() == 1
        assert "Broadcom" in page.locator("article.claim-card").inner_text()
    finally:
        context.close()


def test_pages_fit_a_phone_screen_without_sideways_scrolling(live_server, chromium, newsroom):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        for path in ("/", "/claims/", "/claims/amount/", "/articles/openai-oracle/", "/changes/"):
            page.goto(f"{live_server.url}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    finally:
        context.close()


def test_the_axe_check_itself_reports_a_violation_when_there_is_one(page, axe_source):
    # Guards the harness: an image without alternative text is a critical violation for axe.
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert "image-alt" in {violation["id"] for violation in axe_violations(page, axe_source)}
