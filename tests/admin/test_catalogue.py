"""The admin's catalogue: the verification scale (viewed by editors and contributors, changed by superusers
only), sources and articles (searchable; an article's text read-only once claims point into it)."""

import pytest
from django.urls import reverse

from claims.models import VerificationStatus
from tests.admin.support import form_data
from tests.factories import SEED_TEXT


@pytest.mark.parametrize("persona", ["editor", "contributor"])
def test_the_status_scale_is_only_viewed_by_editors_and_contributors(db, client, request, persona):
    # `db` is named, not only reached through getfixturevalue: pytest-django orders tests by the
    # fixtures they name, and must run this one before the tests that flush the database.
    client.force_login(request.getfixturevalue(persona))
    accurate = VerificationStatus.objects.get(pk="accurate")
    url = reverse("admin:claims_verificationstatus_change", args=["accurate"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"label": "Vrai", "description": "x", "normalized": "true"}).status_code == 403
    assert client.get(reverse("admin:claims_verificationstatus_add")).status_code == 403
    assert (
        client.post(reverse("admin:claims_verificationstatus_delete", args=["accurate"]), {"post": "yes"}).status_code
        == 403
    )
    accurate.refresh_from_db()
    assert accurate.label == "Accurate"


def test_a_superuser_may_edit_the_status_scale(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:claims_verificationstatus_change", args=["accurate"])
    data = form_data(client.get(url), form_id="verificationstatus_form")
    data["label"] = "Correct"
    assert client.post(url, data).status_code == 302
    assert VerificationStatus.objects.get(pk="accurate").label == "Correct"


# --- sources and articles -----------------------------------------------------------------------------


def test_the_article_text_is_read_only_once_claims_point_into_it(as_editor, article, claim):
    url = reverse("admin:claims_article_change", args=[article.pk])
    data = form_data(as_editor.get(url), form_id="article_form")
    assert "text" not in data
    data["text"] = "A different text."
    data["title"] = "OpenAI et Oracle (corrected title)"
    data["correction_reason"] = "The title as the outlet published it."
    assert as_editor.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.text) == ("OpenAI et Oracle (corrected title)", SEED_TEXT)


def test_sources_and_articles_are_searchable(as_editor, article, wsj):
    sources = as_editor.get(reverse("admin:claims_source_changelist"), {"q": "Wall Street"})
    assert list(sources.context["cl"].result_list) == [wsj]
    articles = as_editor.get(reverse("admin:claims_article_changelist"), {"q": "gigawatts"})
    assert list(articles.context["cl"].result_list) == [article]
    assert articles.context["cl"].result_list[0].claim_total == 0
