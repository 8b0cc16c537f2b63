"""The editors' admin, driven through the test client as each persona would use it.

Forms are posted the way a browser posts them: `form_data()` reads every field of the rendered form,
inline management forms included, so a test changes only what an editor would change.
"""

import datetime as dt
import io
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.admin.forms import ClaimAdminForm
from claims.models import Citation, Claim, DateMention, Quantity, Source, StatusChange, VerificationStatus
from claims.services.status import claim_change_status
from tests.conftest import ARTICLE_TEXT

CHANGELIST = "admin:claims_claim_changelist"


# --- helpers ------------------------------------------------------------------------------------------


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one <form>: inputs, checked boxes, selected options,
    textareas; the hidden templates of empty inline forms (`__prefix__`) are left out as the admin's
    JavaScript leaves them out."""

    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.data: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = {"name": name, "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option" and self._option is not None:
            if self._option["value"] is None:
                self._option["value"] = self._option["text"]
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            self.data.extend((self._select["name"], o["value"]) for o in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # Browsers drop the newline that follows <textarea>; Django's widget writes one.
            self.data.append((self._textarea["name"], text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response, form_id: str | None = "claim_form") -> dict:
    """The rendered form as a POST dict: one value per name, or a list for repeated names."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict = {}
    for name, value in reader.data:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data


