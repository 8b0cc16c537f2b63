"""Reading the reader pages' HTML in tests (no tests here): well-formedness, the article's text as a reader
sees it, the choices of a <select>, and the page's JSON-LD read as JSON and, when pyld is installed, as
JSON-LD."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser


class WellFormed(HTMLParser):
    """Fails on any end tag that does not close the innermost open element (crossed or stray tags)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def assert_well_formed(html: str) -> None:
    parser = WellFormed()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"


class TextOf(HTMLParser):
    """The text inside the first element with a given class, skipping elements with another class."""

    def __init__(self, container: str, skip: str):
        super().__init__()
        self.container, self.skip = container, skip
        self.depth = 0  # inside the container
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            if tag not in WellFormed.VOID:
                self.depth += 1
                if self.skipping or self.skip in classes:
                    self.skipping += 1
            if tag == "br" and not self.skipping:
                self.parts.append("\n")
        elif self.container in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.skipping:
                self.skipping -= 1
            if tag == "p" and self.depth:
                self.parts.append("\n\n")

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def article_text_on_page(html: str) -> str:
    parser = TextOf("article-text", skip="claim-ref")
    parser.feed(html)
    return "".join(parser.parts).strip()


def json_ld_scripts(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)


def _schema_org_offline(url, options=None):
    """pyld's document loader, offline: schema.org's context reduced to its vocabulary."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def json_ld_of(html: str) -> dict:
    """The page's one JSON-LD document, read as JSON and checked for its schema.org structure; read as
    JSON-LD too when pyld is installed (it is not a dependency of the project)."""
    scripts = json_ld_scripts(html)
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD documents on the page"
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    assert isinstance(data["@type"], str)
    for value in (data["reviewRating"], data["author"], data["itemReviewed"]):
        assert isinstance(value.get("@type"), str), value
    try:
        from pyld import jsonld
    except ImportError:
        return data
    [expanded] = jsonld.expand(data, {"documentLoader": _schema_org_offline})
    vocab = "https://schema.org/"
    assert expanded["@type"] == [f"{vocab}{data['@type']}"]
    [rating] = expanded[f"{vocab}reviewRating"]
    assert rating["@type"] == [f"{vocab}Rating"]
    for name in ("ratingValue", "bestRating", "worstRating", "alternateName"):
        assert [{"@value": data["reviewRating"][name]}] == rating[f"{vocab}{name}"], name
    [item] = expanded[f"{vocab}itemReviewed"]
    assert item["@type"] == [f"{vocab}Claim"]
    return data


def options_of(html: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of each <option> of the <select name=...>, in order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
