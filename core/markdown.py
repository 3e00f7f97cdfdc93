"""Markdown to safe HTML for everything members write.

Markdown renders first; nh3 then keeps only an allow-list of tags and
attributes, so whatever the Markdown library lets through (raw HTML included)
is cleaned. Links keep only http, https, mailto and relative targets, and
external links get rel="noopener noreferrer".
"""

import html
import re
from urllib.parse import urlsplit

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
# Removed with everything inside them. Besides script and style (nh3's default),
# these are scoping elements: a stray </p> inside one would otherwise survive as
# a nested paragraph that parses differently the next time, so the output would
# not be stable.
DROPPED_WITH_CONTENT = {"script", "style", "object", "applet", "marquee", "template"}

# nh3 serialises every attribute double-quoted with '"' escaped, so an <a>
# start tag in its output is matched exactly by this pattern.
_ANCHOR = re.compile(r'<a((?:\s+[a-z]+="[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')


def _is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


def _add_rel(match: re.Match) -> str:
    attrs = match.group(1)
    href = _HREF.search(attrs)
    if href and _is_external(html.unescape(href.group(1))):
        return f'<a{attrs} rel="noopener noreferrer">'
    return match.group(0)


_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")


def _safe_href(element: str, attribute: str, value: str) -> str | None:
    """Drop links whose scheme, once spaces and control characters are removed, is not allowed.

    nh3 already checks the scheme; this also refuses values such as "java script:"
    that some parsers could read as a scheme.
    """
    if attribute != "href":
        return value
    compact = _CONTROL_AND_SPACE.sub("", value).lower()
    head = re.split(r"[/?#]", compact, maxsplit=1)[0]
    if ":" in head and head.split(":", 1)[0] not in ALLOWED_SCHEMES:
        return None
    return value


def sanitise_html(raw: str) -> str:
    """Keep only the allow-listed tags, attributes and link schemes."""
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attribute_filter=_safe_href,
    )
    return _ANCHOR.sub(_add_rel, cleaned)


def render_markdown(text: str) -> SafeString:
    """Render member-written Markdown to sanitised HTML."""
    raw = md.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return mark_safe(sanitise_html(raw))