def add_inline(data: dict, prefix: str, **values) -> None:
    """Append one inline form, as the admin's "Add another" link does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for field, value in values.items():
        data[f"{prefix}-{index}-{field}"] = value


def errors_of(response) -> dict:
    """Every error on the rendered admin form and its inlines, keyed `field` or `prefix-n-field`."""
    found = {}
    adminform = response.context["adminform"]
    for field, errors in adminform.form.errors.items():
        found[field] = list(errors)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for form in formset.forms:
            for field, errors in form.errors.items():
                found[f"{form.prefix}-{field}"] = list(errors)
        if formset.non_form_errors():
            found[f"{formset.prefix}-__all__"] = list(formset.non_form_errors())
    return found


def change_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def status_url(claim) -> str:
    return reverse("admin:claims_claim_status", args=[claim.pk])


def make_claim(article, slug, passage, **fields) -> Claim:
    start = ARTICLE_TEXT.index(passage)
    return Claim.objects.create(
        article=article, slug=slug, text=passage, start=start, end=start + len(passage), **fields
    )


def snapshot(claim: Claim) -> dict:
    """What a refused form must leave untouched."""
    claim.refresh_from_db()
    return {
        "claim": {f.attname: getattr(claim, f.attname) for f in Claim._meta.concrete_fields},
        "quantities": list(Quantity.objects.filter(claim=claim).values()),
        "dates": list(DateMention.objects.filter(claim=claim).values()),
        "citations": list(Citation.objects.filter(claim=claim).values()),
        "entities": sorted(claim.entities.values_list("pk", flat=True)),
        "history": StatusChange.objects.filter(claim=claim).count(),
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_contributor(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def broadcom_claim(article):
    return make_claim(
        article,
        "broadcom-10b",
        "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom",
        text_en="OpenAI is reportedly preparing a $10 billion contract with Broadcom",
        summary="Broadcom order",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )


# --- the list -----------------------------------------------------------------------------------------


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
        make_claim(article, "third", "OpenAI préparerait aussi un contrat")
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
        oracle = Source.objects.create(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
        broadcom_claim.entities.add(oracle)
        other = article.__class__.objects.create(
            slug="other", title="Another article", language="en", published_on=dt.date(2025, 9, 12), text="Other."
        )
        Claim.objects.create(article=other, slug="elsewhere", text="Other.", start=0, end=6)
        url = reverse(CHANGELIST)

        def slugs(params):
            return {c.slug for c in as_editor.get(url, params).context["cl"].result_list}

        assert slugs({"article__id__exact": article.pk}) == {"starts-2027", "broadcom-10b"}
        assert slugs({"attributed_to__id__exact": wsj.pk}) == {"starts-2027"}
        assert slugs({"entities__id__exact": oracle.pk}) == {"broadcom-10b"}

    def test_its_query_count_does_not_grow_with_the_number_of_claims(
        self, as_editor, article, wsj, django_assert_num_queries
    ):
        oracle = Source.objects.create(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)

        def add_claims(first, count):
            for n in range(first, first + count):
                c = make_claim(article, f"claim-{n}", "ce partenariat démarre en 2027", attributed_to=wsj)
                c.entities.add(oracle)

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


# --- the change form ----------------------------------------------------------------------------------


class TestTheChangeForm:
    def test_it_saves_quantities_dates_and_citations_inline(self, as_editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        add_inline(
            data,
            "quantities",
            position="0",
            measure="capacity",
            value="4.5",
            unit="GW",
            qualifier="up_to",
            upper_bound="4.5",
            as_stated="jusqu’à 4,5 gigawatts",
        )
        add_inline(data, "dates", position="0", role="starts", precision="year", year="2027", as_stated="en 2027")
        add_inline(
            data,
            "citations",
            url="https://the-decoder.com/openai-signs-300-billion-cloud-contract-with-oracle-according-to-wsj/",
            title="OpenAI signs $300 billion cloud contract with Oracle, according to WSJ",
            publisher="The Decoder",
            stance="supports",
            access="read",
        )
        response = as_editor.post(change_url(claim), data)
        assert response.status_code == 302, errors_of(response)
        quantity = claim.quantities.get()
        assert (quantity.value, quantity.unit, quantity.upper_bound) == (Decimal("4.5"), "GW", Decimal("4.5"))
        assert claim.dates.get().value == "2027"
        assert claim.citations.get().publisher == "The Decoder"
        claim.refresh_from_db()
        assert claim.version == 2  # every save goes through claim_update, which raises the version

    def test_it_saves_an_edit_of_the_claim_itself(self, as_editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        data["text_en"] = "this partnership begins in 2027"
        data["summary"] = "Partnership starts in 2027"
        assert as_editor.post(change_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert (claim.text_en, claim.summary, claim.version) == (
            "this partnership begins in 2027",
            "Partnership starts in 2027",
            2,
        )

    @pytest.mark.parametrize(
        ("prefix", "values", "field"),
        [
            (
                "quantities",
                dict(measure="capacity", value="4.5", unit="GW", lower_bound="5", qualifier="exact", as_stated="4,5"),
                "quantities-0-lower_bound",
            ),
            (
                "quantities",
                dict(
                    measure="capacity",
                    value="3.5",
                    unit="GW",
                    lower_bound="4",
                    upper_bound="3",
                    qualifier="exact",
                    as_stated="4,5",
                ),
                "quantities-0-lower_bound",
            ),
            (
                "quantities",
                dict(measure="capacity", value="4.5", unit="furlong", qualifier="exact", as_stated="4,5"),
                "quantities-0-unit",
            ),
            (
                "quantities",
                dict(measure="capacity", value="4.5", unit="GW", qualifier="up_to", as_stated="jusqu’à 4,5"),
                "quantities-0-upper_bound",
            ),
            ("dates", dict(role="starts", precision="day", year="2027", month="1", as_stated="en 2027"), "dates-0-day"),
            (
                "dates",
                dict(role="starts", precision="year", year="2027", month="1", as_stated="en 2027"),
                "dates-0-month",
            ),
            (
                "citations",
                dict(url="javascript:alert(1)", title="x", publisher="y", stance="supports", access="read"),
                "citations-0-url",
            ),
            (
                "citations",
                dict(
                    url="https://example.org/a",
                    archived_url="javascript:alert(1)",
                    title="x",
                    publisher="y",
                    stance="supports",
                    access="read",
                ),
                "citations-0-archived_url",
            ),
        ],
        ids=[
            "lower-above-value",
            "lower-above-upper",
            "unknown-unit",
            "up-to-without-bound",
            "day-precision-without-day",
            "year-precision-with-month",
            "javascript-url",
            "javascript-archive",
        ],
    )
    def test_bad_inline_data_is_a_form_error_naming_the_field_and_saves_nothing(
        self, as_editor, claim, prefix, values, field
    ):
        data = form_data(as_editor.get(change_url(claim)))
        data["text_en"] = "an edit that must not be saved either"
        add_inline(data, prefix, **values)
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), data)
        assert response.status_code == 200
        assert field in errors_of(response)
        assert snapshot(claim) == before

    def test_a_passage_not_in_the_article_is_refused_on_the_text_field(self, as_editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        data["text"] = "ce partenariat démarre en 2028"
        add_inline(data, "dates", position="0", role="starts", precision="year", year="2028", as_stated="en 2028")
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), data)
        assert response.status_code == 200
        assert "does not occur in the article" in " ".join(errors_of(response)["text"])
        assert snapshot(claim) == before

    def test_it_locates_the_passage_when_no_offset_is_given(self, as_editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        data["text"] = "jusqu’à 4,5 gigawatts de capacité"
        data["start"] = ""
        assert as_editor.post(change_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert ARTICLE_TEXT[claim.start : claim.end] == "jusqu’à 4,5 gigawatts de capacité"

    def test_a_stale_form_is_refused_with_what_changed_and_saves_nothing(self, as_editor, editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        # Meanwhile another editor puts the claim in review: version 1 -> 2.
        claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor)
        data["text_en"] = "an edit made from version 1"
        add_inline(data, "dates", position="0", role="starts", precision="year", year="2027", as_stated="en 2027")
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), data)
        assert response.status_code == 200
        message = " ".join(response.context["adminform"].form.non_field_errors())
        assert "you saw version 1, it is now version 2" in message
        assert "\u201cIn review\u201d" in message
        assert snapshot(claim) == before

    def test_a_version_moved_after_the_form_check_is_still_refused_by_the_service(
        self, as_editor, editor, claim, monkeypatch
    ):
        """The service checks the version again; the admin's transaction then undoes the inlines too."""
        data = form_data(as_editor.get(change_url(claim)))
        claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor)
        monkeypatch.setattr(ClaimAdminForm, "_refuse_stale_version", lambda self, opened: None)
        data["text_en"] = "an edit made from version 1"
        add_inline(data, "dates", position="0", role="starts", precision="year", year="2027", as_stated="en 2027")
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), data, follow=True)
        assert response.redirect_chain[-1][0] == change_url(claim)
        assert any("you saw version 1, it is now version 2" in m for m in messages_of(response))
        assert snapshot(claim) == before

    def test_the_version_status_and_rationale_are_not_editable_in_the_form(self, as_editor, claim, citation):
        data = form_data(as_editor.get(change_url(claim)))
        assert not {"version", "status", "rationale"} & set(data)
        data.update(version="99", status="accurate", rationale="forged")
        assert as_editor.post(change_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert (claim.version, claim.status_id, claim.rationale) == (2, "unverified", "")
        assert not claim.history.exists()

    def test_it_shows_the_history_read_only(self, as_editor, editor, claim, citation):
        claim_change_status(
            claim=claim, to_status="accurate", rationale="The Decoder confirms it.", by=editor, citations=[citation]
        )
        page = as_editor.get(change_url(claim)).content.decode()
        assert "The Decoder confirms it." in page
        assert "The Decoder: OpenAI signs $300 billion cloud contract" in page
        assert status_url(claim) in page

    def test_a_contributor_cannot_publish_through_the_form(self, as_contributor, broadcom_claim):
        data = form_data(as_contributor.get(change_url(broadcom_claim)))
        assert "visibility" not in data  # shown read-only
        data["visibility"] = "published"
        data["text_en"] = "edited by a contributor"
        assert as_contributor.post(change_url(broadcom_claim), data).status_code == 302
        broadcom_claim.refresh_from_db()
        assert (broadcom_claim.visibility, broadcom_claim.text_en) == ("draft", "edited by a contributor")

    def test_an_editor_may_unpublish(self, as_editor, claim):
        data = form_data(as_editor.get(change_url(claim)))
        data["visibility"] = "draft"
        assert as_editor.post(change_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert claim.visibility == "draft"

    def test_deleting_a_citation_the_history_relied_on_is_refused(self, as_editor, editor, claim, citation):
        claim_change_status(claim=claim, to_status="accurate", rationale="Confirmed.", by=editor, citations=[citation])
        data = form_data(as_editor.get(change_url(claim)))
        data["citations-0-DELETE"] = "on"
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), data)
        assert response.status_code == 200
        errors = " ".join(errors_of(response)["citations-__all__"])
        assert "the change to \u201cAccurate\u201d" in errors and "relied on it" in errors
        assert snapshot(claim) == before


