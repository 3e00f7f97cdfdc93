"""Microsoft 365 tenants are read from environment variables."""

import environ

from accounts.oidc_config import openid_connect_apps


def test_no_client_id_means_no_microsoft_button(monkeypatch):
    monkeypatch.delenv("MICROSOFT_CLIENT_ID", raising=False)
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)
    assert openid_connect_apps(environ.Env()) == []


def test_several_tenants_each_with_their_own_domains(monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", "microsoft,microsoft-lambeth")
    monkeypatch.setenv("MICROSOFT_CLIENT_ID", "oldham-app")
    monkeypatch.setenv("MICROSOFT_CLIENT_SECRET", "s1")
    monkeypatch.setenv("MICROSOFT_TENANT_ID", "oldham-tenant")
    monkeypatch.setenv("MICROSOFT_VERIFIED_DOMAINS", "Oldham.gov.uk")
    monkeypatch.setenv("MICROSOFT_LAMBETH_CLIENT_ID", "lambeth-app")
    monkeypatch.setenv("MICROSOFT_LAMBETH_TENANT_ID", "lambeth-tenant")
    monkeypatch.setenv("MICROSOFT_LAMBETH_NAME", "Lambeth Microsoft 365")
    oldham, lambeth = openid_connect_apps(environ.Env())
    assert oldham["provider_id"] == "microsoft"
    assert oldham["settings"]["server_url"] == (
        "https://login.microsoftonline.com/oldham-tenant/v2.0"
    )
    assert oldham["settings"]["oauth_pkce_enabled"] is True
    assert oldham["settings"]["verified_email"] == ["oldham.gov.uk"]
    assert lambeth["provider_id"] == "microsoft-lambeth"
    assert lambeth["name"] == "Lambeth Microsoft 365"
    assert "verified_email" not in lambeth["settings"]
