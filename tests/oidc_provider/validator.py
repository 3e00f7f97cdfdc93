"""Claims for the test provider's users, and the misbehaving clients the bad-path tests use.

A client's name picks how its ID tokens go wrong; "hub" behaves.
"""

import json
import time

from django.conf import settings
from jwcrypto import jwk, jws
from jwcrypto import jwt as jose_jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

UNVERIFIED_GROUP = "unverified-email"


class TestProviderValidator(OAuth2Validator):
    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED_GROUP).exists(),
            "name": user.get_full_name() or user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        variant = request.client.name
        if variant == "wrong-audience":
            claims["aud"] = "a-different-client"
        elif variant == "expired":
            # As a provider whose clock runs ten minutes behind would issue it.
            claims["iat"] = int(time.time()) - 900
            claims["exp"] = int(time.time()) - 600
        elif variant == "bad-nonce":
            claims["nonce"] = "a-nonce-from-another-sign-in"
        return claims, expiration_time

    def finalize_id_token(self, id_token, token, token_handler, request):
        serialized = super().finalize_id_token(id_token, token, token_handler, request)
        if request.client.name != "forged-signature":
            return serialized
        # Same header and claims, signed by a key the provider does not publish.
        original = jws.JWS()
        original.deserialize(serialized)
        header = json.loads(original.objects["protected"])
        other_key = jwk.JWK.from_pem((settings.DIR / "other-key.pem").read_bytes())
        forged = jose_jwt.JWT(header=header, claims=original.objects["payload"].decode())
        forged.make_signed_token(other_key)
        return forged.serialize()
