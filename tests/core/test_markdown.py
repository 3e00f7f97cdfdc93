"""The Markdown sanitiser: known attacks, and properties over any input."""

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.markdown import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<p onclick="alert(1)">x</p>',
    '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    "<object data=x></object><embed src=x>",
    '<form action="https://evil.example"><input name=x></form>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    '<a href="  javascript:alert(1)">x</a>',
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    """Parse the output as a browser would and check every tag and attribute."""
    collector = TagCollector()
    collector.feed(html)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag not in {"script", "iframe", "style", "object", "embed", "form", "svg", "math"}
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style"
            if name in {"href", "src"}:
                target = "".join((value or "").split()).lower()
                assert not target.startswith(("javascript:", "vbscript:", "data:")), value


@pytest.mark.parametrize("attack", ATTACKS)
def test_known_attacks_are_neutralised(attack):
    assert_safe(render_markdown(attack))


def test_ordinary_markdown_renders():
    html = render_markdown("# Title\n\nSome **bold** and a [link](/ideas/).\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a href="/ideas/">link</a>' in html
    assert "<li>one</li>" in html


def test_external_links_get_noopener_noreferrer_and_relative_ones_do_not():
    html = render_markdown("[out](https://example.org/) [in](/discussions/) [mail](mailto:a@b.org)")
    assert '<a href="https://example.org/" rel="noopener noreferrer">out</a>' in html
    assert '<a href="/discussions/">in</a>' in html
    assert 'href="mailto:a@b.org"' in html


def test_links_to_other_schemes_lose_their_target():
    html = render_markdown("[ftp](ftp://example.org/file) [tel](tel:0123)")
    assert "ftp:" not in html and "tel:" not in html


fragments = st.lists(
    st.sampled_from(
        ATTACKS
        + [
            "**b**",
            "[a](",
            "](",
            "<a ",
            "href=",
            " on",
            "javascript:",
            "\n\n",
            "> ",
            "`",
            "<",
            ">",
            '"',
            "'",
            "&#",
            "x",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), fragments))
def test_output_is_always_safe(text):
    assert_safe(render_markdown(text))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), fragments))
def test_rendering_is_stable(text):
    first = render_markdown(text)
    assert render_markdown(text) == first
    # Sanitising already-clean output changes nothing.
    from core.markdown import sanitise_html

    assert sanitise_html(first) == first


@pytest.mark.parametrize(
    "text,expected",
    [
        ("0<OBJECT>", "<p>0</p>"),
        ("0<applet>x", "<p>0</p>"),
        ("0<marquee>y</p>z", "<p>0</p>"),
        ("a<template>b", "<p>a</p>"),
    ],
)
def test_scoping_elements_go_with_their_content_so_output_is_stable(text, expected):
    from core.markdown import sanitise_html

    assert render_markdown(text) == expected
    assert sanitise_html(expected) == expected
