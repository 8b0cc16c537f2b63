"""Who may do what: every reader page, API endpoint and admin view, by method, for each persona.

MATRIX below is the whole rule book in one table; one test runs each (row, persona) pair. A row reads:

    (method, address, payload, {persona: expected status})

Personas: anonymous (no login, no token), outsider (staff with no group), contributor, editor and
superuser (staff with every permission). The API is called with each persona's token, pages and the admin
with a logged-in session. LOGIN means "302 to the admin's login page". Addresses name the objects of the
`world` fixture ({claim}: a published claim with a verdict in its history; {draft}: a draft claim without
history; ...), never a hard-coded primary key.

Writes send valid payloads, so that the status says what the role allows, not what the input lacks; and
for every write the test also checks the database: it changed exactly when the answer says it did.
"""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Citation, Claim, PendingVerdict, Source
from claims.services.candidates import article_find_candidates
from claims.services.status import claim_change_status
from tests.factories import SEED_TEXT, CitationFactory, ClaimFactory
from tests.helpers.seed_article import (
    BROADCOM_PASSAGE,
    CAPACITY_PASSAGE,
    CNA_REUTERS,
    CNA_REUTERS_TITLE,
    START_PASSAGE,
)

AMOUNT_PASSAGE = "300 milliards de dollars"

PERSONAS = ("anonymous", "outsider", "contributor", "editor", "superuser")
LOGIN = "login"  # 302 to /admin/login/: the admin asks an anonymous visitor to log in first


def everyone(status) -> dict:
    return dict.fromkeys(PERSONAS, status)


def roles(anonymous, outsider, contributor, editor, superuser) -> dict:
    return dict(zip(PERSONAS, (anonymous, outsider, contributor, editor, superuser), strict=True))


# --- payloads: valid, so that only the role decides -----------------------------------------------------


def new_claim(world) -> dict:
    return {
        "article": world["article"],
        "text": CAPACITY_PASSAGE,
        "text_en": "up to 4.5 gigawatts of capacity",
        "uncertainty": {"kind": "bound", "as_stated": "jusqu’à"},
        "quantities": [
            {
                "measure": "capacity",
                "value": "4.5",
                "unit": "GW",
                "upper_bound": "4.5",
                "qualifier": "up_to",
                "as_stated": "jusqu’à 4,5 gigawatts",
            }
        ],
        "dates": [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}],
    }


def new_published_claim(world) -> dict:
    return {**new_claim(world), "visibility": "published"}


def edit_claim(world) -> dict:
    return {
        "text_en": "the partnership begins in 2027",
        "version": world["claim_version"],
        "reason": "A closer rendering of the French.",
    }


def edit_draft(world) -> dict:
    return {"summary": "Broadcom order", "version": world["draft_version"]}


def unpublish_claim(world) -> dict:
    return {"visibility": "draft", "version": world["claim_version"]}


def verdict(world) -> dict:
    return {
        "status": "accurate",
        "rationale": "Reuters reports the same start date.",
        "citations": [world["citation"]],
        "version": world["claim_version"],
    }


def review(world) -> dict:
    return {"status": "in_review", "rationale": "A reader questions the start date.", "version": world["claim_version"]}


def review_draft(world) -> dict:
    return {"status": "in_review", "rationale": "Checking the Broadcom report.", "version": world["draft_version"]}


def _management_forms() -> dict:
    return {
        f"{prefix}-{name}": value
        for prefix in ("quantities", "dates", "citations")
        for name, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }


def _claim_form(world, **fields) -> dict:
    return {
        "article": world["article"],
        "text": CAPACITY_PASSAGE,
        "start": "",
        "text_en": "up to 4.5 gigawatts of capacity",
        "summary": "Capacity",
        "slug": "capacity-admin",
        "attributed_to": "",
        "attribution_as_stated": "",
        "attribution_basis": "",
        "uncertainty": "bound",
        "uncertainty_as_stated": "jusqu’à",
        "checkability": "checkable_now",
        "recheck_on": "",
        "visibility": "draft",
        "opened_version": "",
        **_management_forms(),
        **fields,
    }


