"""The calendar words the date patterns are built from and parsed with: month names (French, English
with its abbreviations), weekdays, and the ordinals of quarters and halves ("premier", "third", "back",
"dernier"...). The month and weekday patterns are built from these tables, so a name added here is
both found and read; the quarter and half patterns list the ordinals they accept themselves.
"""

from __future__ import annotations

MONTHS_FR = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
ORDINALS = {
    "premier": 1, "première": 1, "1er": 1, "1re": 1, "first": 1, "1st": 1, "front": 1,
    "deuxième": 2, "2e": 2, "2ème": 2, "second": 2, "seconde": 2, "2nd": 2, "latter": 2, "back": 2,
    "troisième": 3, "3e": 3, "3ème": 3, "third": 3, "3rd": 3,
    "quatrième": 4, "4e": 4, "4ème": 4, "fourth": 4, "4th": 4, "final": 4, "dernier": 4, "last": 4,
}  # fmt: skip


def month_number(name: str, lang: str) -> int:
    """The month number of a name as matched, "Sept." and the other language's names included."""
    key = name.lower().rstrip(".")
    return (MONTHS_FR if lang == "fr" else MONTHS_EN).get(key) or MONTHS_FR.get(key) or MONTHS_EN[key]
