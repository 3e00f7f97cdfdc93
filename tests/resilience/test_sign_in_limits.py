"""Every form that checks a password shares allauth's limits, keyed on the real client address."""

import pytest
from django.test import Client, RequestFactory
from wagtail.models import Page, PageViewRestriction

from cms.demo import home_page
from core.throttle import client_ip
from tests.factories import PASSWORD, network_editor

pytestmark = pytest.mark.django_db

WRONG = "not-the-password"


@pytest.fixture
def superuser(db):
    user = network_editor(name="Sam Super")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def password_page(db):
    page = home_page().add_child(instance=Page(title="Secret minutes", slug="secret-minutes"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="plymouth"
    )
    return page, restriction


def _account_form(path):
    def attempt(client, user, password):
        return client.post(path, {"username": user.email, "password": password, "next": "/"})

    return attempt


FORMS = {
    "wagtail admin": _account_form("/admin/login/"),
    "wagtail page privacy login": _account_form("/_util/login/"),
    "django admin": _account_form("/django-admin/login/"),
}


@pytest.mark.parametrize("form", FORMS)
def test_the_sixth_wrong_password_in_a_minute_is_refused_even_with_the_right_one(form, superuser):
    attempt = FORMS[form]
    client = Client()
    for _ in range(5):
        assert attempt(client, superuser, WRONG).status_code == 200
    refused = attempt(client, superuser, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("form", FORMS)
def test_a_right_password_under_the_limit_signs_in(form, superuser):
    attempt = FORMS[form]
    client = Client()
    assert attempt(client, superuser, WRONG).status_code == 200
    assert attempt(client, superuser, PASSWORD).status_code == 302


def test_the_page_password_form_refuses_the_sixth_guess(password_page):
    page, restriction = password_page
    client = Client()
    path = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(5):
        response = client.post(path, {"password": "guess", "return_url": page.url})
        assert response.status_code == 200
    response = client.post(path, {"password": "plymouth", "return_url": page.url})
    assert response.status_code == 429


def test_failures_on_one_form_count_on_the_others(superuser):
    client = Client()
    FORMS["django admin"](client, superuser, WRONG)
    FORMS["wagtail admin"](client, superuser, WRONG)
    FORMS["wagtail page privacy login"](client, superuser, WRONG)
    client.post("/accounts/login/", {"login": superuser.email, "password": WRONG})
    client.post("/accounts/login/", {"login": superuser.email, "password": WRONG})
    assert FORMS["django admin"](client, superuser, PASSWORD).status_code == 429
    allauth = client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert allauth.status_code in (200, 429)


def _request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.HUB_TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(settings):
    settings.HUB_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = _request("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.1.2.3")
    assert client_ip(request) == "198.51.100.7"
    # A forwarded header from an untrusted sender is not believed.
    assert client_ip(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


def test_allauth_limits_key_on_the_real_client_address(settings, superuser):
    settings.HUB_TRUSTED_PROXIES = ["127.0.0.1"]
    stranger = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for n in range(10):
        stranger.post("/accounts/login/", {"login": f"nobody{n}@example.org", "password": WRONG})
    refused = stranger.post(
        "/accounts/login/", {"login": "nobody-else@example.org", "password": WRONG}
    )
    assert b"Too many failed login attempts" in refused.content
    member = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    member.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    assert "_auth_user_id" in member.session


def test_strangers_behind_the_proxy_do_not_share_one_address_limit(settings, superuser):
    settings.HUB_TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(12):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
            "/django-admin/login/", {"username": f"nobody{n}@example.org", "password": WRONG}
        )
    someone = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    response = someone.post(
        "/django-admin/login/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
