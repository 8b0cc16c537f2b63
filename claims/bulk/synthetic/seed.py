"""Synthetic claims for benchmarks and load tests: `seed_claims()` writes articles, sources, claims with
quantities, dates, citations and a status history, in bulk.

Why bulk_create and not the services: the services lock, check and write one claim at a time (several
queries each), which would take hours for a million claims. Bulk writing is safe here because the
generator only ever builds rows that already satisfy every rule the services and the database enforce:

- each claim's `text` is the exact passage of its article's text at `start`/`end`;
- the history is a chain: the first change starts from "unverified", each `from_status` is the previous
  `to_status`, `claim_version` runs 2, 3, ... (a new claim is version 1 and every change raises it by one),
  `effective_at` strictly increases, every rationale is non-empty, a true/false/mixture verdict relies on at
  least one citation and only on citations of its own claim, no change goes back to "unverified" and no
  non-verdict status is set twice in a row;
- the claim's `status`, `rationale` and `version` are those of its last change;
- every CheckConstraint (uncertainty words, re-check dates, quantity bounds, date precision, citation
  access and dates) holds by construction, and the database checks them all again on insert.

The append-only triggers on the history refuse UPDATE and DELETE only; these are INSERTs.

Content is generated per article from `Random(f"{seed}:{index}")`, so the same seed gives the same data
whatever the batch size. Addresses use the reserved `.example` top-level domain (RFC 2606): they are
visibly synthetic and point nowhere.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.bulk.statistics import analyze
from claims.bulk.synthetic.build import Batch, build_article
from claims.bulk.synthetic.vocabulary import build_sources, pool_from
from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    StatusChangeCitation,
    VerificationStatus,
)

# The tables a seed fills, whose statistics it refreshes when done.
SEEDED_MODELS = (Source, Article, Claim, Quantity, DateMention, Citation, StatusChange, StatusChangeCitation)

SYNTHETIC_USERS = (
    ("synthetic-editor-1", "editors"),
    ("synthetic-editor-2", "editors"),
    ("synthetic-contributor-1", "contributors"),
    ("synthetic-contributor-2", "contributors"),
)


@contextlib.contextmanager
def _keep_given_timestamps() -> Iterator[None]:
    """Let bulk_create store the generated created_at/updated_at/recorded_at instead of "now".

    A million claims all changed "now" would make every most-recent-first list a tie, which no real
    database has. The flags are restored on exit; the command runs in its own process.
    """
    fields = [
        (model._meta.get_field(name), attr)
        for model, name, attr in (
            (Article, "created_at", "auto_now_add"),
            (Claim, "created_at", "auto_now_add"),
            (Claim, "updated_at", "auto_now"),
            (StatusChange, "recorded_at", "auto_now_add"),
        )
    ]
    saved = [(f, attr, getattr(f, attr)) for f, attr in fields]
    try:
        for f, attr in fields:
            setattr(f, attr, False)
        yield
    finally:
        for f, attr, value in saved:
            setattr(f, attr, value)


def _write(batch: Batch, batch_size: int) -> None:
    # Parents first: bulk_create returns primary keys (PostgreSQL, SQLite >= 3.35), and a child built
    # with an unsaved parent picks up the parent's new key when it is saved.
    Article.objects.bulk_create(batch.articles, batch_size=batch_size)
    Claim.objects.bulk_create(batch.claims, batch_size=batch_size)
    through = Claim.entities.through
    through.objects.bulk_create(
        [through(claim_id=claim.pk, source_id=source.pk) for claim, source in batch.entity_links],
        batch_size=batch_size,
    )
    Quantity.objects.bulk_create(batch.quantities, batch_size=batch_size)
    DateMention.objects.bulk_create(batch.dates, batch_size=batch_size)
    Citation.objects.bulk_create(batch.citations, batch_size=batch_size)
    StatusChange.objects.bulk_create(batch.changes, batch_size=batch_size)
    StatusChangeCitation.objects.bulk_create(
        [StatusChangeCitation(status_change_id=ch.pk, citation_id=c.pk) for ch, c in batch.change_citations],
        batch_size=batch_size,
    )


def _synthetic_users() -> dict[str, list]:
    User = get_user_model()
    users: dict[str, list] = {"editors": [], "contributors": []}
    for username, group_name in SYNTHETIC_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=group_name))
        users[group_name].append(user)
    return users


def seed_claims(
    *,
    claims: int,
    seed: int = 1,
    batch: int = 5000,
    progress: Callable[[int, int, float], None] | None = None,
) -> dict[str, int]:
    """Write `claims` synthetic claims and what hangs from them; return the row counts written.

    Slugs carry the seed ("s1-c42"), so two seeds can share a database; the same seed twice cannot.
    """
    prefix = f"s{seed}-"
    if Claim.objects.filter(slug=f"{prefix}c0").exists() or Source.objects.filter(slug__startswith=prefix).exists():
        raise ValueError(f"Synthetic data with seed {seed} is already in this database; choose another --seed.")
    started = time.monotonic()
    counts = dict.fromkeys(("sources", "articles", "claims", "quantities", "dates", "citations", "changes"), 0)
    with _keep_given_timestamps():
        sources = build_sources(seed=seed, prefix=prefix, count=max(40, min(5000, claims // 200)))
        with transaction.atomic():
            Source.objects.bulk_create(sources, batch_size=batch)
            users = _synthetic_users()
        counts["sources"] = len(sources)
        pool = pool_from(sources)
        statuses = {status.code: status for status in VerificationStatus.objects.all()}
        sizes = random.Random(f"{seed}:sizes")
        written = article_index = 0
        pending = Batch()
        while written < claims:
            count = min(sizes.randint(3, 12), claims - written)
            build_article(
                seed=seed,
                prefix=prefix,
                index=article_index,
                claim_count=count,
                first_claim=written,
                pool=pool,
                users=users,
                statuses=statuses,
                out=pending,
            )
            article_index += 1
            written += count
            if len(pending.claims) >= batch or written == claims:
                # One transaction per batch: an interrupted run leaves whole articles, never half a claim.
                with transaction.atomic():
                    _write(pending, batch)
                for key, rows in (
                    ("articles", pending.articles),
                    ("claims", pending.claims),
                    ("quantities", pending.quantities),
                    ("dates", pending.dates),
                    ("citations", pending.citations),
                    ("changes", pending.changes),
                ):
                    counts[key] += len(rows)
                pending = Batch()
                if progress:
                    progress(written, claims, time.monotonic() - started)
    analyze(SEEDED_MODELS)
    return counts
