"""Synthetic articles and claims, built in memory as rows that already satisfy every rule (see
claims.bulk.synthetic.seed for why they are written in bulk, not through the services)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from claims.bulk.synthetic.vocabulary import ACCESSES, FILLER, MONTHS, RATIONALES, STANCES, SourcePool, plan_claim
from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    VerificationStatus,
)
from claims.rules import workflow

# The verdicts a history draws from, statuses as shipped by migration 0002; whether each must rely on a
# citation is the workflow's rule (claims.rules.workflow.needs_citation), asked of the stored scale.
VERDICTS = ("accurate", "mostly_accurate", "misleading", "inaccurate", "unverifiable_yet", "not_checkable")
VERDICT_WEIGHTS = (30, 20, 15, 15, 12, 8)
HISTORY_LENGTH_WEIGHTS = (25, 35, 20, 12, 8)  # 1..5 changes per claim
PUBLISHED_SHARE = 0.9

# Every synthetic timestamp lies between these, so that no change "takes effect in the future".
FIRST_DAY = dt.date(2018, 1, 1)
LAST_ARTICLE_DAY = dt.date(2025, 6, 30)


@dataclass
class Batch:
    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entity_links: list[tuple[Claim, Source]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    changes: list[StatusChange] = field(default_factory=list)
    change_citations: list[tuple[StatusChange, Citation]] = field(default_factory=list)


def _history(rng: random.Random, statuses: dict[str, VerificationStatus]) -> list[str]:
    """The to_status of each change, 1 to 5 of them; each step is one the workflow allows."""
    length = rng.choices(range(1, 6), weights=HISTORY_LENGTH_WEIGHTS)[0]
    path: list[str] = []
    current = "unverified"
    for step in range(length):
        if current == "unverified":
            nxt = "in_review" if rng.random() < 0.7 else rng.choices(VERDICTS, weights=VERDICT_WEIGHTS)[0]
        elif current == "in_review":
            nxt = rng.choices(VERDICTS, weights=VERDICT_WEIGHTS)[0]
        elif step == length - 1 and rng.random() < 0.05:
            nxt = "retracted"  # only ever the last change: a withdrawn claim stays withdrawn
        elif rng.random() < 0.6:
            nxt = "in_review"
        else:
            nxt = rng.choice([verdict for verdict in VERDICTS if verdict != current])
        if refused := workflow.transition_error(current=current, target=statuses[nxt]):
            raise AssertionError(f"synthetic history broke the workflow: {refused}")
        path.append(nxt)
        current = nxt
    return path


def build_article(
    *,
    seed: int,
    prefix: str,
    index: int,
    claim_count: int,
    first_claim: int,
    pool: SourcePool,
    users: dict,
    statuses: dict[str, VerificationStatus],
    out: Batch,
) -> None:
    """Append one article with `claim_count` claims and everything hanging from them to `out`."""
    rng = random.Random(f"{seed}:{index}")
    published_on = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_ARTICLE_DAY - FIRST_DAY).days))
    published_at = dt.datetime.combine(published_on, dt.time(hour=rng.randint(6, 20)), tzinfo=dt.UTC)
    publisher = rng.choice(pool.outlets) if rng.random() < 0.9 else None
    lead = rng.choice(pool.companies)
    slug = f"{prefix}a{index}"
    plans = [plan_claim(rng, pool, published_on.year) for _ in range(claim_count)]

    # The text: filler and claim sentences, each claim placed where its offsets say.
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0

    def add(sentence: str) -> tuple[int, int]:
        nonlocal length
        if parts:
            parts.append(" ")
            length += 1
        start = length
        parts.append(sentence)
        length += len(sentence)
        return start, length

    add(f"{lead.name} set out its plans on {published_on.day} {MONTHS[published_on.month - 1]} {published_on.year}.")
    for plan in plans:
        if rng.random() < 0.5:
            add(rng.choice(FILLER))
        offsets.append(add(plan.sentence))
    add(rng.choice(FILLER))
    article = Article(
        slug=slug,
        title=f"{lead.name}: {plans[0].summary}"[:500],
        publisher=publisher,
        language="en",
        published_on=published_on,
        url=f"https://{publisher.slug if publisher else 'unknown'}.example/{published_on:%Y/%m}/{slug}",
        text="".join(parts),
        created_at=published_at,
    )
    out.articles.append(article)

    for number, (plan, (start, end)) in enumerate(zip(plans, offsets, strict=True)):
        claim_slug = f"{prefix}c{first_claim + number}"
        path = _history(rng, statuses)
        final = path[-1]
        checkability = Claim.Checkability.CHECKABLE_NOW
        recheck_on = None
        if final == "unverifiable_yet":
            checkability = Claim.Checkability.CHECKABLE_LATER
            recheck_on = published_on.replace(year=published_on.year + 2, day=1)
        elif final == "not_checkable":
            checkability = Claim.Checkability.NOT_CHECKABLE
        claim = Claim(
            article=article,
            slug=claim_slug,
            text=plan.sentence,
            start=start,
            end=end,
            summary=plan.summary,
            attributed_to=plan.attributed_to,
            attribution_as_stated=plan.attribution_as_stated,
            attribution_basis=plan.attribution_basis,
            uncertainty=plan.uncertainty,
            uncertainty_as_stated=plan.uncertainty_as_stated,
            checkability=checkability,
            recheck_on=recheck_on,
            visibility=Claim.Visibility.PUBLISHED if rng.random() < PUBLISHED_SHARE else Claim.Visibility.DRAFT,
            created_by=rng.choice(users["contributors"]),
            created_at=published_at,
        )
        out.claims.append(claim)
        out.entity_links.extend((claim, entity) for entity in plan.entities)
        for position, quantity in enumerate(plan.quantities):
            out.quantities.append(Quantity(claim=claim, position=position, **quantity))
        for position, date in enumerate(plan.dates):
            out.dates.append(DateMention(claim=claim, position=position, **date))

        citations = []
        for number_cited in range(rng.randint(1, 3)):
            cited_outlet = rng.choice(pool.outlets)
            cited_on = published_on + dt.timedelta(days=rng.randint(0, 60))
            access = rng.choices(ACCESSES, weights=(70, 15, 15))[0]
            citations.append(
                Citation(
                    claim=claim,
                    url=f"https://{cited_outlet.slug}.example/{cited_on:%Y/%m/%d}/{claim_slug}-{number_cited}",
                    title=f"{plan.summary} ({cited_outlet.name})"[:500],
                    publisher=cited_outlet.name,
                    published_on=cited_on,
                    accessed_on=cited_on + dt.timedelta(days=rng.randint(0, 30)),
                    quote="" if access == Citation.Access.ADDRESS_ONLY else plan.sentence,
                    stance=rng.choice(STANCES),
                    is_primary=number_cited == 0,
                    access=access,
                    access_note="text read in a syndicated copy" if access == Citation.Access.READ_IN_COPY else "",
                )
            )
        out.citations.extend(citations)

        effective_at = published_at + dt.timedelta(hours=rng.randint(1, 72))
        from_status = "unverified"
        for version, to_status in enumerate(path, start=2):
            is_verdict = to_status != "in_review"
            change = StatusChange(
                claim=claim,
                from_status_id=from_status,
                to_status_id=to_status,
                changed_by=rng.choice(users["editors"] if is_verdict else users["contributors"]),
                effective_at=effective_at,
                recorded_at=effective_at,
                rationale=rng.choice(RATIONALES[to_status]),
                claim_version=version,
            )
            out.changes.append(change)
            if workflow.needs_citation(statuses[to_status]) or (is_verdict and rng.random() < 0.3):
                out.change_citations.extend((change, c) for c in rng.sample(citations, rng.randint(1, len(citations))))
            from_status = to_status
            last_effective = effective_at
            effective_at += dt.timedelta(hours=rng.randint(1, 24 * 90))
        claim.status_id = path[-1]
        claim.rationale = out.changes[-1].rationale
        claim.version = len(path) + 1
        claim.updated_at = last_effective