def admin_add_claim(world) -> dict:
    return _claim_form(world)


def admin_edit_draft(world) -> dict:
    return _claim_form(
        world,
        text=BROADCOM_PASSAGE,
        text_en="OpenAI is reportedly preparing a 10 billion dollar contract with Broadcom",
        summary="Broadcom order",
        slug="broadcom-10b",
        uncertainty="reported",
        uncertainty_as_stated="préparerait",
        opened_version=str(world["draft_version"]),
    )


def admin_verdict(world) -> dict:
    return {
        "status": "accurate",
        "rationale": "Reuters reports the same start date.",
        "citations": [world["citation"]],
        "opened_version": str(world["claim_version"]),
    }


def admin_review(world) -> dict:
    return {
        "status": "in_review",
        "rationale": "A reader questions the start date.",
        "opened_version": str(world["claim_version"]),
    }


def admin_review_draft(world) -> dict:
    return {
        "status": "in_review",
        "rationale": "Checking the Broadcom report.",
        "opened_version": str(world["draft_version"]),
    }


def admin_recheck_action(world) -> dict:
    return {"action": "mark_for_recheck", "_selected_action": [world["claim"], world["draft"]]}


def admin_confirm_delete(world) -> dict:
    return {"post": "yes"}


def admin_rewrite_history(world) -> dict:
    return {"rationale": "Rewritten."}


def admin_new_status(world) -> dict:
    return {
        "code": "disputed",
        "label": "Disputed",
        "description": "Sources disagree.",
        "normalized": "mixture",
        "is_verdict": "on",
        "rating_value": "3",
        "best_rating": "5",
        "worst_rating": "1",
        "order": "55",
        "color": "#b45309",
    }


def admin_reword_status(world) -> dict:
    return {
        **admin_new_status(world),
        "code": "accurate",
        "label": "Correct",
        "normalized": "true",
        "rating_value": "5",
    }


def admin_new_source(world) -> dict:
    return {"slug": "oracle", "name": "Oracle", "kind": "company", "url": "", "description": ""}


def new_article(world) -> dict:
    return {"title": "OpenAI et Oracle, suite", "text": SEED_TEXT, "published_on": "2025-09-12"}


def dismissal(world) -> dict:
    return {"reason": "Context, not a claim."}


def workbench_accept(world) -> dict:
    return {"action": "accept", "candidate": world["candidate"]}


def workbench_dismiss(world) -> dict:
    return {"action": "dismiss", "candidate": world["candidate"], f"d{world['candidate']}-reason": "Context."}


def sign_off(world) -> dict:
    return {"decision": "sign_off"}


def send_back(world) -> dict:
    return {"decision": "send_back", "note": "Cite the WSJ report itself."}


def admin_correct_claim(world) -> dict:
    return _claim_form(
        world,
        text=START_PASSAGE,
        text_en="the partnership begins in 2027",
        summary="Starts in 2027",
        slug=world["claim_slug"],
        attributed_to=str(world["source"]),
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty="attribution",
        uncertainty_as_stated="Selon",
        visibility="published",
        opened_version=str(world["claim_version"]),
        correction_reason="A closer rendering of the French.",
    )


def admin_correct_article(world) -> dict:
    return {
        **admin_new_article(world),
        "slug": world["article_slug"],
        "title": "OpenAI et Oracle (corrigé)",
        "correction_reason": "The outlet's own title.",
    }


def admin_new_article(world) -> dict:
    return {
        "slug": "second-article",
        "title": "OpenAI et Oracle, suite",
        "publisher": "",
        "language": "fr",
        "published_on": "2025-09-12",
        "url": "",
        "text": SEED_TEXT,
    }


# --- the matrix ----------------------------------------------------------------------------------------

