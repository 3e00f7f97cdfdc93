"""A real OpenID Connect provider for the sign-in tests, in its own process on 127.0.0.1."""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.accounts.oidc_flow import CALLBACK_PATH

BASE_DIR = Path(__file__).resolve().parents[2]
PROVIDER_PASSWORD = "provider-password-1"
# Client names pick how the provider's ID tokens behave (tests/oidc_provider/validator.py).
VARIANTS = ["hub", "wrong-audience", "expired", "bad-nonce", "forged-signature"]
PROVIDER_USERS = {
    "jane": {"email": "jane.smith@oldham.gov.uk", "first_name": "Jane", "last_name": "Smith"},
    "sam": {"email": "sam.jones@coop-party.example", "first_name": "Sam", "last_name": "Jones"},
    "eve": {
        "email": "eve.unverified@oldham.gov.uk",
        "first_name": "Eve",
        "last_name": "Unverified",
        "email_verified": False,
    },
    "olu": {"email": "olu.existing@oldham.gov.uk", "first_name": "Olu", "last_name": "Existing"},
    "vic": {"email": "victim@oldham.gov.uk", "first_name": "Vic", "last_name": "Tim"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass
class OIDCProvider:
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        """Poll the discovery document until it answers (or the process dies)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The OIDC provider exited; see {self.log}")
            try:
                if requests.get(self.discovery_url, timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"The OIDC provider did not start; see {self.log}")

    def app(self, variant: str = "hub", **settings) -> dict:
        """An allauth APPS entry for the hub pointing at this provider."""
        return {
            "provider_id": "microsoft",
            "name": "Microsoft 365",
            "client_id": f"hub-{variant}",
            "secret": f"secret-{variant}",
            "settings": {
                "server_url": self.issuer,
                "oauth_pkce_enabled": True,
                "email_authentication": True,
                **settings,
            },
        }

    def browser(self, person: str) -> requests.Session:
        """A browser session signed in at the provider as one of PROVIDER_USERS."""
        session = requests.Session()
        response = session.post(
            f"{self.url}/login/",
            data={"username": person, "password": PROVIDER_PASSWORD},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        return session


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    directory = tmp_path_factory.mktemp("oidc-provider")
    for name in ("key.pem", "other-key.pem"):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (directory / name).write_bytes(_pem(key))
    redirect_uris = [f"{scheme}://testserver{CALLBACK_PATH}" for scheme in ("http", "https")]
    seed = {
        "users": [
            {"username": username, "password": PROVIDER_PASSWORD, **person}
            for username, person in PROVIDER_USERS.items()
        ],
        "clients": [
            {
                "name": variant,
                "client_id": f"hub-{variant}",
                "secret": f"secret-{variant}",
                "redirect_uris": redirect_uris,
            }
            for variant in VARIANTS
        ],
    }
    (directory / "seed.json").write_text(json.dumps(seed))
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DIR": str(directory),
    }
    log_path = directory / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "django", "serve_oidc_provider", "--port", str(port)],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    provider = OIDCProvider(url=f"http://127.0.0.1:{port}", process=process, log=log_path)
    try:
        provider.wait_until_ready()
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def use_provider(settings, oidc_provider):
    """use_provider(variant, **app_settings): the hub signs in through that client."""

    def configure(variant: str = "hub", **app_settings):
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "provider_class": "accounts.oidc.CheckedOIDCProvider",
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [oidc_provider.app(variant, **app_settings)],
            }
        }
        return oidc_provider

    configure()
    return configure
