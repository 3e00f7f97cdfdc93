"""Wagtail's Site record follows SITE_URL: after migrate, and in the demo."""

import os
import subprocess

import pytest
from wagtail.models import Page, Site

from cms.setup import site_address, site_follows_site_url
from tests.conftest import BASE_DIR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "site_url, address",
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://hub.example.org", ("hub.example.org", 443)),
        ("https://hub.example.org/", ("hub.example.org", 443)),
        ("http://hub.example.org", ("hub.example.org", 80)),
        ("https://hub.example.org:8443", ("hub.example.org", 8443)),
    ],
)
def test_site_address_reads_site_url(settings, site_url, address):
    settings.SITE_URL = site_url
    assert site_address() == address


def _default_site():
    return Site.objects.get(is_default_site=True)


def test_the_default_site_left_at_localhost_follows_site_url(settings):
    site = _default_site()
    site.hostname, site.port = "localhost", 80
    site.save()
    settings.SITE_URL = "https://hub.example.org"
    site_follows_site_url()
    site = _default_site()
    assert (site.hostname, site.port) == ("hub.example.org", 443)
    assert site.root_url == "https://hub.example.org"


def test_the_site_follows_site_url_after_migrate():
    from core.signals import _handlers

    assert _handlers["cms.site_url"][1] is site_follows_site_url


def test_an_address_another_site_answers_for_is_left_alone(settings):
    root = Page.get_first_root_node()
    Site.objects.create(hostname="hub.example.org", port=443, root_page=root)
    settings.SITE_URL = "https://hub.example.org"
    before = _default_site()
    site_follows_site_url()
    after = _default_site()
    assert (after.hostname, after.port) == (before.hostname, before.port)


def test_the_demo_home_page_sets_the_site_from_site_url(settings):
    from cms.demo import home_page

    settings.SITE_URL = "http://127.0.0.1:8123"
    home = home_page()
    site = _default_site()
    assert site.root_page_id == home.pk
    assert site.root_url == "http://127.0.0.1:8123"


def test_make_run_gives_the_site_url_of_the_port_it_serves():
    # Emails and full links come from SITE_URL: `make run PORT=8123` must set it to match.
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "SITE_URL=http://127.0.0.1:8123" in out
