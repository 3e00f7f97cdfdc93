"""Sign in with Microsoft 365, run end to end against a real OpenID Connect provider.

The provider (django-oauth-toolkit, tests/oidc_provider/) runs in its own
process; the hub talks to it over HTTP for discovery, the token, the keys and
userinfo, exactly as it would to Entra ID.
"""

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import resolve

from tests import factories
from tests.accounts.conftest import PROVIDER_USERS
from tests.accounts.oidc_flow import (
    CALLBACK_PATH,
    authorise,
    query,
    sign_in,
    start_sign_in,
)

User = get_user_model()
pytestmark = pytest.mark.django_db


def _signed_in_user(client):
    response = client.get("/members/account/")
    if response.status_code != 200:
        return None
    return response.wsgi_request.user


def test_callback_is_the_hubs_checking_view():
    assert resolve(CALLBACK_PATH).func.__module__ == "accounts.oidc"


def test_authorisation_request_uses_pkce_a_nonce_and_a_state(use_provider):
    provider = use_provider()
    url = start_sign_in(Client())
    discovery = requests.get(provider.discovery_url, timeout=5).json()
    assert url.startswith(discovery["authorization_endpoint"])
    params = query(url)
    assert params["client_id"] == "hub-hub"
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) >= 43
    assert len(params["nonce"]) >= 20
    assert params["state"]
    assert set(params["scope"].split()) >= {"openid", "email", "profile"}
    assert params["redirect_uri"].endswith(CALLBACK_PATH)


def test_council_officer_signs_in_and_is_confirmed_at_once(use_provider, council):
    provider = use_provider()
    client = Client()
    url = start_sign_in(client, next_url="/ideas/")
    nonce = query(url)["nonce"]
    response = client.get(authorise(provider.browser("jane"), url))

    assert response.status_code == 302
    assert response["Location"] == "/ideas/"
    user = User.objects.get(email="jane.smith@oldham.gov.uk")
    assert _signed_in_user(client) == user
    assert user.name == "Jane Smith"
    assert user.status == User.Status.CONFIRMED
    assert user.organisation == council
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "microsoft"
    # The ID token's nonce is the one this browser was given, and userinfo was read.
    assert account.extra_data["id_token"]["nonce"] == nonce
    assert account.extra_data["id_token"]["aud"] == "hub-hub"
    assert account.extra_data["userinfo"]["email"] == "jane.smith@oldham.gov.uk"


def test_second_sign_in_uses_the_same_account(use_provider, council):
    provider = use_provider()
    sign_in(Client(), provider, "jane")
    client = Client()
    sign_in(client, provider, "jane")
    assert User.objects.filter(email="jane.smith@oldham.gov.uk").count() == 1
    assert SocialAccount.objects.count() == 1
    assert _signed_in_user(client).email == "jane.smith@oldham.gov.uk"


def test_someone_off_a_council_domain_chooses_an_organisation_and_waits(
    use_provider, affiliate, council
):
    lead = factories.council_lead(affiliate, name="Aff Lead")
    provider = use_provider()
    client = Client()
    response = sign_in(client, provider, "sam")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/3rdparty/signup/"

    form = client.get("/accounts/3rdparty/signup/")
    assert form.status_code == 200
    assert b"sam.jones@coop-party.example" in form.content
    assert b"disabled" in form.content
    # A changed address is ignored: the provider vouched for one address only.
    response = client.post(
        "/accounts/3rdparty/signup/",
        {
            "name": "Sam Jones",
            "email": "someone.else@oldham.gov.uk",
            "organisation": affiliate.pk,
        },
    )
    assert response.status_code == 302, response.content[:3000]
    user = User.objects.get(email="sam.jones@coop-party.example")
    assert not User.objects.filter(email="someone.else@oldham.gov.uk").exists()
    assert user.status == User.Status.PENDING
    assert user.organisation == affiliate
    assert EmailAddress.objects.get(user=user).verified
    assert lead.notifications.filter(kind="membership.request").exists()


def test_an_existing_account_with_that_address_is_linked_not_duplicated(use_provider, council):
    existing = factories.officer(council, email="olu.existing@oldham.gov.uk", name="Olu Officer")
    provider = use_provider()
    client = Client()
    sign_in(client, provider, "olu")

    assert User.objects.filter(email__iexact="olu.existing@oldham.gov.uk").count() == 1
    assert _signed_in_user(client) == existing
    assert SocialAccount.objects.get().user == existing
    existing.refresh_from_db()
    # A verified address was already theirs: the password still works.
    assert existing.check_password(factories.PASSWORD)
    assert existing.name == "Olu Officer"