PAGES = [
    ("GET", "/", None, everyone(200)),
    ("GET", "/claims/", None, everyone(200)),
    ("GET", "/claims/{claim_slug}/", None, everyone(200)),
    # Public pages never show a draft, whoever asks: 404, not 403, so a draft's existence does not leak.
    ("GET", "/claims/{draft_slug}/", None, everyone(404)),
    ("GET", "/articles/{article_slug}/", None, everyone(200)),
    ("GET", "/changes/", None, everyone(200)),
    ("GET", "/changes/feed/", None, everyone(200)),
    ("GET", "/statuses.css", None, everyone(200)),
    ("GET", "/sitemap.xml", None, everyone(200)),
    ("GET", "/robots.txt", None, everyone(200)),
    ("POST", "/claims/", None, everyone(405)),
    ("POST", "/claims/{claim_slug}/", None, everyone(405)),
]

API = [
    ("GET", "/api/v1/claims/", None, everyone(200)),
    ("GET", "/api/v1/claims/?visibility=draft", None, roles(401, 403, 200, 200, 200)),
    ("GET", "/api/v1/claims/?format=csv", None, everyone(200)),
    ("GET", "/api/v1/claims/{claim}/", None, everyone(200)),
    # Drafts are for the roles that edit them; to anyone else they do not exist.
    ("GET", "/api/v1/claims/{draft}/", None, roles(404, 404, 200, 200, 200)),
    ("GET", "/api/v1/claims/{claim}/history/", None, everyone(200)),
    ("GET", "/api/v1/claims/{draft}/history/", None, roles(404, 404, 200, 200, 200)),
    ("GET", "/api/v1/claims/{claim}/claimreview/", None, everyone(200)),
    ("GET", "/api/v1/claims/{draft}/claimreview/", None, everyone(404)),  # public markup: never a draft
    ("GET", "/api/v1/articles/", None, everyone(200)),
    ("GET", "/api/v1/articles/{article}/", None, everyone(200)),
    ("GET", "/api/v1/sources/", None, everyone(200)),
    ("GET", "/api/v1/sources/{source}/", None, everyone(200)),
    ("GET", "/api/v1/statuses/", None, everyone(200)),
    ("GET", "/api/v1/statuses/accurate/", None, everyone(200)),
    ("GET", "/api/v1/claimreview/feed/", None, everyone(200)),
    ("GET", "/api/v1/schema/", None, everyone(200)),
    ("GET", "/api/v1/docs/", None, everyone(200)),
    ("GET", "/api/v1/no-such-endpoint/", None, everyone(404)),
    ("POST", "/api/v1/claims/", new_claim, roles(401, 403, 201, 201, 201)),
    ("POST", "/api/v1/claims/", new_published_claim, roles(401, 403, 403, 201, 201)),
    # {claim} carries a verdict: what it says is corrected by editors (with a reason, on the record), and it is
    # retracted rather than unpublished (400 naming visibility).
    ("PATCH", "/api/v1/claims/{claim}/", edit_claim, roles(401, 403, 403, 200, 200)),
    ("PATCH", "/api/v1/claims/{claim}/", unpublish_claim, roles(401, 403, 403, 400, 400)),
    ("PATCH", "/api/v1/claims/{draft}/", edit_draft, roles(401, 403, 200, 200, 200)),
    # No PUT (a full replacement would reset what it leaves out) and no DELETE (claims are retracted).
    ("PUT", "/api/v1/claims/{claim}/", edit_claim, roles(401, 405, 405, 405, 405)),
    ("DELETE", "/api/v1/claims/{claim}/", None, roles(401, 405, 405, 405, 405)),
    ("DELETE", "/api/v1/claims/{draft}/", None, roles(401, 405, 405, 405, 405)),
    ("POST", "/api/v1/claims/{claim}/status/", verdict, roles(401, 403, 403, 200, 200)),
    # {claim} holds a verdict: leaving it, even for "in review", is for editors; a claim without one
    # a contributor moves into review.
    ("POST", "/api/v1/claims/{claim}/status/", review, roles(401, 403, 403, 200, 200)),
    ("POST", "/api/v1/claims/{draft}/status/", review_draft, roles(401, 403, 200, 200, 200)),
    # Intake: a new article in, its candidates listed, accepted as drafts or dismissed, by the editorial roles.
    ("POST", "/api/v1/articles/", new_article, roles(401, 403, 201, 201, 201)),
    ("GET", "/api/v1/articles/{article}/candidates/", None, roles(401, 403, 200, 200, 200)),
    ("POST", "/api/v1/articles/{article}/candidates/{candidate}/accept/", None, roles(401, 403, 201, 201, 201)),
    ("POST", "/api/v1/articles/{article}/candidates/{candidate}/dismiss/", dismissal, roles(401, 403, 200, 200, 200)),
    ("GET", "/api/v1/claims/similar/?text=300+milliards+de+dollars", None, everyone(200)),
    ("DELETE", "/api/v1/articles/{article}/", None, roles(401, 405, 405, 405, 405)),
    ("POST", "/api/v1/sources/", new_claim, roles(401, 405, 405, 405, 405)),
    ("PATCH", "/api/v1/statuses/accurate/", review, roles(401, 405, 405, 405, 405)),
    ("POST", "/api/v1/claimreview/feed/", new_claim, roles(401, 405, 405, 405, 405)),
    ("PATCH", "/api/v1/articles/{article}/", edit_claim, roles(401, 405, 405, 405, 405)),
    ("PATCH", "/api/v1/sources/{source}/", edit_claim, roles(401, 405, 405, 405, 405)),
    ("GET", "/api/v1/claims/{claim}/status/", None, everyone(405)),  # a status is changed, never read here
    # The record: corrections of a published claim are public; a draft's, like the draft, are not.
    ("GET", "/api/v1/claims/{claim}/revisions/", None, everyone(200)),
    ("GET", "/api/v1/claims/{draft}/revisions/", None, roles(404, 404, 200, 200, 200)),
    # A verdict awaiting sign-off ({pending}, given by another editor) is not public: the editorial roles
    # see it, editors sign it off or send it back; a claim with nothing awaiting answers 404.
    ("GET", "/api/v1/claims/{pending}/sign-off/", None, roles(401, 403, 200, 200, 200)),
    ("GET", "/api/v1/claims/{claim}/sign-off/", None, roles(401, 403, 404, 404, 404)),
    ("POST", "/api/v1/claims/{pending}/sign-off/", sign_off, roles(401, 403, 403, 200, 200)),
    ("POST", "/api/v1/claims/{pending}/sign-off/", send_back, roles(401, 403, 403, 200, 200)),
    ("HEAD", "/api/v1/claims/", None, everyone(200)),
    ("OPTIONS", "/api/v1/claims/", None, everyone(200)),
    ("GET", "/api/v1/", None, everyone(200)),
]

