import codecs
import json
import math

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        # 1e999 reads as infinity, which no field accepts and some (ids) crash on.
        raise ValueError(f"{text} is too large to be a number here.")
    return number


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON.")


class JSONParser(parsers.JSONParser):
    """Strict JSON: NaN, Infinity and numbers that overflow to infinity are refused, and so is a document
    nested too deeply for Python's decoder (DRF's own parser would let these through to a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            detail = "the document is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ParseError(f"JSON parse error - {detail}") from None
