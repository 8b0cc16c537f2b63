"""Claims files (bulk.claims_file, `manage.py load_claims`): bad input is refused with the file, the JSON
path and the field, and leaves every table as it was; a second load changes nothing; the command prints one
line per file and fails loudly."""

import copy
import json

import pytest
from django.apps import apps
from django.core.management import call_command, execute_from_command_line
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from claims.bulk.claims_file.format import FORMAT, ClaimsImportError
from claims.bulk.claims_file.loader import load_claims as import_claims
from claims.models import Citation, Claim, Quantity, StatusChange
from claims.services.status import claim_change_status
from tests.factories import SEED_TEXT
from tests.helpers.seed_article import CNA_REUTERS as CNA
from tests.helpers.seed_article import CNBC_ANTHROPIC as CNBC
from tests.helpers.seed_article import NEWSIO


def import_claims_file(path, *, by=None):
    """Load one claims file; its result."""
    return import_claims([path], by=by)[0]


def document() -> dict:
    """A small article with two claims: enough to exercise every part of the format."""
    return {
        "format": FORMAT,
        "sources": [
            {"slug": "test-wsj", "name": "The Wall Street Journal", "kind": "outlet"},
            {"slug": "test-openai", "name": "OpenAI", "kind": "company"},
            {"slug": "test-broadcom", "name": "Broadcom", "kind": "company"},
        ],
        "article": {
            "slug": "test-import-article",
            "title": "OpenAI et Oracle",
            "publisher": None,
            "language": "fr",
            "published_on": "2025-09-11",
            "text": SEED_TEXT,
        },
        "claims": [
            {
                "slug": "test-capacity",
                "article": "test-import-article",
                "text": "prévoit jusqu’à 4,5 gigawatts de capacité",
                "text_en": "provides for up to 4.5 gigawatts of capacity",
                "entities": ["test-openai"],
                "attributed_to": "test-wsj",
                "attribution_as_stated": "Selon le Wall Street Journal",
                "uncertainty": "bound",
                "uncertainty_as_stated": "jusqu’à",
                "visibility": "published",
                "quantities": [
                    {
                        "measure": "capacity",
                        "value": "4.5",
                        "unit": "GW",
                        "qualifier": "up_to",
                        "upper_bound": "4.5",
                        "as_stated": "4,5 gigawatts",
                    }
                ],
                "dates": [{"role": "starts", "precision": "year", "value": "2027", "as_stated": "en 2027"}],
                "citations": [
                    {
                        "url": CNA,
                        "title": "Reuters on the 4.5 GW partnership",
                        "publisher": "CNA (Reuters)",
                        "published_on": "2025-07-22",
                        "quote": "Oracle and OpenAI plan to develop 4.5 gigawatts of additional data center capacity",
                        "stance": "supports",
                    }
                ],
                "history": [
                    {"to": "accurate", "effective_at": "2025-09-11", "rationale": "Matches July.", "citations": [CNA]}
                ],
            },
            {
                "slug": "test-broadcom",
                "article": "test-import-article",
                "text": "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom",
                "entities": ["test-openai", "test-broadcom"],
                "uncertainty": "reported",
                "uncertainty_as_stated": "préparerait",
                "visibility": "published",
                "citations": [
                    {"url": NEWSIO, "title": "Not OpenAI", "publisher": "CNBC", "stance": "refutes"},
                    {
                        "url": CNBC,
                        "title": "It is Anthropic",
                        "publisher": "CNBC",
                        "published_on": "2025-12-11",
                        "stance": "refutes",
                        "access": "address_only",
                    },
                ],
                "history": [
                    {"to": "unverifiable_yet", "effective_at": "2025-09-05", "rationale": "Reported, unconfirmed."},
                    {
                        "to": "misleading",
                        "effective_at": "2025-10-13T18:00:00+00:00",
                        "rationale": "Broadcom says it is not OpenAI.",
                        "citations": [NEWSIO],
                    },
                    {
                        "to": "misleading",
                        "effective_at": "2025-12-11",
                        "rationale": "The customer is Anthropic.",
                        "citations": [CNBC],
                    },
                ],
            },
        ],
    }


