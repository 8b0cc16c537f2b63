"""What must hold in the claim database whatever wrote to it: the services, an import, a restore, a bug.

The database constraints guard single rows; these rules span rows and tables (a claim and its history, a
history row and the previous one, a passage and its article), which no constraint can express. They are
checked by `manage.py check_invariants`, by `backup_restore` before it commits, and by the soak test.

Each rule reads whole tables a few columns at a time, so the check costs a handful of queries whatever the
number of claims.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from claims.models import Article, Claim, StatusChange, StatusChangeCitation
from claims.rules.workflow import INITIAL_STATUS


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    claim_id: int | None = None

    def __str__(self) -> str:
        where = f"claim {self.claim_id}: " if self.claim_id is not None else ""
        return f"[{self.rule}] {where}{self.message}"


@dataclass(frozen=True)
class Report:
    claims_checked: int
    violations: list[Violation]

    @property
    def ok(self) -> bool:
        return not self.violations


def check(using: str = "default") -> Report:
    """Check every rule on the database `using`; return how many claims were checked and what is wrong."""
    violations: list[Violation] = []
    violations += _orphans(using)
    claims = {
        row["id"]: row
        for row in Claim.objects.using(using).values("id", "status_id", "version", "article_id", "text", "start", "end")
    }
    violations += _passages(claims, using)
    violations += _history(claims, using)
    violations += _change_citations(using)
    return Report(claims_checked=len(claims), violations=violations)


def _orphans(using: str) -> list[Violation]:
    """Rows pointing at a row that does not exist. The foreign keys forbid this at commit, but a restore with
    checks disabled, a raw `DELETE` or a database without enforced keys could leave some behind."""
    found = []
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.remote_field.model
            target_column = field.target_field.attname
            orphans = (
                model._base_manager.using(using)
                .exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{f"{field.attname}__in": target._base_manager.using(using).values(target_column)})
                .values_list("pk", field.attname)
            )
            for pk, missing in orphans:
                found.append(
                    Violation(
                        "orphan",
                        f"{model._meta.label} {pk} points to {target._meta.label} {missing}, which does not exist.",
                    )
                )
    return found


def _passages(claims: dict[int, dict], using: str) -> list[Violation]:
    article_ids = {row["article_id"] for row in claims.values()}
    texts = dict(Article.objects.using(using).filter(pk__in=article_ids).values_list("pk", "text"))
    found = []
    for claim_id, row in claims.items():
        text = texts.get(row["article_id"])
        if text is None:
            continue  # reported as an orphan
        if text[row["start"] : row["end"]] != row["text"]:
            found.append(
                Violation(
                    "passage",
                    f"the passage is not at offsets {row['start']}:{row['end']} of article {row['article_id']}.",
                    claim_id,
                )
            )
    return found


def _history(claims: dict[int, dict], using: str) -> list[Violation]:
    rows_by_claim: dict[int, list[dict]] = defaultdict(list)
    # Recording order (the primary key), not version order: versions must rise in the order rows were written.
    for row in (
        StatusChange.objects.using(using)
        .order_by("claim_id", "pk")
        .values("pk", "claim_id", "from_status_id", "to_status_id", "claim_version", "effective_at")
    ):
        rows_by_claim[row["claim_id"]].append(row)

    found = []
    for claim_id, claim in claims.items():
        rows = rows_by_claim.get(claim_id, [])
        if not rows:
            if claim["status_id"] != INITIAL_STATUS:
                found.append(
                    Violation(
                        "status",
                        f"status is “{claim['status_id']}” but there is no history; "
                        f"a claim without history is “{INITIAL_STATUS}”.",
                        claim_id,
                    )
                )
            continue
        found += _history_chain(claim_id, rows)
        last = max(rows, key=lambda row: row["claim_version"])
        if claim["status_id"] != last["to_status_id"]:
            found.append(
                Violation(
                    "status",
                    f"status is “{claim['status_id']}” but the last change (version {last['claim_version']}) "
                    f"set “{last['to_status_id']}”.",
                    claim_id,
                )
            )
        if claim["version"] < last["claim_version"]:
            found.append(
                Violation(
                    "version",
                    f"version {claim['version']} is below version {last['claim_version']} of its last change.",
                    claim_id,
                )
            )
    return found


def _history_chain(claim_id: int, rows: list[dict]) -> list[Violation]:
    found = []
    previous = None
    for row in rows:
        if previous is None:
            if row["from_status_id"] != INITIAL_STATUS:
                found.append(
                    Violation(
                        "history-chain",
                        f"the first change (row {row['pk']}) starts from “{row['from_status_id']}”, "
                        f"not “{INITIAL_STATUS}”.",
                        claim_id,
                    )
                )
        else:
            if row["claim_version"] <= previous["claim_version"]:
                found.append(
                    Violation(
                        "history-order",
                        f"row {row['pk']} (version {row['claim_version']}) was recorded after "
                        f"row {previous['pk']} (version {previous['claim_version']}).",
                        claim_id,
                    )
                )
            if row["from_status_id"] != previous["to_status_id"]:
                found.append(
                    Violation(
                        "history-chain",
                        f"row {row['pk']} starts from “{row['from_status_id']}” but the change before it "
                        f"(row {previous['pk']}) set “{previous['to_status_id']}”.",
                        claim_id,
                    )
                )
            if row["effective_at"] < previous["effective_at"]:
                found.append(
                    Violation(
                        "history-time",
                        f"row {row['pk']} takes effect at {row['effective_at'].isoformat()}, before "
                        f"row {previous['pk']} ({previous['effective_at'].isoformat()}).",
                        claim_id,
                    )
                )
        previous = row
    return found


def _change_citations(using: str) -> list[Violation]:
    """A status change may rely only on its own claim's citations."""
    foreign = (
        StatusChangeCitation.objects.using(using)
        .exclude(citation__claim_id=models.F("status_change__claim_id"))
        .values_list("pk", "status_change_id", "status_change__claim_id", "citation_id", "citation__claim_id")
    )
    return [
        Violation(
            "citation",
            f"change {change_id} relies on citation {citation_id} of claim {citation_claim} "
            f"(status change citation {pk}).",
            claim_id,
        )
        for pk, change_id, claim_id, citation_id, citation_claim in foreign
    ]
