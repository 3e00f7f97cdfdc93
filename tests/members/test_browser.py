"""The sign-up journey in a real browser, against daphne."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo import home_page
from tests import factories
from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "a-Long-and-unusual-passphrase-77"


def test_sign_up_verify_sign_in_and_see_the_home_page_as_an_officer(hub_server, page):
    home_page()
    factories.OrganisationFactory(name="Oldham Council", slug="oldham", domain="oldham.gov.uk")

    page.goto(hub_server.url + "/accounts/signup/")
    page.get_by_label("Full name").fill("Amira Khan")
    page.get_by_label("Email").fill("amira.khan@oldham.gov.uk")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    (message,) = [m for m in hub_server.emails() if "amira.khan@oldham.gov.uk" in m]
    link = re.search(r"http://127\.0\.0\.1:\d+/accounts/confirm-email/\S+/", message).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto(hub_server.url + "/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("amira.khan@oldham.gov.uk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(hub_server.url + "/")
    expect(page.get_by_text("officer of Oldham Council")).to_be_visible()
    assert_accessible(page)
