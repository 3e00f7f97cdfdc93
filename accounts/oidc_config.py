"""Sign-in providers (Microsoft 365 / Entra ID tenants) read from environment variables.

Kept free of Django imports so config/settings.py can call it. One Entra ID
app registration per tenant; the default id ``microsoft`` reads:

    MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET, MICROSOFT_TENANT_ID
    MICROSOFT_VERIFIED_DOMAINS   the tenant's own domains, e.g. oldham.gov.uk
    MICROSOFT_NAME               the button's label (default "Microsoft 365")

Several tenants: OIDC_PROVIDERS=microsoft,microsoft-lambeth and the same
variables prefixed MICROSOFT_LAMBETH_. Any other OpenID Connect issuer can be
given with <PREFIX>_SERVER_URL instead of a tenant id.
"""

ENTRA_SERVER_URL = "https://login.microsoftonline.com/{tenant}/v2.0"


def openid_connect_apps(env) -> list[dict]:
    """The allauth ``openid_connect`` APPS list for every configured provider id."""
    apps = []
    for provider_id in env.list("OIDC_PROVIDERS", default=["microsoft"]):
        prefix = provider_id.upper().replace("-", "_")
        client_id = env.str(f"{prefix}_CLIENT_ID", default="")
        if not client_id:
            continue
        tenant = env.str(f"{prefix}_TENANT_ID", default="")
        server_url = env.str(f"{prefix}_SERVER_URL", default="") or (
            ENTRA_SERVER_URL.format(tenant=tenant) if tenant else ""
        )
        if not server_url:
            continue
        app_settings = {
            "server_url": server_url,
            "oauth_pkce_enabled": True,
            # An address the provider vouches for signs in to the account that
            # already has it (see accounts/adapter.py for what is refused).
            "email_authentication": True,
        }
        # Entra ID sends no email_verified claim: only addresses on the
        # tenant's own (DNS-verified) domains count as verified.
        domains = env.list(f"{prefix}_VERIFIED_DOMAINS", default=[])
        if domains:
            app_settings["verified_email"] = [d.strip().lower() for d in domains if d.strip()]
        apps.append(
            {
                "provider_id": provider_id,
                "name": env.str(f"{prefix}_NAME", default="Microsoft 365"),
                "client_id": client_id,
                "secret": env.str(f"{prefix}_CLIENT_SECRET", default=""),
                "settings": app_settings,
            }
        )
    return apps