def test_an_account_squatted_with_an_unverified_address_goes_to_its_owner(use_provider, council):
    squatter = User.objects.create_user(
        email="victim@oldham.gov.uk", password="squatters-password-9", name="Squatter"
    )
    EmailAddress.objects.create(user=squatter, email="victim@oldham.gov.uk", verified=False)
    provider = use_provider()
    client = Client()
    sign_in(client, provider, "vic")

    assert User.objects.filter(email__iexact="victim@oldham.gov.uk").count() == 1
    squatter.refresh_from_db()
    assert _signed_in_user(client) == squatter
    # Whoever set the password can no longer use it; the owner's address is verified.
    assert not squatter.has_usable_password()
    assert EmailAddress.objects.get(user=squatter).verified
    assert squatter.status == User.Status.CONFIRMED


def test_an_unverified_address_from_the_provider_is_refused(use_provider, council):
    existing = factories.officer(council, email="eve.unverified@oldham.gov.uk")
    provider = use_provider()
    client = Client()
    response = sign_in(client, provider, "eve")

    assert response.status_code == 401
    assert b"did not confirm that your email address is verified" in response.content
    assert _signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1
    existing.refresh_from_db()
    assert existing.check_password(factories.PASSWORD)


def test_an_unverified_address_never_creates_an_account(use_provider, council):
    provider = use_provider()
    response = sign_in(Client(), provider, "eve")
    assert response.status_code == 401
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "variant",
    ["wrong-audience", "expired", "bad-nonce", "forged-signature"],
)
def test_an_id_token_that_fails_a_check_is_refused(use_provider, council, variant):
    provider = use_provider(variant)
    client = Client()
    response = sign_in(client, provider, "jane")

    assert response.status_code == 401
    assert b"We could not check the sign-in that Microsoft 365 sent back" in response.content
    assert _signed_in_user(client) is None
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


def test_a_state_that_does_not_match_is_refused(use_provider, council):
    provider = use_provider()
    client = Client()
    callback = authorise(provider.browser("jane"), start_sign_in(client))
    params = query(callback)
    tampered = callback.replace(f"state={params['state']}", "state=not-the-state-we-sent")
    response = client.get(tampered)

    assert response.status_code == 400
    assert b"started in another browser window" in response.content
    assert _signed_in_user(client) is None
    assert not User.objects.exists()


def test_a_callback_in_another_browser_is_refused(use_provider, council):
    provider = use_provider()
    callback = authorise(provider.browser("jane"), start_sign_in(Client()))
    other_browser = Client()
    response = other_browser.get(callback)
    assert response.status_code == 400
    assert _signed_in_user(other_browser) is None
    assert not User.objects.exists()


def _dead_url() -> str:
    from tests.accounts.conftest import _free_port

    return f"http://127.0.0.1:{_free_port()}"


def test_provider_down_before_sign_in_gives_a_clear_message(settings, use_provider):
    use_provider()
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"]["server_url"] = (
        _dead_url() + "/o"
    )
    response = Client().post("/accounts/oidc/microsoft/login/")
    assert response.status_code == 503
    assert b"Microsoft 365 is not answering at the moment" in response.content


def test_provider_down_during_sign_in_gives_a_clear_message(use_provider, council):
    provider = use_provider(
        openid_configuration_overrides={"token_endpoint": _dead_url() + "/o/token/"}
    )
    client = Client()
    response = sign_in(client, provider, "jane")
    assert response.status_code == 503
    assert b"Microsoft 365 is not answering at the moment" in response.content
    assert _signed_in_user(client) is None
    assert not User.objects.exists()


def test_login_page_offers_microsoft_and_password_sign_in_stays(client, use_provider, officer):
    use_provider()
    page = client.get("/accounts/login/")
    assert b"Microsoft 365" in page.content
    assert b"/accounts/oidc/microsoft/login/" in page.content
    response = client.post(
        "/accounts/login/", {"login": officer.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert _signed_in_user(client) == officer


def test_provider_users_cover_each_case():
    assert {p.get("email_verified", True) for p in PROVIDER_USERS.values()} == {True, False}
