"""Synthetic claims for benchmarks and load tests: articles, sources, claims with quantities, dates,
citations and a status history, written in bulk.

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
import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    StatusChangeCitation,
)

# Statuses as shipped by migration 0002. A verdict whose normalized class is true/false/mixture must
# rely on at least one citation (claims.services.claim_change_status).
VERDICTS_NEEDING_CITATIONS = ("accurate", "mostly_accurate", "misleading", "inaccurate")
VERDICTS = (*VERDICTS_NEEDING_CITATIONS, "unverifiable_yet", "not_checkable")
VERDICT_WEIGHTS = (30, 20, 15, 15, 12, 8)
HISTORY_LENGTH_WEIGHTS = (25, 35, 20, 12, 8)  # 1..5 changes per claim
PUBLISHED_SHARE = 0.9

# Every synthetic timestamp lies between these, so that no change "takes effect in the future".
FIRST_DAY = dt.date(2018, 1, 1)
LAST_ARTICLE_DAY = dt.date(2025, 6, 30)

SYNTHETIC_USERS = (
    ("synthetic-editor-1", "editors"),
    ("synthetic-editor-2", "editors"),
    ("synthetic-contributor-1", "contributors"),
    ("synthetic-contributor-2", "contributors"),
)

_NAME_HEADS = (
    "Norvale", "Brightwater", "Kestrel", "Aldmoor", "Corvan", "Tessaly", "Quillon", "Marrow", "Ostrine",
    "Halden", "Veridian", "Larkspur", "Pellham", "Ravensk", "Solmere", "Thistle", "Umbra", "Wexford",
    "Yarrow", "Zephyrine", "Calder", "Dunmore", "Evenlode", "Fairholt",
)  # fmt: skip
_FIRST_KINDS = (
    Source.Kind.OUTLET,
    Source.Kind.COMPANY,
    Source.Kind.PERSON,
    Source.Kind.GOVERNMENT,
    Source.Kind.ORGANISATION,
)
_STANCES = tuple(Citation.Stance.values)
_ACCESSES = tuple(Citation.Access.values)
_COMPANY_TAILS = ("Energy", "Systems", "Cloud", "Motors", "Pharma", "Logistics", "Bank", "Foods", "Mining", "Telecom")
_OUTLET_FORMS = ("The {} Ledger", "{} Daily", "The {} Courier", "{} Business Review", "The {} Observer")
_GIVEN = ("Ada", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Luis")
_FAMILY = ("Marsh", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Varga", "Quint", "Rahman", "Santos", "Weber")
_GOVERNMENT_FORMS = ("The {} Ministry of Energy", "The {} Competition Authority", "{} City Council")
_ORG_FORMS = ("The {} Institute", "{} Workers' Union", "The {} Foundation")
_SECTORS = (
    "data centres", "battery plants", "offshore wind", "chip factories", "rail freight", "hydrogen",
    "cloud computing", "grid storage", "semiconductors", "vaccines",
)  # fmt: skip
_REGIONS = ("the north", "the coastal region", "the capital", "the eastern provinces", "the valley")
_FILLER = (
    "The company did not respond to a request for comment.",
    "Shares were little changed in early trading.",
    "Analysts had expected the announcement for several weeks.",
    "The details of the agreement were not made public.",
    "Regulators have yet to approve the plan.",
    "Competitors announced similar projects last year.",
    "The figures could not be independently confirmed.",
    "Critics question whether the timetable is realistic.",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_RATIONALES = {
    "in_review": ("Opened for review after publication.", "Reopened: a reader pointed to a newer filing."),
    "accurate": ("The figure matches the company's own filing.", "Two independent reports confirm the amount."),
    "mostly_accurate": ("Right in substance; the date given is a quarter off.", "The amount is rounded up."),
    "misleading": ("The amount is real but covers ten years, not one.", "Later reporting contradicted the timing."),
    "inaccurate": ("The filing gives a much smaller amount.", "The company denied the figure in a statement."),
    "unverifiable_yet": ("The project starts later; to be checked again then.", "The evidence is not public yet."),
    "not_checkable": ("A forecast: there is no fact to check yet.", "An opinion, not a statement of fact."),
    "retracted": ("Recorded twice; withdrawn in favour of the other entry.", "The passage is not a claim."),
}


@dataclass
class SourcePool:
    outlets: list[Source]
    companies: list[Source]
    people: list[Source]
    governments: list[Source]
    organisations: list[Source]

    @property
    def actors(self) -> list[Source]:
        return self.companies + self.governments + self.organisations


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


def _slugify_name(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-").replace("--", "-")


def build_sources(*, seed: int, prefix: str, count: int) -> list[Source]:
    """`count` sources of every kind, outlets first; names are invented from neutral syllables."""
    rng = random.Random(f"{seed}:sources")
    kinds = (
        [Source.Kind.OUTLET] * 2
        + [Source.Kind.COMPANY] * 10
        + [Source.Kind.PERSON] * 5
        + [Source.Kind.GOVERNMENT] * 2
        + [Source.Kind.ORGANISATION]
    )
    sources = []
    for index in range(count):
        # The first five are one of each kind, so that even a tiny run fills every pool.
        kind = _FIRST_KINDS[index] if index < len(_FIRST_KINDS) else rng.choice(kinds)
        head = rng.choice(_NAME_HEADS)
        if kind == Source.Kind.OUTLET:
            name = rng.choice(_OUTLET_FORMS).format(head)
        elif kind == Source.Kind.COMPANY:
            name = f"{head} {rng.choice(_COMPANY_TAILS)}"
        elif kind == Source.Kind.PERSON:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
        elif kind == Source.Kind.GOVERNMENT:
            name = rng.choice(_GOVERNMENT_FORMS).format(head)
        else:
            name = rng.choice(_ORG_FORMS).format(head)
        slug = f"{prefix}src{index}-{_slugify_name(name)}"[:100]
        url = f"https://{slug}.example/" if kind in (Source.Kind.OUTLET, Source.Kind.COMPANY) else ""
        sources.append(Source(slug=slug, name=name, kind=kind, url=url, description=f"Synthetic {kind}."))
    return sources


def pool_from(sources: list[Source]) -> SourcePool:
    by_kind: dict[str, list[Source]] = {kind: [] for kind in Source.Kind.values}
    for source in sources:
        by_kind[source.kind].append(source)
    return SourcePool(
        outlets=by_kind[Source.Kind.OUTLET],
        companies=by_kind[Source.Kind.COMPANY] + by_kind[Source.Kind.PROJECT],
        people=by_kind[Source.Kind.PERSON],
        governments=by_kind[Source.Kind.GOVERNMENT],
        organisations=by_kind[Source.Kind.ORGANISATION],
    )


def _amount(rng: random.Random) -> tuple[Decimal, str, str]:
    """A money amount: (value in units, ISO currency, words as stated)."""
    mantissa = rng.choice(("1.2", "2", "3.5", "4.5", "10", "12", "40", "75", "300"))
    scale, scale_word = rng.choice(((10**6, "million"), (10**9, "billion")))
    unit, word = rng.choice((("USD", "dollars"), ("EUR", "euros"), ("GBP", "pounds")))
    return Decimal(mantissa) * scale, unit, f"{mantissa} {scale_word} {word}"


def _date(rng: random.Random, year: int) -> tuple[dict, str]:
    """A date mention at a random precision: (model fields, words as stated)."""
    precision = rng.choice(("day", "month", "quarter", "year", "year", "early_year", "half"))
    if precision == "day":
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return {"precision": "day", "year": year, "month": month, "day": day}, f"on {day} {_MONTHS[month - 1]} {year}"
    if precision == "month":
        month = rng.randint(1, 12)
        return {"precision": "month", "year": year, "month": month, "day": None}, f"in {_MONTHS[month - 1]} {year}"
    if precision == "quarter":
        quarter = rng.randint(1, 4)
        ordinal = ("first", "second", "third", "fourth")[quarter - 1]
        fields = {"precision": "quarter", "year": year, "month": 3 * quarter - 2, "day": None}
        return fields, f"in the {ordinal} quarter of {year}"
    if precision == "half":
        half = rng.randint(1, 2)
        fields = {"precision": "half", "year": year, "month": 1 if half == 1 else 7, "day": None}
        return fields, f"in the {'first' if half == 1 else 'second'} half of {year}"
    if precision == "early_year":
        return {"precision": "early_year", "year": year, "month": None, "day": None}, f"early {year}"
    return {"precision": "year", "year": year, "month": None, "day": None}, f"in {year}"


@dataclass
class ClaimPlan:
    """One claim sentence before it is placed in its article."""

    sentence: str
    summary: str
    attributed_to: Source | None = None
    attribution_as_stated: str = ""
    attribution_basis: str = ""
    uncertainty: str = Claim.Uncertainty.NONE
    uncertainty_as_stated: str = ""
    entities: list[Source] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)


def _plan_claim(rng: random.Random, pool: SourcePool, year: int) -> ClaimPlan:
    company = rng.choice(pool.companies)
    outlet = rng.choice(pool.outlets)
    sector = rng.choice(_SECTORS)
    date_fields, date_words = _date(rng, year + rng.randint(0, 3))
    template = rng.randrange(6)
    if template == 0:
        value, unit, words = _amount(rng)
        return ClaimPlan(
            sentence=f"{company.name} will invest {words} in {sector} {date_words}.",
            summary=f"{company.name} to invest {words} in {sector}"[:200],
            entities=[company],
            quantities=[{"measure": "investment", "value": value, "unit": unit, "as_stated": words}],
            dates=[{"role": "ends", "as_stated": date_words, **date_fields}],
        )
    if template == 1:
        gigawatts = rng.choice((1, 2, 4.5, 10))
        words = f"up to {gigawatts} gigawatts"
        value = Decimal(str(gigawatts))
        return ClaimPlan(
            sentence=f"{company.name} plans to build {words} of {sector} capacity starting {date_words}.",
            summary=f"{company.name}: {words} of {sector}"[:200],
            uncertainty=Claim.Uncertainty.BOUND,
            uncertainty_as_stated="up to",
            entities=[company],
            quantities=[
                {
                    "measure": "capacity",
                    "value": value,
                    "unit": "GW",
                    "qualifier": "up_to",
                    "upper_bound": value,
                    "as_stated": words,
                }
            ],
            dates=[{"role": "starts", "as_stated": date_words, **date_fields}],
        )
    if template == 2:
        value, unit, words = _amount(rng)
        years = rng.randint(2, 12)
        lead = f"According to {outlet.name}"
        return ClaimPlan(
            sentence=f"{lead}, {company.name} signed a {years}-year contract worth about {words} {date_words}.",
            summary=f"{company.name} signs a {years}-year contract"[:200],
            attributed_to=outlet,
            attribution_as_stated=lead,
            attribution_basis=rng.choice(("", "people familiar with the matter")),
            uncertainty=Claim.Uncertainty.ATTRIBUTION,
            uncertainty_as_stated="According to",
            entities=[company],
            quantities=[
                {
                    "measure": "contract value",
                    "value": value,
                    "unit": unit,
                    "qualifier": "approximately",
                    "as_stated": f"about {words}",
                },
                {"measure": "term", "value": Decimal(years), "unit": "year", "as_stated": f"{years}-year"},
            ],
            dates=[{"role": "announced", "as_stated": date_words, **date_fields}],
        )
    if template == 3:
        person = rng.choice(pool.people)
        share = rng.choice((2, 3.5, 5, 8, 12))
        region = rng.choice(_REGIONS)
        words = f"{share} per cent"
        return ClaimPlan(
            sentence=f"{person.name} said unemployment in {region} fell by {words} {date_words}.",
            summary=f"Unemployment in {region} down {words}"[:200],
            attributed_to=person,
            attribution_as_stated=f"{person.name} said",
            entities=[person],
            quantities=[
                {"measure": "fall in unemployment", "value": Decimal(str(share)), "unit": "%", "as_stated": words}
            ],
            dates=[{"role": "period", "as_stated": date_words, **date_fields}],
        )
    if template == 4:
        jobs = rng.choice((200, 500, 1200, 3000))
        words = f"more than {jobs} people"
        return ClaimPlan(
            sentence=f"The new {sector} site would employ {words}, {outlet.name} reported.",
            summary=f"{sector.capitalize()} site to employ {words}"[:200],
            attributed_to=outlet,
            attribution_as_stated=f"{outlet.name} reported",
            uncertainty=Claim.Uncertainty.REPORTED,
            uncertainty_as_stated="would",
            entities=[company],
            quantities=[
                {
                    "measure": "jobs",
                    "value": Decimal(jobs + rng.randint(1, 99)),
                    "unit": "jobs",
                    "qualifier": "more_than",
                    "lower_bound": Decimal(jobs),
                    "as_stated": words,
                }
            ],
        )
    government = rng.choice(pool.governments or pool.actors)
    value, unit, words = _amount(rng)
    return ClaimPlan(
        sentence=f"{government.name} expects {sector} sales to reach {words} {date_words}.",
        summary=f"{government.name}: {sector} sales of {words}"[:200],
        attributed_to=government,
        attribution_as_stated=government.name,
        uncertainty=Claim.Uncertainty.FORECAST,
        uncertainty_as_stated="expects",
        entities=[government, company] if company is not government else [government],
        quantities=[{"measure": "sales", "value": value, "unit": unit, "as_stated": words}],
        dates=[{"role": "ends", "as_stated": date_words, **date_fields}],
    )


def _history(rng: random.Random) -> list[str]:
    """The to_status of each change, 1 to 5 of them, following the workflow's rules."""
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
        path.append(nxt)
        current = nxt
    return path


