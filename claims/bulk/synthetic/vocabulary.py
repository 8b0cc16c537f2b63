"""The words synthetic claims are made of: invented names of every kind of source, and the claim sentences
(with their quantities, dates, attribution and hedges) that claims.bulk.synthetic.build places in articles.
Names are invented from neutral syllables; nothing here names a real person or company.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from claims.models import Citation, Claim, Source

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
STANCES = tuple(Citation.Stance.values)
ACCESSES = tuple(Citation.Access.values)
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
FILLER = (
    "The company did not respond to a request for comment.",
    "Shares were little changed in early trading.",
    "Analysts had expected the announcement for several weeks.",
    "The details of the agreement were not made public.",
    "Regulators have yet to approve the plan.",
    "Competitors announced similar projects last year.",
    "The figures could not be independently confirmed.",
    "Critics question whether the timetable is realistic.",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
RATIONALES = {
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
        return {"precision": "day", "year": year, "month": month, "day": day}, f"on {day} {MONTHS[month - 1]} {year}"
    if precision == "month":
        month = rng.randint(1, 12)
        return {"precision": "month", "year": year, "month": month, "day": None}, f"in {MONTHS[month - 1]} {year}"
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


def plan_claim(rng: random.Random, pool: SourcePool, year: int) -> ClaimPlan:
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
