"""Nothing lost: the whole-database export and its import (`backup_export`, `backup_restore`) give back every
row exactly, an import goes only into an empty database, and a bad import file is refused with a clear error
that leaves the database as it was. (That history is never deleted, only retracted: tests/test_models.py and
tests/services/test_status.py.)"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from rest_framework.authtoken.models import Token

from claims.bulk import backup
from claims.models import (
    CITATION_FIELDS,
    Citation,
    Claim,
    DataRevision,
    DateMention,
    Quantity,
    StatusChange,
    VerificationStatus,
)
from claims.selectors import invariants
from claims.services.candidates import article_find_candidates, candidate_accept, candidate_dismiss
from claims.services.claims import claim_create, claim_update
from claims.services.status import claim_change_status, verdict_send_back, verdict_sign_off
from tests.factories import SEED_TEXT, DateMentionFactory, QuantityFactory
from tests.helpers.seed_article import BROADCOM_PASSAGE, START_PASSAGE, WSJ_DEAL_ARCHIVED, passage

# A change recorded to the microsecond: Django's own JSON encoder would keep only the milliseconds.
PRECISE_MOMENT = dt.datetime(2025, 9, 12, 8, 31, 7, 123456, tzinfo=dt.UTC)


def snapshot() -> list[dict]:
    """Every exported table as Python values (datetimes and decimals exact, no JSON in between)."""
    return backup.export_objects()


def export_to(path) -> str:
    call_command("backup_export", "-o", str(path))
    return path.read_text(encoding="utf-8")


def fill_every_table(editor, contributor, claim, citation, wsj, article):
    """At least one row in every table the export covers, reached the way the application writes them."""
    User = get_user_model()
    reader = User.objects.create_user(username="rita-reader", password="pw-rita", email="rita@example.org")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim"))
    Token.objects.create(user=editor)
    claim.entities.set([wsj])
    QuantityFactory(
        claim=claim,
        measure="capacity",
        value=Decimal("4500000000.0000"),
        unit="W",
        upper_bound=Decimal("4500000000.0000"),
        qualifier=Quantity.Qualifier.UP_TO,
        as_stated="jusqu’à 4,5 gigawatts",
    )
    DateMentionFactory(
        claim=claim, role=DateMention.Role.STARTS, precision=DateMention.Precision.YEAR, year=2027, as_stated="en 2027"
    )
    claim_change_status(
        claim=claim,
        to_status="in_review",
        rationale="Checking the start date.",
        by=contributor,
        expected_version=claim.version,
        effective_at=PRECISE_MOMENT,
    )
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"summary": "Starts in 2027"},
        reason="A clearer title.",
    )
    # A verdict signed off by a second editor (its status change names both), then another sent back.
    second_editor = User.objects.create_user(username="ed-second", password="pw-ed-second", is_staff=True)
    second_editor.groups.add(Group.objects.get(name="editors"))
    with override_settings(FACTCHECK_SIGNOFF_REQUIRED=True):
        pending = claim_change_status(
            claim=claim,
            to_status="accurate",
            rationale="The five-year contract begins in 2027, as the WSJ reported.",
            by=editor,
            citations=[citation],
            expected_version=claim.version,
        )
        verdict_sign_off(pending=pending, by=second_editor)
        claim.refresh_from_db()
        later = claim_change_status(
            claim=claim, to_status="mostly_accurate", rationale="Rounded.", by=editor, citations=[citation]
        )
        verdict_send_back(pending=later, by=second_editor, note="The figure is exact: keep Accurate.")
    # A correction of what the claim rests on: the cited page's title, read again (a new citation supersedes it).
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        citations=[
            {"id": citation.pk, **{name: getattr(citation, name) for name in CITATION_FIELDS}, "title": "Retitled"}
        ],
        reason="The page's title as it reads now.",
    )
    claim_create(
        by=contributor,
        article=article,
        slug="broadcom-10-billion",
        **passage(BROADCOM_PASSAGE),
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )
    # Candidates of intake: their proposals are JSON, one made a draft claim, one was dismissed.
    open_candidates = [c for c in article_find_candidates(article=article) if c.status == "open"]
    candidate_accept(candidate=open_candidates[0], by=contributor)
    candidate_dismiss(candidate=open_candidates[1], by=editor, reason="Context, not a claim.")
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Claim),
        object_id=str(claim.pk),
        object_repr=str(claim),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Summary"]}}]',
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_export_imported_into_an_emptied_database_gives_back_every_row_exactly(
    shipped_rows, tmp_path, editor, contributor, claim, citation, wsj, article
):
    fill_every_table(editor, contributor, claim, citation, wsj, article)
    for model in backup.exported_models():
        assert model._base_manager.exists(), f"{model._meta.label} has no row: the round trip would not test it"
    before = snapshot()
    token = Token.objects.get(user=editor).key
    first = export_to(tmp_path / "first.json")

    call_command("flush", "--noinput")
    assert not Claim.objects.exists() and not get_user_model().objects.exists()
    call_command("backup_restore", str(tmp_path / "first.json"))

    assert snapshot() == before
    assert export_to(tmp_path / "second.json") == first
    assert invariants.check().ok
    # What the rows are for still works: passwords, tokens, group roles, exact moments.
    editor_again = get_user_model().objects.get(username="edith-editor")
    assert editor_again.check_password("pw-edith-editor")
    assert editor_again.has_perm("claims.set_verdict")
    assert Token.objects.get(user=editor_again).key == token
    assert StatusChange.objects.get(claim=claim, to_status="in_review").effective_at == PRECISE_MOMENT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_imported_database_keeps_handing_out_fresh_ids(shipped_rows, tmp_path, editor, claim, citation):
    claim_change_status(
        claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=claim.version
    )
    export_to(tmp_path / "export.json")
    call_command("flush", "--noinput")
    call_command("backup_restore", str(tmp_path / "export.json"))

    imported = Claim.objects.get(slug=claim.slug)
    change = claim_change_status(
        claim=imported,
        to_status="accurate",
        rationale="Confirmed.",
        by=get_user_model().objects.get(username=editor.username),
        citations=[Citation.objects.get(pk=citation.pk)],
        expected_version=imported.version,
    )

    assert change.pk > StatusChange.objects.exclude(pk=change.pk).get().pk
    assert StatusChange.objects.filter(claim=imported).count() == 2


def test_the_export_covers_every_table_but_those_migrate_rebuilds_and_short_lived_ones(db):
    rebuilt_or_short_lived = {"contenttypes", "sessions", "axes"}
    exported = set(backup.exported_models())
    stored = {
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.app_label not in rebuilt_or_short_lived
    }

    # Permissions are rebuilt by migrate; the data revision is derived (triggers set it as rows are written).
    assert stored - exported == {Permission, DataRevision}


def test_two_exports_of_one_database_are_identical(tmp_path, editor, contributor, claim, citation, wsj, article):
    fill_every_table(editor, contributor, claim, citation, wsj, article)

    assert export_to(tmp_path / "a.json") == export_to(tmp_path / "b.json")


def test_the_export_is_a_fixture_with_one_row_per_line(tmp_path, claim, capsys):
    text = export_to(tmp_path / "export.json")

    rows = json.loads(text)
    assert len(text.splitlines()) == len(rows) + 2
    assert [json.loads(line.rstrip(",")) for line in text.splitlines()[1:-1]] == rows
    assert [row["pk"] for row in rows if row["model"] == "claims.claim"] == [claim.pk]
    assert capsys.readouterr().out.startswith(f"Exported {len(rows)} objects to ")


def test_export_to_standard_output_keeps_the_summary_out_of_the_json(tmp_path, claim, capsys):
    in_a_file = export_to(tmp_path / "export.json")
    capsys.readouterr()

    call_command("backup_export")

    captured = capsys.readouterr()
    assert captured.out == in_a_file
    assert any(row["pk"] == claim.pk for row in json.loads(captured.out) if row["model"] == "claims.claim")
    assert captured.err.startswith("Exported ")


def test_an_import_into_a_database_holding_data_is_refused_and_changes_nothing(tmp_path, claim, editor):
    export_to(tmp_path / "export.json")
    Claim.objects.filter(pk=claim.pk).update(summary="Changed after the export")
    before = snapshot()

    with pytest.raises(
        CommandError,
        match=r"The database is not empty \(.*1 claims\.claim.*\nNothing was imported: the database is as it was\.$",
    ):
        call_command("backup_restore", str(tmp_path / "export.json"))

    assert snapshot() == before


# --- bad files: each gives a clear error and leaves the database as it was -------------------------------


def minimal_export() -> list[dict]:
    """A small valid export, written by hand: one source, one article, one claim with a quantity, a date,
    a citation and one status change relying on it."""
    return [
        {
            "model": "claims.source",
            "pk": 1,
            "fields": {"slug": "wsj", "name": "The Wall Street Journal", "kind": "outlet"},
        },
        {
            "model": "claims.article",
            "pk": 1,
            "fields": {
                "slug": "openai-oracle",
                "title": "OpenAI et Oracle",
                "language": "fr",
                "published_on": "2025-09-11",
                "text": SEED_TEXT,
                "created_at": "2025-09-11T08:00:00+00:00",
            },
        },
        {
            "model": "claims.claim",
            "pk": 1,
            "fields": {
                "article": 1,
                "slug": "starts-2027",
                **passage(START_PASSAGE),
                "attributed_to": 1,
                "attribution_as_stated": "Selon le Wall Street Journal",
                "uncertainty": "attribution",
                "uncertainty_as_stated": "Selon",
                "status": "in_review",
                "rationale": "Checking the start date.",
                "visibility": "published",
                "version": 2,
                "created_at": "2025-09-11T09:00:00+00:00",
                "updated_at": "2025-09-12T09:00:00+00:00",
                "entities": [1],
            },
        },
        {
            "model": "claims.quantity",
            "pk": 1,
            "fields": {"claim": 1, "measure": "capacity", "value": "4.5", "unit": "GW", "as_stated": "4,5 gigawatts"},
        },
        {
            "model": "claims.datemention",
            "pk": 1,
            "fields": {"claim": 1, "role": "starts", "precision": "year", "year": 2027, "as_stated": "en 2027"},
        },
        {
            "model": "claims.citation",
            "pk": 1,
            "fields": {
                "claim": 1,
                "url": WSJ_DEAL_ARCHIVED,
                "title": "Oracle, OpenAI Sign $300 Billion Cloud Deal",
                "publisher": "The Wall Street Journal",
                "stance": "supports",
                "access": "read_in_copy",
            },
        },
        {
            "model": "claims.statuschange",
            "pk": 1,
            "fields": {
                "claim": 1,
                "from_status": "unverified",
                "to_status": "in_review",
                "effective_at": "2025-09-12T09:00:00+00:00",
                "recorded_at": "2025-09-12T09:00:00+00:00",
                "rationale": "Checking the start date.",
                "claim_version": 2,
            },
        },
        {"model": "claims.statuschangecitation", "pk": 1, "fields": {"status_change": 1, "citation": 1}},
    ]


def find(objects: list[dict], model: str) -> dict:
    return next(row for row in objects if row["model"] == model)


def write(tmp_path, content) -> str:
    path = tmp_path / "import.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_the_hand_written_export_loads(tmp_path, db):
    call_command("backup_restore", write(tmp_path, minimal_export()))

    claim = Claim.objects.get(slug="starts-2027")
    assert claim.status_id == "in_review"
    assert claim.history.get().citations.get().url == WSJ_DEAL_ARCHIVED
    assert list(claim.entities.values_list("slug", flat=True)) == ["wsj"]


def _with(change):
    objects = minimal_export()
    change(objects)
    return objects


def _set(model: str, **fields):
    return _with(lambda objects: find(objects, model)["fields"].update(fields))


BAD_FILES = {
    "malformed JSON": ('[{"model": "claims.source", ', r"not valid JSON"),
    "not a list": ('{"model": "claims.source"}', r"should be a JSON list"),
    "deeply nested": ("[" * 100_000 + "]" * 100_000, r"nested far deeper"),
    "an object without fields": ('[{"model": "claims.source", "pk": 1}]', r"object #1: expected"),
    "an unknown model": (
        _with(lambda o: o.append({"model": "claims.nothing", "pk": 1, "fields": {}})),
        r"object #9: “claims.nothing” is not a table an export holds",
    ),
    "a table an export never holds": (
        _with(lambda o: o.append({"model": "auth.permission", "pk": 1, "fields": {"codename": "x"}})),
        r"“auth.permission” is not a table an export holds",
    ),
    "an unknown field": (_set("claims.source", colour="red"), r"object #1 \(claims.source 1\): .* no field “colour”"),
    "a NUL byte": (_set("claims.source", description="a\x00b"), r"description contains a NUL character"),
    "a row twice": (
        _with(lambda o: o.insert(1, dict(o[0]))),
        r"object #2 \(claims.source 1\): the file holds this row twice",
    ),
    "a value of the wrong type": (
        _set("claims.datemention", year="twenty"),
        r"object #5 \(claims.datemention 1\): year: “twenty” value must be an integer",
    ),
    "a negative amount": (_set("claims.quantity", value="-1"), r"object #4 \(claims.quantity 1\): value: .*negative"),
    "a lower bound above the upper": (
        _set("claims.quantity", lower_bound="5", upper_bound="4.5", qualifier="exact"),
        r"claims.quantity 1\): .*lower_bound",
    ),
    "an unknown unit": (_set("claims.quantity", unit="furlong"), r"claims.quantity 1\): unit: "),
    "an impossible date": (
        _set("claims.datemention", precision="day", month=2, day=30, year=2025),
        r"claims.datemention 1\): day: 2025-02 has no day 30",
    ),
    "a javascript: address": (
        _set("claims.citation", url="javascript:alert(1)"),
        r"claims.citation 1\): url: ",
    ),
    "a passage not in the article": (
        _set("claims.claim", text="ce partenariat démarre en 2028"),
        r"invariants fail:\n  \[passage\]",
    ),
    "a row breaking a database constraint": (
        _set("claims.claim", version=0),
        r"claims.claim 1\): the database refused it: .*claims_claim_version_positive|version: ",
    ),
    "a history row without its claim": (
        _set("claims.statuschange", claim=99),
        r"points to a row the file does not hold|claims.statuschange 1\): the database refused it",
    ),
    "a status that differs from the history": (_set("claims.claim", status="accurate"), r"\[status\] claim 1"),
    "an unknown status": (_set("claims.claim", status="perhaps"), r"perhaps"),
}


@pytest.mark.parametrize("content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_a_clear_error_and_changes_nothing(tmp_path, db, content, message):
    before = snapshot()
    path = write(tmp_path, content)

    with pytest.raises(CommandError, match=message) as refused:
        call_command("backup_restore", path)

    assert str(refused.value).startswith(path)
    assert snapshot() == before
    assert not Claim.objects.exists()
    assert VerificationStatus.objects.get(pk="accurate").label == "Accurate"


def test_an_unreadable_file_is_refused(tmp_path, db):
    path = tmp_path / "latin1.json"
    path.write_bytes('[{"model": "claims.source", "fields": {"name": "Caf\xe9"}}]'.encode("latin-1"))

    with pytest.raises(CommandError, match=r"Cannot read .*latin1.json"):
        call_command("backup_restore", str(path))


def test_a_group_shipped_by_migrations_is_matched_by_name_not_id(tmp_path, db):
    objects = minimal_export()
    objects.insert(
        0, {"model": "auth.group", "fields": {"name": "editors", "permissions": [["view_claim", "claims", "claim"]]}}
    )
    editors = Group.objects.get(name="editors")

    call_command("backup_restore", write(tmp_path, objects))

    assert Group.objects.get(name="editors").pk == editors.pk
    assert list(editors.permissions.values_list("codename", flat=True)) == ["view_claim"]
    assert Group.objects.count() == 2


def test_the_export_reads_through_serializers_that_loaddata_understands(tmp_path, claim):
    text = export_to(tmp_path / "export.json")

    objects = list(serializers.deserialize("json", text))

    assert any(isinstance(item.object, Claim) and item.object.pk == claim.pk for item in objects)
