"""Sources are public once published work names them: a published claim attributed to them or about them,
or an article of theirs holding a published claim. A source only drafts name is not listed, not readable
(404) and its description not shown to anonymous readers or staff without a group; contributors and editors,
who name sources in the claims they write, see every source."""

from __future__ import annotations

import pytest

from claims.models import Source
from tests.api.support import API, client_for, error_of
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

SECRET = "Our tip-off came from a person at the company; not yet confirmed."


@pytest.fixture
def sources(db):
    """Sources named by published work in each of the three ways, and three named only by drafts."""
    named = {
        kind: SourceFactory(slug=f"public-{kind}", name=f"Public {kind}")
        for kind in ("attributed", "about", "publisher")
    }
    hidden = {
        kind: SourceFactory(slug=f"draft-{kind}", name=f"Draft {kind}", description=SECRET)
        for kind in ("attributed", "about", "publisher")
    }
    published_article = ArticleFactory(slug="published-article", publisher=named["publisher"])
    ClaimFactory(
        article=published_article, published=True, attributed_to=named["attributed"], entities=[named["about"]]
    )
    draft_article = ArticleFactory(slug="draft-article", publisher=hidden["publisher"])
    ClaimFactory(article=draft_article, attributed_to=hidden["attributed"], entities=[hidden["about"]])
    # A published article's draft claim does not make its sources public either.
    ClaimFactory(article=published_article, slug="draft-on-published", attributed_to=hidden["attributed"])
    return named, hidden


def listed(client) -> set[str]:
    body = client.get(f"{API}sources/", {"page_size": 100}).json()
    return {row["slug"] for row in body["results"]}


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_it_lists_only_the_sources_published_work_names(sources, persona, request):
    named, hidden = sources
    client = client_for(None if persona == "anonymous" else request.getfixturevalue("outsider"))

    assert listed(client) == {source.slug for source in named.values()}


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_a_source_only_drafts_name_is_a_json_404_and_its_description_never_shown(sources, persona, request):
    named, hidden = sources
    client = client_for(None if persona == "anonymous" else request.getfixturevalue("outsider"))

    for source in hidden.values():
        response = client.get(f"{API}sources/{source.pk}/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
        assert SECRET not in response.content.decode()
    for source in named.values():
        assert client.get(f"{API}sources/{source.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["contributor", "editor"])
def test_contributors_and_editors_see_every_source(sources, persona, request):
    named, hidden = sources
    client = client_for(request.getfixturevalue(persona))

    assert listed(client) == set(Source.objects.values_list("slug", flat=True))
    assert client.get(f"{API}sources/{hidden['attributed'].pk}/").json()["description"] == SECRET


def test_an_anonymous_copy_is_never_confirmed_to_an_editor(sources, editor, client):
    anonymous = client.get(f"{API}sources/")
    editors = client_for(editor)

    assert editors.get(f"{API}sources/", HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 200
    assert client.get(f"{API}sources/", HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 304
