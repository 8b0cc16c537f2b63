"""The claims list in the admin: what it shows, its filters and search, its fixed number of queries, the
bulk action marking claims for re-check, deletion (never of a claim with history), and an outsider refused
every claims page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Source
from claims.services.status import claim_change_status
from tests.admin.support import CHANGELIST, change_url, messages_of, status_url
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.helpers.seed_article import START_PASSAGE


class TestTheClaimsList:
    def test_it_shows_the_written_status_article_attribution_and_recheck_date(self, as_editor, claim):
        Claim.objects.filter(pk=claim.pk).update(
            checkability=Claim.Checkability.CHECKABLE_LATER, recheck_on=dt.date(2027, 1, 15)
        )
        page = as_editor.get(reverse(CHANGELIST)).content.decode()
        assert '<span class="claim-status">Unverified</span>' in page
        assert "OpenAI et Oracle" in page
        assert "The Wall Street Journal" in page
        assert "Jan. 15, 2027" in page
        assert "Published" in page

    def test_an_outsider_may_not_open_it(self, client, outsider, claim):
        client.force_login(outsider)
        assert client.get(reverse(CHANGELIST)).status_code == 403

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"q": "Broadcom"}, {"broadcom-10b"}),  # the words as stated
            ({"q": "partnership starts"}, {"starts-2027"}),  # the English rendering
            ({"q": "Broadcom order"}, {"broadcom-10b"}),  # the summary
            ({"status__code__exact": "in_review"}, {"starts-2027"}),
            ({"uncertainty__exact": "reported"}, {"broadcom-10b"}),
            ({"checkability__exact": "checkable_later"}, {"starts-2027"}),
            ({"recheck": "due"}, {"broadcom-10b"}),
            ({"recheck": "scheduled"}, {"starts-2027"}),
            ({"recheck": "none"}, {"third"}),
            ({"visibility__exact": "draft"}, {"broadcom-10b", "third"}),
        ],
    )
    def test_its_filters_and_search_pick_the_right_claims(
        self, as_editor, editor, claim, broadcom_claim, article, query, expected
    ):
        ClaimFactory(article=article, slug="third", text="OpenAI préparerait aussi un contrat")
        claim_change_status(claim=claim, to_status="in_review", rationale="Checking the WSJ.", by=editor)
        Claim.objects.filter(pk=claim.pk).update(
            checkability=Claim.Checkability.CHECKABLE_LATER, recheck_on=timezone.localdate() + dt.timedelta(days=30)
        )
        Claim.objects.filter(pk=broadcom_claim.pk).update(recheck_on=timezone.localdate())
        response = as_editor.get(reverse(CHANGELIST), query)
        assert {c.slug for c in response.context["cl"].result_list} == expected

    def test_it_filters_by_article_and_by_source_attributed_or_about(
        self, as_editor, claim, broadcom_claim, article, wsj
    ):
        oracle = SourceFactory(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
        broadcom_claim.entities.add(oracle)
        other = ArticleFactory(
            slug="other", title="Another article", language="en", published_on=dt.date(2025, 9, 12), text="Other."
        )
        ClaimFactory(article=other, slug="elsewhere", text="Other.")
        url = reverse(CHANGELIST)

        def slugs(params):
            return {c.slug for c in as_editor.get(url, params).context["cl"].result_list}

        assert slugs({"article__id__exact": article.pk}) == {"starts-2027", "broadcom-10b"}
        assert slugs({"attributed_to__id__exact": wsj.pk}) == {"starts-2027"}
        assert slugs({"entities__id__exact": oracle.pk}) == {"broadcom-10b"}

    def test_its_query_count_does_not_grow_with_the_number_of_claims(
        self, as_editor, article, wsj, django_assert_num_queries
    ):
        oracle = SourceFactory(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)

        def add_claims(first, count):
            for n in range(first, first + count):
                ClaimFactory(
                    article=article, slug=f"claim-{n}", text=START_PASSAGE, attributed_to=wsj, entities=[oracle]
                )

        add_claims(0, 2)
        url = reverse(CHANGELIST)
        # 1 session, 2 user, 3-4 the user's permissions (own, through groups); the filters' choices:
        # 5 statuses, 6 articles, 7 sources claims are attributed to, 8 sources claims are about;
        # 9 the filtered count, 10 the total count, 11 the rows with status, article and attributed source joined.
        with django_assert_num_queries(11):
            assert len(as_editor.get(url).context["cl"].result_list) == 2
        add_claims(2, 20)
        with django_assert_num_queries(11):
            assert len(as_editor.get(url).context["cl"].result_list) == 22


# --- the bulk action ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda claim: reverse(CHANGELIST),
        lambda claim: reverse("admin:claims_claim_add"),
        change_url,
        status_url,
        lambda claim: reverse("admin:claims_claim_delete", args=[claim.pk]),
        lambda claim: reverse("admin:claims_statuschange_changelist"),
    ],
    ids=["list", "add", "change", "status", "delete", "history"],
)
def test_an_outsider_is_refused_every_claims_page(client, outsider, claim, url):
    client.force_login(outsider)
    assert client.get(url(claim)).status_code == 403


@pytest.mark.parametrize("persona", ["editor", "contributor"])
def test_the_bulk_action_marks_claims_for_recheck(client, request, persona, claim, broadcom_claim):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse(CHANGELIST),
        {"action": "mark_for_recheck", "_selected_action": [claim.pk, broadcom_claim.pk]},
        follow=True,
    )
    assert f"2 claims marked for re-check on {timezone.localdate():%Y-%m-%d}." in messages_of(response)
    for c in (claim, broadcom_claim):
        c.refresh_from_db()
        assert (c.recheck_on, c.version) == (timezone.localdate(), 2)


def test_an_outsider_cannot_use_the_bulk_action(client, outsider, claim):
    client.force_login(outsider)
    response = client.post(reverse(CHANGELIST), {"action": "mark_for_recheck", "_selected_action": [claim.pk]})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.recheck_on, claim.version) == (None, 1)


# --- deletion -----------------------------------------------------------------------------------------------


def test_deleting_a_claim_with_history_is_refused_with_the_reason(as_editor, claim, history_row):
    url = reverse("admin:claims_claim_delete", args=[claim.pk])
    page = as_editor.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "This claim has a status history" in text
    assert status_url(claim) in text  # offers retraction instead
    assert as_editor.post(url, {"post": "yes"}).status_code == 200
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_deleting_claims_with_history_in_bulk_is_refused_with_the_reason(as_editor, claim, history_row):
    response = as_editor.post(
        reverse(CHANGELIST), {"action": "delete_selected", "_selected_action": [claim.pk], "post": "yes"}
    )
    assert response.status_code == 200
    assert "Retracted" in response.content.decode()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_a_claim_without_history_may_be_deleted_by_an_editor(as_editor, broadcom_claim):
    response = as_editor.post(reverse("admin:claims_claim_delete", args=[broadcom_claim.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=broadcom_claim.pk).exists()


def test_a_contributor_may_not_delete_a_claim(as_contributor, broadcom_claim):
    response = as_contributor.post(reverse("admin:claims_claim_delete", args=[broadcom_claim.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Claim.objects.filter(pk=broadcom_claim.pk).exists()