def test_the_change_form_query_count_does_not_grow_with_inline_rows_or_history(as_editor, editor, claim):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert as_editor.get(change_url(claim)).status_code == 200
        return len(ctx)

    def add_rows(first, count):
        for n in range(first, first + count):
            Quantity.objects.create(
                claim=claim, position=n, measure="capacity", value=n, unit="GW", as_stated=f"{n} GW"
            )
            DateMention.objects.create(claim=claim, role="event", precision="year", year=2000 + n, as_stated=str(n))
            cited = Citation.objects.create(
                claim=claim, url=f"https://example.org/{n}", title=f"Report {n}", publisher="Example", stance="context"
            )
            claim_change_status(
                claim=claim,
                to_status="in_review" if n % 2 == 0 else "not_checkable",
                rationale=f"Step {n}.",
                by=editor,
                citations=[cited],
            )

    add_rows(0, 1)
    few = count_queries()
    add_rows(1, 6)
    many = count_queries()
    # 1 session, 2 user, 3 the claim with its status, 4-5 the user's permissions (own, through groups), 6 its entities,
    # 7 quantities, 8 dates, 9 citations, 10 the content type for the history link (cached after the first
    # request), 11 the article and 12 the attributed source (autocomplete widgets), 13 the history with
    # from/to statuses and authors joined, 14 the citations each change relied on.
    assert many <= few <= 14


