"""OpenID Connect sign-in that checks the ID token's signature and nonce every time.

allauth's OpenID Connect provider sends no nonce and, for a token fetched
straight from the token endpoint, skips the signature (OIDC Core 3.1.3.7
allows that over TLS). The hub checks both anyway, so a misconfigured or
intercepted endpoint cannot hand over a forged or replayed token. Settings
point allauth at this class (SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]).
"""

import secrets

import requests
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404


class CheckedOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class CheckedOIDCProvider(OpenIDConnectProvider):
    # allauth finds a provider's URLs through its package: keep the stock ones.
    package = "allauth.socialaccount.providers.openid_connect"
    oauth2_adapter_class = CheckedOIDCAdapter
    pkce_enabled_default = True

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(24)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        try:
            # The nonce rides in allauth's stashed state, next to the PKCE verifier.
            return super().redirect(
                request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
            )
        except requests.RequestException as exc:
            # Discovery failed: the provider is down or unreachable.
            return render_authentication_error(request, self, exception=exc)

    @staticmethod
    def check_nonce(sociallogin) -> None:
        """Refuse an ID token that does not carry the nonce this browser was given."""
        expected = sociallogin.state.get("nonce")
        claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
        if not expected or not secrets.compare_digest(str(claims.get("nonce", "")), expected):
            raise OAuth2Error("The ID token's nonce does not match this sign-in.")


@login_not_required
def callback(request, provider_id: str):
    """allauth's callback view, driven by the adapter that checks signatures."""
    try:
        view = OAuth2CallbackView.adapter_view(CheckedOIDCAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404
