"""Every page type carries the security headers, in production settings."""

import re

import pytest

from tests.site.pages import LEAD, OFFICER, VISITOR_PAGES, load_demo, page_types

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def header_problems(response) -> list[str]:
    problems = []
    csp = response.headers.get("Content-Security-Policy")
    if not csp:
        return ["no Content-Security-Policy"]
    policy = directives(csp)
    for name, value in EXPECTED_CSP.items():
        if policy.get(name) != value:
            problems.append(f"{name} is {policy.get(name)!r}")
    for name in ("script-src", "style-src"):
        if "unsafe" in policy.get(name, ""):
            problems.append(f"{name} allows unsafe sources")
    img = policy.get("img-src", "").split()
    if img[:2] != ["'self'", "data:"]:
        problems.append(f"img-src is {img}")
    if not policy.get("connect-src", "").startswith("'self'"):
        problems.append("connect-src does not start with 'self'")
    expected = {
        "Referrer-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for name, value in expected.items():
        if response.headers.get(name) != value:
            problems.append(f"{name} is {response.headers.get(name)!r}")
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
        if not title or not re.fullmatch(r"\S.* — CCIN network hub", title.group(1).strip()):
            problems.append(f"title is {title and title.group(1)!r}")
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        if feature not in permissions:
            problems.append(f"Permissions-Policy lacks {feature}")
    return problems


def test_every_page_type_carries_the_security_headers_and_a_title(
    production, client_for, django_user_model
):
    load_demo()
    pages = page_types()
    visitor = client_for(None)
    members = {
        "officer": client_for(django_user_model.objects.get(email=OFFICER)),
        "lead": client_for(django_user_model.objects.get(email=LEAD)),
    }
    seen, problems = 0, {}
    for who, client in [("visitor", visitor), *members.items()]:
        paths = {**pages, **(VISITOR_PAGES if who == "visitor" else {})}
        paths["robots"] = "/robots.txt"
        for kind, path in paths.items():
            response = client.get(path, secure=True)
            assert response.status_code < 500, (who, kind, path, response.status_code)
            seen += 1
            found = header_problems(response)
            if found:
                problems[f"{who} {kind} {path} ({response.status_code})"] = found
            for cookie in response.cookies.values():
                if not cookie["secure"]:
                    problems.setdefault(f"{who} {kind}", []).append(f"{cookie.key} not secure")
    assert problems == {}
    assert seen > 50


def test_the_admin_gets_its_own_policy_and_only_the_admin(production, client_for, editor):
    admin = client_for(editor).get("/admin/", secure=True)
    assert admin.status_code == 200
    policy = directives(admin.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"  # Wagtail frames its own page previews
    assert all("http" not in value for value in policy.values())  # still no third party
    public = client_for(editor).get("/robots.txt", secure=True)
    assert directives(public.headers["Content-Security-Policy"])["script-src"] == "'self'"