def write(tmp_path, doc, name="claims.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def full_dump() -> dict[str, list[dict]]:
    """Every row of every table, ordered by primary key."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture
def loaded(db, tmp_path):
    """The small document, loaded once; returns its path."""
    path = write(tmp_path, document())
    import_claims_file(path)
    return path


def test_it_loads_a_file_through_the_services_with_history_and_versions(db, tmp_path):
    result = import_claims_file(write(tmp_path, document()))

    assert result.summary().endswith(
        "claims.json: 1 article (1 new), 3 sources (3 new), 2 claims (2 new), 3 citations (3 new), "
        "4 status changes (4 new)"
    )
    broadcom = Claim.objects.get(slug="test-broadcom")
    assert (broadcom.status_id, broadcom.version, broadcom.rationale) == ("misleading", 4, "The customer is Anthropic.")
    assert [c.claim_version for c in broadcom.history.order_by("claim_version")] == [2, 3, 4]
    assert set(broadcom.entities.values_list("slug", flat=True)) == {"test-openai", "test-broadcom"}
    capacity = Claim.objects.get(slug="test-capacity")
    assert SEED_TEXT[capacity.start : capacity.end] == capacity.text
    assert capacity.quantities.get().upper_bound == capacity.quantities.get().value
    assert capacity.dates.get().value == "2027"
    assert capacity.history.get().citations.get().url == CNA


def test_loading_the_same_file_twice_changes_nothing(loaded):
    before = full_dump()

    result = import_claims_file(loaded)

    assert full_dump() == before
    assert not result.changed
    assert result.summary().endswith(": nothing changed")


def test_a_second_load_sends_no_write_statement_to_the_database(loaded):
    with CaptureQueriesContext(connection) as queries:
        import_claims_file(loaded)

    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert len(queries) > 0


def test_an_edited_claim_is_updated_once_without_new_history(loaded, tmp_path):
    doc = document()
    doc["claims"][0]["text_en"] = "up to 4.5 GW"
    doc["claims"][0]["quantities"][0]["measure"] = "data center capacity"
    doc["claims"][0]["correction"] = "A shorter rendering; the measure named as the source names it."
    version = Claim.objects.get(slug="test-capacity").version
    history = StatusChange.objects.count()

    result = import_claims_file(write(tmp_path, doc))

    claim = Claim.objects.get(slug="test-capacity")
    assert (claim.text_en, claim.version) == ("up to 4.5 GW", version + 1)
    assert claim.quantities.get().measure == "data center capacity"
    assert StatusChange.objects.count() == history
    assert (result.claims_updated, result.claims_new) == (1, 0)
    (revision,) = claim.revisions.all()
    assert revision.reason == doc["claims"][0]["correction"] and revision.claim_version == claim.version
    assert {item["field"] for item in revision.changes} == {"text_en", "quantities"}


def test_a_published_claims_correction_without_a_reason_is_refused_naming_the_claim(loaded, tmp_path):
    doc = document()
    doc["claims"][0]["text_en"] = "up to 4.5 GW"
    before = list(Claim.objects.order_by("pk").values())

    with pytest.raises(ClaimsImportError, match=r"claims\[0\]\.correction: .*Say why"):
        import_claims_file(write(tmp_path, doc))

    assert list(Claim.objects.order_by("pk").values()) == before
    assert not Claim.objects.get(slug="test-capacity").revisions.exists()


def test_a_rated_claim_is_not_unpublished_by_a_file(loaded, tmp_path):
    doc = document()
    doc["claims"][0]["visibility"] = "draft"

    with pytest.raises(ClaimsImportError, match=r"claims\[0\]\.visibility: .*retracted"):
        import_claims_file(write(tmp_path, doc))

    assert Claim.objects.get(slug="test-capacity").visibility == "published"


def test_a_new_step_at_the_end_of_the_history_is_appended(loaded, tmp_path):
    doc = document()
    doc["claims"][0]["history"].append(
        {"to": "accurate", "effective_at": "2025-09-23", "rationale": "Re-checked.", "citations": [CNA]}
    )

    result = import_claims_file(write(tmp_path, doc))

    claim = Claim.objects.get(slug="test-capacity")
    assert result.status_changes_new == 1
    assert [c.rationale for c in claim.history.order_by("claim_version")] == ["Matches July.", "Re-checked."]


def test_changes_recorded_after_the_file_by_an_editor_are_kept(loaded, editor):
    claim = Claim.objects.get(slug="test-capacity")
    claim_change_status(
        claim=claim, to_status="in_review", rationale="A reader wrote in.", by=editor, expected_version=claim.version
    )
    before = full_dump()

    result = import_claims_file(loaded)

    assert full_dump() == before
    assert not result.changed


@pytest.mark.parametrize(
    ("mistake", "path", "words"),
    [
        ("passage_not_in_article", "claims[0].text", "does not occur in the article"),
        ("lower_above_upper", "claims[0].quantities[0].lower_bound", "lower bound"),
        ("unknown_unit", "claims[0].quantities[0].unit", "not a valid choice"),
        ("unknown_status", "claims[0].history[0].to", "Unknown status \u201cproven\u201d"),
        ("verdict_without_rationale", "claims[0].history[0].rationale", "cannot be empty"),
        ("verdict_without_citation", "claims[0].history[0].citations", "at least one citation"),
        ("day_precision_without_day", "claims[0].dates[0].value", "needs a day"),
        ("unknown_key", "claims[0].verdict", "Unknown key"),
        ("unknown_top_level_key", "claim", "Unknown key"),
        ("non_http_citation_url", "claims[0].citations[0].url", "http"),
        ("javascript_citation_url", "claims[0].citations[0].url", "valid URL"),
        ("unknown_entity", "claims[0].entities[0]", "No source \u201cnobody\u201d"),
        ("unknown_attribution", "claims[0].attributed_to", "No source \u201cnobody\u201d"),
        ("unknown_article", "claims[0].article", "No article \u201cnowhere\u201d"),
        ("history_citation_not_cited", "claims[0].history[0].citations[0]", "one of this claim's citations"),
        ("evidence_published_later", "claims[0].history[0].citations[0]", "after the change took effect"),
        ("history_going_back_in_time", "claims[1].history[1].effective_at", "before the previous one"),
        ("history_in_the_future", "claims[0].history[0].effective_at", "in the future"),
        ("naive_time", "claims[0].history[0].effective_at", "offset"),
        ("checkable_later_without_date", "claims[0].recheck_on", "re-check date"),
        ("hedge_without_words", "claims[0].uncertainty_as_stated", "as stated"),
        ("address_only_with_quote", "claims[0].citations[0].quote", "cannot be quoted"),
        ("accessed_before_published", "claims[0].citations[0].accessed_on", "claims_citation_accessed_after_published"),
        ("same_address_twice", "claims[0].citations[1].url", "cited twice"),
        ("duplicate_claim_slug", "claims[1].slug", "used twice"),
        ("value_not_a_number", "claims[0].quantities[0].value", "not a number"),
        ("wrong_format", "format", FORMAT),
        ("text_file_outside_the_folder", "article.text_file", "inside the claims file's folder"),
        ("text_file_missing", "article.text_file", "Cannot read"),
        ("nul_in_a_summary", "claims[0].summary", "NUL characters"),
    ],
)
def test_bad_input_names_the_file_path_and_field_and_changes_nothing(loaded, tmp_path, mistake, path, words):
    doc = document()
    # A new, valid claim in the same file proves that nothing is half-saved.
    extra = copy.deepcopy(doc["claims"][0])
    extra["slug"] = "test-extra"
    doc["claims"].append(extra)
    claim, broadcom = doc["claims"][0], doc["claims"][1]
    step = claim["history"][0]
    citation = claim["citations"][0]
    match mistake:
        case "passage_not_in_article":
            claim["text"] = "une phrase absente de l\u2019article"
        case "lower_above_upper":
            claim["quantities"][0].update(lower_bound="5", qualifier="exact")
        case "unknown_unit":
            claim["quantities"][0]["unit"] = "furlong"
        case "unknown_status":
            step["to"] = "proven"
        case "verdict_without_rationale":
            step["rationale"] = "  "
        case "verdict_without_citation":
            step["citations"] = []
        case "day_precision_without_day":
            claim["dates"][0].update(precision="day", value="2027-06")
        case "unknown_key":
            claim["verdict"] = "accurate"
        case "unknown_top_level_key":
            doc["claim"] = []
        case "non_http_citation_url":
            citation["url"] = step["citations"][0] = "ftp://example.org/report"
        case "javascript_citation_url":
            citation["url"] = step["citations"][0] = "javascript:alert(1)"
        case "unknown_entity":
            claim["entities"] = ["nobody"]
        case "unknown_attribution":
            claim["attributed_to"] = "nobody"
        case "unknown_article":
            claim["article"] = "nowhere"
        case "history_citation_not_cited":
            step["citations"] = [CNBC]
        case "evidence_published_later":
            step["effective_at"] = "2025-07-01"
        case "history_going_back_in_time":
            broadcom["history"][1]["effective_at"] = "2025-09-01"
        case "history_in_the_future":
            step["effective_at"] = "2999-01-01"
        case "naive_time":
            step["effective_at"] = "2025-09-11T10:00:00"
        case "checkable_later_without_date":
            claim["checkability"] = "checkable_later"
        case "hedge_without_words":
            claim["uncertainty_as_stated"] = ""
        case "address_only_with_quote":
            citation["access"] = "address_only"
        case "accessed_before_published":
            citation["accessed_on"] = "2025-07-01"
        case "same_address_twice":
            claim["citations"].append(copy.deepcopy(citation))
        case "duplicate_claim_slug":
            broadcom["slug"] = claim["slug"]
        case "value_not_a_number":
            claim["quantities"][0]["value"] = "four and a half"
        case "wrong_format":
            doc["format"] = "something-else/9"
        case "text_file_outside_the_folder":
            del doc["article"]["text"]
            doc["article"]["text_file"] = "../../etc/passwd"
        case "nul_in_a_summary":
            claim["summary"] = "Capacity\x00"
        case "text_file_missing":
            del doc["article"]["text"]
            doc["article"]["text_file"] = "articles/missing.txt"
    bad = write(tmp_path, doc, "bad.json")
    before = full_dump()

    with pytest.raises(ClaimsImportError) as refused:
        import_claims_file(bad)

    assert f"{bad}: {path}: " in str(refused.value)
    assert words in str(refused.value)
    assert full_dump() == before


def test_a_history_that_diverges_from_the_stored_one_is_refused_not_rewritten(loaded, tmp_path):
    doc = document()
    doc["claims"][1]["history"][1]["to"] = "inaccurate"
    bad = write(tmp_path, doc, "diverging.json")
    before = full_dump()

    with pytest.raises(ClaimsImportError) as refused:
        import_claims_file(bad)

    message = str(refused.value)
    assert f"{bad}: claims[1].history[1]: The stored history differs" in message
    assert "\u201cmisleading\u201d, the file says \u201cinaccurate\u201d" in message
    assert full_dump() == before


def test_a_shorter_history_than_the_stored_one_is_not_a_divergence_but_a_different_first_step_is(loaded, tmp_path):
    doc = document()
    doc["claims"][1]["history"][0]["effective_at"] = "2025-09-06"
    bad = write(tmp_path, doc, "moved.json")

    with pytest.raises(ClaimsImportError, match=r"claims\[1\]\.history\[0\]: .*effective 2025-09-05"):
        import_claims_file(bad)


def test_a_refusal_from_a_service_rolls_back_everything_already_written(db, tmp_path, contributor):
    # Contributors may not publish: the first claim is refused after the sources and the article were written.
    bad = write(tmp_path, document())
    before = full_dump()

    with pytest.raises(ClaimsImportError, match=r"claims\[0\]: Only editors may publish"):
        import_claims_file(bad, by=contributor)

    assert full_dump() == before


def test_a_bad_file_in_a_directory_leaves_the_good_ones_unloaded(db, tmp_path):
    write(tmp_path, document(), "000_good.json")
    doc = document()
    doc["article"]["slug"] = doc["claims"][0]["article"] = doc["claims"][1]["article"] = "another"
    for claim in doc["claims"]:
        claim["slug"] += "-again"
    doc["claims"][0]["quantities"][0]["unit"] = "furlong"
    write(tmp_path, doc, "001_bad.json")
    before = full_dump()

    with pytest.raises(ClaimsImportError, match=r"001_bad\.json: claims\[0\]\.quantities\[0\]\.unit"):
        import_claims([tmp_path])

    assert full_dump() == before


def test_a_file_may_add_claims_to_a_stored_article_with_stored_sources(loaded, tmp_path):
    extra = copy.deepcopy(document()["claims"][0])
    extra.update(
        slug="test-starts-2027", text="ce partenariat démarre en 2027", quantities=[], uncertainty="attribution"
    )
    extra["uncertainty_as_stated"] = "Selon"
    more = {"format": FORMAT, "claims": [extra]}

    result = import_claims_file(write(tmp_path, more, "more.json"))

    claim = Claim.objects.get(slug="test-starts-2027")
    assert (claim.article.slug, claim.attributed_to.slug) == ("test-import-article", "test-wsj")
    assert (result.articles, result.claims_new, result.status_changes_new) == (0, 1, 1)


def test_a_claim_slug_used_by_another_article_is_refused(loaded, tmp_path):
    doc = document()
    doc["article"]["slug"] = doc["claims"][0]["article"] = doc["claims"][1]["article"] = "another-article"
    bad = write(tmp_path, doc, "another.json")
    before = full_dump()

    with pytest.raises(ClaimsImportError, match=r"claims\[0\]\.slug: .*belongs to the article .test-import-article"):
        import_claims_file(bad)

    assert full_dump() == before


def test_two_files_that_define_a_source_differently_are_refused(db, tmp_path):
    write(tmp_path, document(), "000_first.json")
    second = {"format": FORMAT, "sources": [{"slug": "test-wsj", "name": "WSJ", "kind": "outlet"}]}
    write(tmp_path, second, "001_second.json")

    with pytest.raises(ClaimsImportError, match=r"001_second\.json: sources\[0\]\.slug: .*000_first\.json defines"):
        import_claims([tmp_path])


def test_every_problem_of_a_file_is_reported_at_once(db, tmp_path):
    doc = document()
    doc["claims"][0]["quantities"][0]["unit"] = "furlong"
    doc["claims"][1]["history"][0]["to"] = "proven"

    with pytest.raises(ClaimsImportError) as refused:
        import_claims_file(write(tmp_path, doc))

    assert [path for path, _ in refused.value.problems] == ["claims[0].quantities[0].unit", "claims[1].history[0].to"]


def test_invalid_json_is_reported_with_its_line(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "factcheck.claims/1",\n  "claims": [}', encoding="utf-8")

    with pytest.raises(ClaimsImportError, match=r"broken\.json: Not valid JSON \(line 2"):
        import_claims_file(path)


def test_a_deeply_nested_file_is_refused_not_a_crash(db, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    with pytest.raises(ClaimsImportError, match=r"deep\.json: Not a claims file: the JSON is nested too deeply"):
        import_claims_file(path)


def test_the_command_prints_one_line_per_file_and_then_nothing_changed(db, tmp_path, capsys):
    path = write(tmp_path, document())

    call_command("load_claims", str(path))
    call_command("load_claims", str(tmp_path))

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}: 1 article (1 new), 3 sources (3 new), 2 claims (2 new), 3 citations (3 new), "
        "4 status changes (4 new)",
        f"{path}: 1 article, 3 sources, 2 claims, 3 citations, 4 status changes: nothing changed",
    ]
    assert Quantity.objects.filter(claim__slug="test-capacity").count() == 1


@pytest.fixture
def keep_connection(monkeypatch):
    """run_from_argv closes every connection when it ends, which would end the test's transaction."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def test_the_command_exits_non_zero_with_the_path_of_the_mistake(db, tmp_path, capsys, keep_connection):
    doc = document()
    doc["claims"][0]["citations"][0]["url"] = "javascript:alert(1)"
    bad = write(tmp_path, doc, "bad.json")

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "load_claims", str(bad)])

    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert "Nothing was loaded." in err
    assert f"{bad}: claims[0].citations[0].url: " in err
    assert not Citation.objects.exists()


def test_the_command_refuses_a_missing_path(db, tmp_path, capsys, keep_connection):
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "load_claims", str(tmp_path / "missing.json")])

    assert exited.value.code != 0
    assert "missing.json: No such file or directory." in capsys.readouterr().err