ADMIN = [
    ("GET", "/admin/", None, roles(LOGIN, 200, 200, 200, 200)),
    ("GET", "/admin/claims/claim/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/claim/", admin_recheck_action, roles(LOGIN, 403, 302, 302, 302)),
    ("GET", "/admin/claims/claim/add/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/claim/add/", admin_add_claim, roles(LOGIN, 403, 302, 302, 302)),
    ("GET", "/admin/claims/claim/{claim}/change/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/claim/{draft}/change/", admin_edit_draft, roles(LOGIN, 403, 302, 302, 302)),
    ("GET", "/admin/claims/claim/{draft}/delete/", None, roles(LOGIN, 403, 403, 200, 200)),
    ("POST", "/admin/claims/claim/{draft}/delete/", admin_confirm_delete, roles(LOGIN, 403, 403, 302, 302)),
    # A claim with history is never deleted: the page explains and offers retraction instead (200).
    ("POST", "/admin/claims/claim/{claim}/delete/", admin_confirm_delete, roles(LOGIN, 403, 403, 200, 200)),
    # {claim} carries a verdict: contributors see it, editors correct it (with a reason, on the record).
    ("POST", "/admin/claims/claim/{claim}/change/", admin_correct_claim, roles(LOGIN, 403, 403, 302, 302)),
    ("POST", "/admin/claims/article/{article}/change/", admin_correct_article, roles(LOGIN, 403, 403, 302, 302)),
    ("POST", "/admin/claims/claim/{pending}/sign-off/", sign_off, roles(LOGIN, 403, 403, 302, 302)),
    ("POST", "/admin/claims/claim/{pending}/sign-off/", send_back, roles(LOGIN, 403, 403, 302, 302)),
    ("GET", "/admin/claims/claim/{pending}/sign-off/", None, roles(LOGIN, 403, 403, 405, 405)),
    ("GET", "/admin/claims/claim/{claim}/status/", None, roles(LOGIN, 403, 200, 200, 200)),
    # A contributor is not offered verdicts: the form comes back with an error on the status (200).
    ("POST", "/admin/claims/claim/{claim}/status/", admin_verdict, roles(LOGIN, 403, 200, 302, 302)),
    # Nor may a contributor take {claim}'s verdict back into review (an error on the status, 200); a
    # claim without a verdict, yes.
    ("POST", "/admin/claims/claim/{claim}/status/", admin_review, roles(LOGIN, 403, 200, 302, 302)),
    ("POST", "/admin/claims/claim/{draft}/status/", admin_review_draft, roles(LOGIN, 403, 302, 302, 302)),
    # The status history is append-only: viewable by the editorial roles, written by nobody here.
    ("GET", "/admin/claims/statuschange/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/statuschange/add/", None, roles(LOGIN, 403, 403, 403, 403)),
    ("POST", "/admin/claims/statuschange/add/", admin_rewrite_history, roles(LOGIN, 403, 403, 403, 403)),
    ("GET", "/admin/claims/statuschange/{change}/change/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/statuschange/{change}/change/", admin_rewrite_history, roles(LOGIN, 403, 403, 403, 403)),
    ("GET", "/admin/claims/statuschange/{change}/delete/", None, roles(LOGIN, 403, 403, 403, 403)),
    ("POST", "/admin/claims/statuschange/{change}/delete/", admin_confirm_delete, roles(LOGIN, 403, 403, 403, 403)),
    # The verification scale: viewed by the editorial roles, changed by superusers only.
    ("GET", "/admin/claims/verificationstatus/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/verificationstatus/add/", None, roles(LOGIN, 403, 403, 403, 200)),
    ("POST", "/admin/claims/verificationstatus/add/", admin_new_status, roles(LOGIN, 403, 403, 403, 302)),
    ("GET", "/admin/claims/verificationstatus/accurate/change/", None, roles(LOGIN, 403, 200, 200, 200)),
    (
        "POST",
        "/admin/claims/verificationstatus/accurate/change/",
        admin_reword_status,
        roles(LOGIN, 403, 403, 403, 302),
    ),
    ("GET", "/admin/claims/source/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/source/add/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/source/add/", admin_new_source, roles(LOGIN, 403, 302, 302, 302)),
    ("GET", "/admin/claims/article/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/article/add/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/article/add/", admin_new_article, roles(LOGIN, 403, 302, 302, 302)),
    # Accounts and tokens are the superuser's business.
    ("GET", "/admin/auth/user/", None, roles(LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/auth/group/", None, roles(LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/axes/accessattempt/", None, roles(LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/password_change/", None, roles(LOGIN, 200, 200, 200, 200)),
    ("GET", "/admin/claims/claim/{claim}/history/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/article/{article}/change/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/article/{article}/workbench/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("POST", "/admin/claims/article/{article}/workbench/", workbench_accept, roles(LOGIN, 403, 302, 302, 302)),
    ("POST", "/admin/claims/article/{article}/workbench/", workbench_dismiss, roles(LOGIN, 403, 302, 302, 302)),
    ("GET", "/admin/claims/claim/queue/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/claim/{draft}/preview/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/claims/source/{source}/change/", None, roles(LOGIN, 403, 200, 200, 200)),
    ("GET", "/admin/authtoken/tokenproxy/", None, roles(LOGIN, 403, 403, 403, 200)),
]

MATRIX = [("page", *row) for row in PAGES] + [("api", *row) for row in API] + [("admin", *row) for row in ADMIN]


# --- the test ------------------------------------------------------------------------------------------


@pytest.fixture
def world(claim, citation) -> dict:
    """A published claim whose history holds one verdict, a draft claim without history, and their ids."""
    change = claim_change_status(
        claim=claim, to_status="accurate", rationale="The WSJ report matches.", by=None, citations=[citation]
    )
    draft = ClaimFactory(
        article=claim.article,
        slug="broadcom-10b",
        text=BROADCOM_PASSAGE,
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )
    CitationFactory(
        claim=claim,
        url=CNA_REUTERS,
        title=CNA_REUTERS_TITLE,
        publisher="CNA (Reuters)",
        stance=Citation.Stance.CONTEXT,
    )
    pending = ClaimFactory(article=claim.article, slug="three-hundred-billion", text=AMOUNT_PASSAGE, published=True)
    proposer = get_user_model().objects.create_user(username="pat-proposer", is_staff=True)
    proposer.groups.add(Group.objects.get(name="editors"))
    PendingVerdict.objects.create(
        claim=pending,
        to_status_id="accurate",
        rationale="Reuters reports the same amount.",
        claim_version=pending.version,
        proposed_by=proposer,
    )
    candidates = article_find_candidates(article=claim.article)
    claim.refresh_from_db()
    return {
        "candidate": next(c.pk for c in candidates if c.status == "open"),
        "claim": claim.pk,
        "claim_slug": claim.slug,
        "claim_version": claim.version,
        "draft": draft.pk,
        "draft_slug": draft.slug,
        "draft_version": draft.version,
        "pending": pending.pk,
        "article": claim.article_id,
        "article_slug": claim.article.slug,
        "source": Source.objects.get(slug="wsj").pk,
        "citation": citation.pk,
        "change": change.pk,
    }


def claims_tables() -> str:
    """A digest of every row of every claims table (status history and claim versions included)."""
    digest = hashlib.sha256()
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        digest.update(repr(list(model._base_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


def client_as(kind: str, user):
    if kind == "api":
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(client, kind: str, method: str, url: str, payload):
    if method == "GET":
        return client.get(url)
    if kind == "api":
        return getattr(client, method.lower())(url, payload, format="json")
    return client.post(url, payload or {})


def _case_id(kind, method, address, payload, persona) -> str:
    named = f" {payload.__name__}" if payload else ""
    return f"{method} {address}{named} as {persona}"


@pytest.mark.parametrize(
    "kind,method,address,payload,expected",
    [
        pytest.param(kind, method, address, payload, (persona, statuses[persona]), id=_case_id(*row[:4], persona))
        for row in MATRIX
        for kind, method, address, payload, statuses in [row]
        for persona in PERSONAS
    ],
)
def test_each_persona_gets_the_expected_status(request, world, kind, method, address, payload, expected):
    persona, status = expected
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_as(kind, user)
    url = address.format(**world)
    body = payload(world) if payload else None
    before = claims_tables()

    response = send(client, kind, method, url, body)

    if status == LOGIN:
        assert response.status_code == 302, response.content[:500]
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == status, response.content[:500]
        if status == 302:
            assert not response["Location"].startswith("/admin/login/")
    if method not in ("GET", "HEAD", "OPTIONS"):
        wrote = (kind == "api" and status in (200, 201)) or (kind == "admin" and status == 302)
        assert (claims_tables() != before) == wrote, "the database changed" if not wrote else "nothing was written"


def test_the_matrix_names_every_persona_in_every_row():
    for row in MATRIX:
        assert set(row[-1]) == set(PERSONAS), row