def build_article(
    *, seed: int, prefix: str, index: int, claim_count: int, first_claim: int, pool: SourcePool, users: dict, out: Batch
) -> None:
    """Append one article with `claim_count` claims and everything hanging from them to `out`."""
    rng = random.Random(f"{seed}:{index}")
    published_on = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_ARTICLE_DAY - FIRST_DAY).days))
    published_at = dt.datetime.combine(published_on, dt.time(hour=rng.randint(6, 20)), tzinfo=dt.UTC)
    publisher = rng.choice(pool.outlets) if rng.random() < 0.9 else None
    lead = rng.choice(pool.companies)
    slug = f"{prefix}a{index}"
    plans = [_plan_claim(rng, pool, published_on.year) for _ in range(claim_count)]

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

    add(f"{lead.name} set out its plans on {published_on.day} {_MONTHS[published_on.month - 1]} {published_on.year}.")
    for plan in plans:
        if rng.random() < 0.5:
            add(rng.choice(_FILLER))
        offsets.append(add(plan.sentence))
    add(rng.choice(_FILLER))
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
        statuses = _history(rng)
        final = statuses[-1]
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
            access = rng.choices(_ACCESSES, weights=(70, 15, 15))[0]
            citations.append(
                Citation(
                    claim=claim,
                    url=f"https://{cited_outlet.slug}.example/{cited_on:%Y/%m/%d}/{claim_slug}-{number_cited}",
                    title=f"{plan.summary} ({cited_outlet.name})"[:500],
                    publisher=cited_outlet.name,
                    published_on=cited_on,
                    accessed_on=cited_on + dt.timedelta(days=rng.randint(0, 30)),
                    quote="" if access == Citation.Access.ADDRESS_ONLY else plan.sentence,
                    stance=rng.choice(_STANCES),
                    is_primary=number_cited == 0,
                    access=access,
                    access_note="text read in a syndicated copy" if access == Citation.Access.READ_IN_COPY else "",
                )
            )
        out.citations.extend(citations)

        effective_at = published_at + dt.timedelta(hours=rng.randint(1, 72))
        from_status = "unverified"
        for version, to_status in enumerate(statuses, start=2):
            is_verdict = to_status != "in_review"
            change = StatusChange(
                claim=claim,
                from_status_id=from_status,
                to_status_id=to_status,
                changed_by=rng.choice(users["editors"] if is_verdict else users["contributors"]),
                effective_at=effective_at,
                recorded_at=effective_at,
                rationale=rng.choice(_RATIONALES[to_status]),
                claim_version=version,
            )
            out.changes.append(change)
            if to_status in VERDICTS_NEEDING_CITATIONS or (is_verdict and rng.random() < 0.3):
                out.change_citations.extend((change, c) for c in rng.sample(citations, rng.randint(1, len(citations))))
            from_status = to_status
            last_effective = effective_at
            effective_at += dt.timedelta(hours=rng.randint(1, 24 * 90))
        claim.status_id = statuses[-1]
        claim.rationale = out.changes[-1].rationale
        claim.version = len(statuses) + 1
        claim.updated_at = last_effective


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
    return counts
