"""Amounts stated in an article: value, unit, qualifier and bounds, in the units the database accepts.

A number is found as digits ("300", "4,5", "1,200", "2 000" with a space or no-break space as
grouping, "$4.2bn") or as words read with text2num ("trois cents millions", "five"), or as a French
approximate noun ("une quarantaine de"). It becomes an amount only with a unit the database knows:
a currency, power or energy, a percentage or percentage points, a duration, or a count of people,
jobs or homes; digits (not words) followed by another plural noun give a plain count ("22 stations").
Everything else is left out on purpose: years and other date parts ("en 2027", "le 12 mars", "Q1"),
vague quantities ("des milliers d'emplois", "millions of"), units the database has no place for
(kilometres, tonnes, hectares, kWh...), ages ("45-year-old") and "il y a 5 ans" / "5 years ago".

The qualifier comes from the words just before the number ("jusqu'à", "environ", "au moins",
"plus de", "up to", "about", "at least", "more than", "less than"...) and is part of the phrase as
stated. A range ("entre 3 et 5 milliards d'euros", "between $3bn and $5bn", "3-5 GW") is recorded
as at_least the lower figure with the upper figure as upper bound. Values are unscaled in the unit:
"300 milliards de dollars" is 300000000000 USD; "points de base"/"basis points" are hundredths of a
percentage point; weeks are counted as 7 days. French reads "," as the decimal mark and "billion" as
10^12; English reads "," as grouping.

The unit and qualifier vocabularies are the database's (claims.choices.QuantityUnit and
QuantityQualifier), and so is the ceiling on values (claims.rules.validation.MAX_AMOUNT): a larger
figure is left out.

Modules:
  - numbers: digits, number words and approximate nouns, scales;
  - units: the unit words and symbols per language, people/jobs/homes nouns, counted nouns, currency
    prefixes;
  - qualifiers: the qualifier words per language and the lower figure of a range;
  - measure: what an amount measures, from the words around it;
  - finder: `find_amounts` and `Amount`, putting the above together.
"""

from claims.language.amounts.finder import QUALIFIERS, UNITS, Amount, find_amounts

__all__ = ["QUALIFIERS", "UNITS", "Amount", "find_amounts"]
