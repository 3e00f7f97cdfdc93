"""No form, query parameter or page answers 500 for hostile input.

The test walks the demo site as a visitor and as a council lead (who sees the
most forms), collects every same-site link with a query string and every form,
and sends each one NUL, ``next=0``, ``²``, a 5,000-digit number and a 1 MB
value. Any answer is fine (200, a 400 with a message, 403, 404, 405, 413, 429)
except a server error. Runs on SQLite and on PostgreSQL (which refuses NUL).
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.test import Client

from members.models import User
from tests.site.pages import LEAD, load_demo, page_types

pytestmark = pytest.mark.django_db

VISITOR_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
HOSTILE = {
    "nul": "a\x00b",
    "zero": "0",
    "superscript": "²",
    "5000 digits": "9" * 5000,
    "1 MB": "x" * 1_000_000,
}
# Places the walk does not go: other apps' admin, static files, and forms
# whose success would end the walk (signing out, erasing the account).
SKIP = re.compile(
    r"^/(admin|django-admin|_util|static|media|documents)/|logout|/erase|/my-data/erase"
)
PAGES_PER_SHAPE = 1  # /ideas/12/… and /ideas/13/… are the same page to this test
MAX_PAGES = 120


class _Forms(HTMLParser):
    """Links and forms of one page: form action, method and fields with a default."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
                "text": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and a.get("name"):
            name = a["name"]
            kind = (a.get("type") or "text").lower()
            if tag == "input" and kind in ("submit", "button", "image", "reset", "file"):
                return
            if tag == "input" and kind in ("checkbox", "radio"):
                self._form["fields"].setdefault(name, a.get("value", "on"))
                return
            if tag == "select":
                self._select = name
                self._form["fields"].setdefault(name, "")
                return
            self._form["fields"][name] = a.get("value", "")
            if kind != "hidden" or name == "next":
                self._form["text"].append(name)
        elif tag == "option" and self._form is not None and self._select:
            if not self._form["fields"].get(self._select):
                self._form["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _walk(client: Client, start: list[str]):
    """Pages reachable from the start paths: their links with queries, and their forms."""
    queue, seen, shapes = deque(start), set(), Counter()
    queries: set[str] = set()
    query_shapes: set[tuple] = set()
    forms: dict[tuple, dict] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or SKIP.search(path) or shapes[_shape(url)] >= PAGES_PER_SHAPE:
            continue
        seen.add(url)
        shapes[_shape(url)] += 1
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            names = tuple(sorted({name for name, _ in parse_qsl(parts.query)}))
            if names and (_shape(parts.path), names) not in query_shapes:
                query_shapes.add((_shape(parts.path), names))
                queries.add(target)
            queue.append(target)
        for form in parser.forms:
            action = urlsplit(urljoin(path, form["action"] or path))
            if action.netloc or SKIP.search(action.path):
                continue
            key = (form["method"], _shape(action.path), tuple(sorted(form["fields"])))
            forms.setdefault(key, {**form, "action": action.path, "query": action.query})
    return seen, queries, list(forms.values())


def _attacks(queries, forms):
    """(method, url, data, label) for every hostile value in every field and parameter."""
    for url in sorted(queries):
        parts = urlsplit(url)
        params = parse_qsl(parts.query, keep_blank_values=True)
        for index, (name, _) in enumerate(params):
            for label, value in HOSTILE.items():
                changed = [*params[:index], (name, value), *params[index + 1 :]]
                yield "get", f"{parts.path}?{urlencode(changed)}", None, f"{name}={label}"
        yield "get", f"{parts.path}?{parts.query}&next=0", None, "next=0"
    for form in forms:
        names = form["text"] or list(form["fields"])
        base = f"{form['action']}?{form['query']}" if form["query"] else form["action"]
        for label, value in HOSTILE.items():
            # Every field at once, except the 1 MB value, which goes into the longest
            # field only (five at once would only meet Django's upload limit).
            targets = [names] if label != "1 MB" else [names[-1:]]
            for chosen in targets:
                data = {**form["fields"], **{name: value for name in chosen}}
                if form["method"] == "get":
                    yield "get", f"{form['action']}?{urlencode(data)}", None, label
                else:
                    yield "post", base, data, f"{','.join(chosen)}={label}"
        if form["method"] == "post":
            yield "post", base, {**form["fields"], "next": "0"}, "next=0"


def test_no_form_or_query_parameter_answers_500_to_hostile_input(settings):
    load_demo()
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    start = ["/", *(path for kind, path in page_types().items() if kind != "not found")]
    failures, coverage = [], {}
    for who in (None, LEAD):
        client = Client(raise_request_exception=False)
        if who:
            client.force_login(User.objects.get(email=who))
        pages, queries, forms = _walk(client, start + (VISITOR_PAGES if who is None else []))
        sent = 0
        for method, url, data, label in _attacks(queries, forms):
            send = getattr(client, method)
            response = send(url, data) if data is not None else send(url)
            sent += 1
            if response.status_code >= 500:
                path = urlsplit(url).path
                failures.append(f"{who} {method.upper()} {path} {label}: {response.status_code}")
        coverage[who or "visitor"] = (len(pages), len(queries), len(forms), sent)

    print(f"\npages, links with queries, forms, requests sent: {coverage}")
    # The walk really covered the site: many pages, forms and parameters for each.
    for pages, queries, forms, sent in coverage.values():
        assert pages > 40 and queries > 5 and forms > 8 and sent > 100, coverage
    assert failures == []
