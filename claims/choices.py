"""The closed vocabularies of the claim database, as TextChoices: each model names its own beside its
fields (`Claim.Uncertainty`, `Quantity.Unit`...), and a CheckConstraint in claims.models makes the database
refuse any other value. Kept apart from the tables so that the rules and the language layer can speak of a
unit or a precision without importing the models."""

from django.db import models


class SourceKind(models.TextChoices):
    OUTLET = "outlet", "News outlet"
    COMPANY = "company", "Company"
    PERSON = "person", "Person"
    GOVERNMENT = "government", "Government or public body"
    ORGANISATION = "organisation", "Other organisation"
    PROJECT = "project", "Project or venture"


class VerificationStatusNormalized(models.TextChoices):
    # ClaimsKG's normalisation, so that machines can compare verdicts across fact-checkers.
    TRUE = "true", "True"
    FALSE = "false", "False"
    MIXTURE = "mixture", "Mixture"
    OTHER = "other", "Other"


class ClaimUncertainty(models.TextChoices):
    NONE = "none", "None stated"
    ATTRIBUTION = "attribution", "Attributed (\u201cselon\u201d, \u201caccording to\u201d)"
    REPORTED = "reported", "Reported or conditional (\u201cpr\u00e9parerait\u201d)"
    BOUND = "bound", "Bound (\u201cjusqu'\u00e0\u201d, \u201cup to\u201d)"
    APPROXIMATION = "approximation", "Approximation (\u201cabout\u201d, \u201cnearly\u201d)"
    FORECAST = "forecast", "Forecast or plan"
    SPECULATION = "speculation", "Speculation (\u201cpourrait\u201d, \u201ccould\u201d)"
    DOUBT = "doubt", "Explicit doubt (\u201cdes incertitudes subsistent\u201d)"


class ClaimCheckability(models.TextChoices):
    CHECKABLE_NOW = "checkable_now", "Checkable now"
    CHECKABLE_LATER = "checkable_later", "Checkable only later"
    NOT_CHECKABLE = "not_checkable", "Not checkable (opinion or speculation)"


class ClaimVisibility(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class QuantityUnit(models.TextChoices):
    USD = "USD", "US dollar (USD)"
    EUR = "EUR", "Euro (EUR)"
    GBP = "GBP", "Pound sterling (GBP)"
    JPY = "JPY", "Yen (JPY)"
    CNY = "CNY", "Yuan (CNY)"
    W = "W", "watt"
    KW = "kW", "kilowatt"
    MW = "MW", "megawatt"
    GW = "GW", "gigawatt"
    MWH = "MWh", "megawatt-hour"
    GWH = "GWh", "gigawatt-hour"
    TWH = "TWh", "terawatt-hour"
    PERCENT = "%", "per cent"
    PERCENTAGE_POINT = "pp", "percentage points"
    YEAR = "year", "years"
    MONTH = "month", "months"
    DAY = "day", "days"
    COUNT = "count", "count"
    PEOPLE = "people", "people"
    JOBS = "jobs", "jobs"
    HOMES = "homes", "homes"


class QuantityQualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    APPROXIMATELY = "approximately", "approximately"
    UP_TO = "up_to", "up to"
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    LESS_THAN = "less_than", "less than"


class DateMentionRole(models.TextChoices):
    ANNOUNCED = "announced", "announced"
    STARTS = "starts", "starts"
    ENDS = "ends", "ends"
    EVENT = "event", "event"
    PERIOD = "period", "period referred to"


class DateMentionPrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    QUARTER = "quarter", "quarter"
    HALF = "half", "half-year"
    EARLY_YEAR = "early_year", "early in the year"
    MID_YEAR = "mid_year", "mid-year"
    LATE_YEAR = "late_year", "late in the year"
    YEAR = "year", "year"


class CitationStance(models.TextChoices):
    SUPPORTS = "supports", "supports"
    REFUTES = "refutes", "refutes"
    CONTEXT = "context", "gives context"


class CitationAccess(models.TextChoices):
    READ = "read", "text read at the address"
    READ_IN_COPY = "read_in_copy", "text read in a copy (archive, syndication, mirror)"
    ADDRESS_ONLY = "address_only", "address only: cited by others, text not read"


# Units that are money: amounts in them read as "$300 billion", and they pair with a duration.
CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY"})


class CandidateStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted: a draft claim was made from it"
    DISMISSED = "dismissed", "Dismissed"
