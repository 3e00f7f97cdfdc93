"""Steps of a sign-in through the test OpenID Connect provider, as a browser takes them."""

from urllib.parse import parse_qs, urlsplit

import requests

CALLBACK_PATH = "/accounts/oidc/microsoft/login/callback/"


def start_sign_in(client, next_url: str | None = None) -> str:
    """Press "Sign in with Microsoft 365" on the hub: the URL the browser is sent to."""
    data = {"next": next_url} if next_url else {}
    response = client.post("/accounts/oidc/microsoft/login/", data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def authorise(browser: requests.Session, authorize_url: str) -> str:
    """The provider's answer to the authorisation request: the hub callback path and query."""
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    location = urlsplit(response.headers["Location"])
    assert location.path == CALLBACK_PATH, response.headers["Location"]
    return f"{location.path}?{location.query}"


def sign_in(client, provider, person: str, next_url: str | None = None):
    """The whole journey: hub -> provider -> hub callback; the callback's response."""
    callback = authorise(provider.browser(person), start_sign_in(client, next_url))
    return client.get(callback)


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