class TestTheAddForm:
    def test_a_contributor_adds_a_draft_with_its_quantities(self, as_contributor, contributor, article, wsj):
        data = form_data(as_contributor.get(reverse("admin:claims_claim_add")))
        data.update(
            article=str(article.pk),
            text="jusqu’à 4,5 gigawatts de capacité",
            start="",
            slug="capacity-4-5-gw",
            summary="Capacity of 4.5 GW",
            attributed_to=str(wsj.pk),
            uncertainty="bound",
            uncertainty_as_stated="jusqu’à",
            visibility="published",  # ignored: read-only for contributors
        )
        add_inline(
            data,
            "quantities",
            position="0",
            measure="capacity",
            value="4.5",
            unit="GW",
            qualifier="up_to",
            upper_bound="4.5",
            as_stated="jusqu’à 4,5 gigawatts",
        )
        response = as_contributor.post(reverse("admin:claims_claim_add"), data)
        assert response.status_code == 302, errors_of(response)
        created = Claim.objects.get(slug="capacity-4-5-gw")
        assert (created.visibility, created.status_id, created.version) == ("draft", "unverified", 1)
        assert created.created_by == contributor
        assert ARTICLE_TEXT[created.start : created.end] == created.text
        assert created.quantities.get().as_stated == "jusqu’à 4,5 gigawatts"

    def test_an_editor_may_publish_a_new_claim(self, as_editor, article):
        data = form_data(as_editor.get(reverse("admin:claims_claim_add")))
        data.update(article=str(article.pk), text="OpenAI préparerait", slug="openai", visibility="published")
        data.update(uncertainty="reported", uncertainty_as_stated="préparerait")
        assert as_editor.post(reverse("admin:claims_claim_add"), data).status_code == 302
        assert Claim.objects.get(slug="openai").visibility == "published"

    def test_a_passage_not_in_the_article_adds_nothing(self, as_editor, article):
        data = form_data(as_editor.get(reverse("admin:claims_claim_add")))
        data.update(article=str(article.pk), text="Oracle a démenti", slug="invented")
        add_inline(data, "dates", position="0", role="event", precision="year", year="2025", as_stated="2025")
        response = as_editor.post(reverse("admin:claims_claim_add"), data)
        assert response.status_code == 200
        assert "text" in errors_of(response)
        assert not Claim.objects.filter(slug="invented").exists()
        assert not DateMention.objects.exists()


# --- the status page ----------------------------------------------------------------------------------


class TestTheStatusPage:
    def test_an_editor_sets_a_verdict_with_its_citations(self, as_editor, editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        assert data["opened_version"] == "1"
        data.update(status="accurate", rationale="The Decoder reports the 2027 start.", citations=[str(citation.pk)])
        response = as_editor.post(status_url(claim), data, follow=True)
        assert response.redirect_chain[-1][0] == change_url(claim)
        assert "Status changed from \u201cUnverified\u201d to \u201cAccurate\u201d (version 2)." in messages_of(
            response
        )
        change = claim.history.get()
        assert (change.from_status_id, change.to_status_id, change.changed_by, change.claim_version) == (
            "unverified",
            "accurate",
            editor,
            2,
        )
        assert change.rationale == "The Decoder reports the 2027 start."
        assert list(change.citations.all()) == [citation]
        claim.refresh_from_db()
        assert (claim.status_id, claim.rationale, claim.version) == (
            "accurate",
            "The Decoder reports the 2027 start.",
            2,
        )

    def test_a_contributor_is_offered_no_verdict_and_refused_one(self, as_contributor, claim, citation):
        response = as_contributor.get(status_url(claim))
        offered = {s.code for s in response.context["form"].fields["status"].queryset}
        assert offered == {"in_review"}
        data = form_data(response, form_id=None)
        data.update(status="accurate", rationale="Looks right.", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_contributor.post(status_url(claim), data)
        assert response.status_code == 200
        assert "status" in response.context["form"].errors
        assert snapshot(claim) == before

    def test_a_contributor_may_not_take_a_verdict_back_into_review(self, as_contributor, claim, citation):
        claim_change_status(claim=claim, to_status="accurate", rationale="Settled.", by=None, citations=[citation])
        page = as_contributor.get(status_url(claim))
        # Nothing is offered, and the page says why.
        assert list(page.context["form"].fields["status"].queryset) == []
        assert "verdicts are set and changed by editors" in page.content.decode()
        data = form_data(page, form_id=None)
        data.update(status="in_review", rationale="Reopening it.")
        before = snapshot(claim)
        response = as_contributor.post(status_url(claim), data)
        assert response.status_code == 200
        assert response.context["form"].errors["status"]
        assert snapshot(claim) == before
        assert claim.status_id == "accurate"

    def test_a_contributor_may_put_a_claim_in_review(self, as_contributor, contributor, claim):
        data = form_data(as_contributor.get(status_url(claim)), form_id=None)
        data.update(status="in_review", rationale="Looking for the WSJ article.")
        assert as_contributor.post(status_url(claim), data).status_code == 302
        change = claim.history.get()
        assert (change.to_status_id, change.changed_by) == ("in_review", contributor)

    def test_the_rationale_is_required(self, as_editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="accurate", rationale="   ", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert response.status_code == 200
        assert "rationale" in response.context["form"].errors
        assert snapshot(claim) == before

    def test_a_rated_verdict_without_citation_is_an_error_on_the_citations(self, as_editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="inaccurate", rationale="Contradicted.")
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert "at least one citation" in " ".join(response.context["form"].errors["citations"])
        assert snapshot(claim) == before

    def test_a_stale_status_form_is_refused_with_what_changed(self, as_editor, editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor)
        data.update(status="accurate", rationale="Confirmed.", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert response.status_code == 200
        message = " ".join(response.context["form"].non_field_errors())
        assert "you saw version 1, it is now version 2" in message
        assert "\u201cIn review\u201d" in message
        assert snapshot(claim) == before

    def test_an_editor_may_retract_a_claim(self, as_editor, claim):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="retracted", rationale="Recorded twice; see the other claim.")
        assert as_editor.post(status_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert claim.status_id == "retracted"

    def test_an_unknown_status_is_an_error_on_the_status_field(self, as_editor, claim):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="debunked", rationale="Made up.")
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert "valid choice" in " ".join(response.context["form"].errors["status"])
        assert snapshot(claim) == before

    def test_each_status_is_offered_with_its_meaning(self, as_editor, claim):
        page = as_editor.get(status_url(claim)).content.decode()
        assert "Inaccurate: What the claim says is contradicted by the evidence." in page

    def test_an_outsider_is_refused(self, client, outsider, claim):
        client.force_login(outsider)
        assert client.get(status_url(claim)).status_code == 403
        response = client.post(status_url(claim), {"status": "in_review", "rationale": "x", "opened_version": "1"})
        assert response.status_code == 403
        assert not claim.history.exists()

    def test_it_shows_the_history(self, as_editor, editor, claim, citation):
        claim_change_status(
            claim=claim, to_status="accurate", rationale="The Decoder confirms it.", by=editor, citations=[citation]
        )
        page = as_editor.get(status_url(claim)).content.decode()
        assert "The Decoder confirms it." in page
        assert "edith-editor" in page
        assert citation.url in page


# --- bulk action --------------------------------------------------------------------------------------


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


# --- read-only tables and deletion --------------------------------------------------------------------


@pytest.fixture
def history_row(claim, citation, editor):
    return claim_change_status(
        claim=claim, to_status="accurate", rationale="Confirmed.", by=editor, citations=[citation]
    )


@pytest.mark.parametrize("persona", ["editor", "contributor", "superuser"])
def test_the_history_can_be_viewed_but_never_written(client, request, persona, history_row):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("admin:claims_statuschange_change", args=[history_row.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmed." in page.content.decode()
    assert 'name="rationale"' not in page.content.decode()
    assert client.post(url, {"rationale": "rewritten"}).status_code == 403
    assert client.get(reverse("admin:claims_statuschange_add")).status_code == 403
    assert (
        client.post(reverse("admin:claims_statuschange_delete", args=[history_row.pk]), {"post": "yes"}).status_code
        == 403
    )
    history_row.refresh_from_db()
    assert history_row.rationale == "Confirmed."


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


# --- sources and articles -----------------------------------------------------------------------------


def test_the_article_text_is_read_only_once_claims_point_into_it(as_editor, article, claim):
    url = reverse("admin:claims_article_change", args=[article.pk])
    data = form_data(as_editor.get(url), form_id="article_form")
    assert "text" not in data
    data["text"] = "A different text."
    data["title"] = "OpenAI et Oracle (corrected title)"
    assert as_editor.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.text) == ("OpenAI et Oracle (corrected title)", ARTICLE_TEXT)


def test_sources_and_articles_are_searchable(as_editor, article, wsj):
    sources = as_editor.get(reverse("admin:claims_source_changelist"), {"q": "Wall Street"})
    assert list(sources.context["cl"].result_list) == [wsj]
    articles = as_editor.get(reverse("admin:claims_article_changelist"), {"q": "gigawatts"})
    assert list(articles.context["cl"].result_list) == [article]
    assert articles.context["cl"].result_list[0].claim_total == 0


def test_the_personas_groups_come_from_the_migration(editor, contributor):
    assert set(Group.objects.values_list("name", flat=True)) >= {"editors", "contributors"}
    assert editor.has_perm("claims.set_verdict") and not contributor.has_perm("claims.set_verdict")


# --- the seed article ---------------------------------------------------------------------------------


@pytest.fixture
def seed(db):
    call_command("load_claims", str(settings.BASE_DIR / "fixtures"), stdout=io.StringIO())
    return Claim.objects.select_related("status").prefetch_related("quantities", "dates", "citations")


def test_every_seed_claim_round_trips_through_the_change_form_unchanged(as_editor, seed):
    """An editor who opens a recorded claim and saves it without touching anything meets no error and
    changes nothing but the version: the admin's forms accept every row the fixtures hold."""
    assert as_editor.get(reverse(CHANGELIST)).context["cl"].result_count == len(seed)
    for claim in seed:
        before = snapshot(claim)
        response = as_editor.post(change_url(claim), form_data(as_editor.get(change_url(claim))))
        assert response.status_code == 302, (claim.slug, errors_of(response))
        after = snapshot(claim)
        assert after["claim"].pop("version") == before["claim"].pop("version") + 1
        for state in (before, after):
            del state["claim"]["updated_at"]
        assert after == before, claim.slug
