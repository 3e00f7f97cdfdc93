"""A request to join reaches an editor live; the emailed unsubscribe link asks before it acts."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cms.demo import home_page
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

PASSWORD = "a-Long-and-unusual-passphrase-77"
User = get_user_model()


def test_an_individual_affiliates_request_reaches_an_editor_live_and_unsubscribe_asks_first(
    hub_server, browser, editor
):
    home_page()
    watching = browser.new_context().new_page()
    login(watching, hub_server, editor.email)
    watching.goto(f"{hub_server.url}/notifications/")
    assert_accessible(watching)
    badge = watching.locator("#notification-count")
    expect(badge).to_have_text("0")

    joining = browser.new_context().new_page()
    joining.goto(f"{hub_server.url}/accounts/signup/")
    joining.get_by_label("Full name").fill("Ines Independent")
    joining.get_by_label("Email").fill("ines@example.org")
    joining.get_by_label("Password", exact=False).first.fill(PASSWORD)
    joining.get_by_label("Password (again)").fill(PASSWORD)
    joining.get_by_role("button", name="Sign Up").click()
    (message,) = [m for m in hub_server.emails() if "To: ines@example.org" in m]
    link = re.search(r"http://127\.0\.0\.1:\d+/accounts/confirm-email/\S+/", message).group(0)
    joining.goto(link)
    joining.get_by_role("button", name="Confirm").click()

    # The editor's count rises without a reload.
    expect(badge).to_have_text("1")
    watching.reload()
    expect(watching.get_by_role("button", name=re.compile("Ines Independent asks"))).to_be_visible()

    # The emailed link opens a page that changes nothing until its button is pressed.
    (notice,) = [m for m in hub_server.emails() if "Ines Independent asks" in m]
    unsubscribe = re.search(r"http://127\.0\.0\.1:\d+/notifications/unsubscribe/\S+/", notice)
    reader = browser.new_context().new_page()
    reader.goto(unsubscribe.group(0))
    expect(reader.get_by_role("button", name="Stop notification emails")).to_be_visible()
    assert_accessible(reader)
    editor.refresh_from_db()
    assert editor.email_frequency == User.EmailFrequency.IMMEDIATELY
    reader.get_by_role("button", name="Stop notification emails").click()
    expect(reader.get_by_text("You will no longer get notification emails")).to_be_visible()
    assert_accessible(reader)
    editor.refresh_from_db()
    assert editor.email_frequency == User.EmailFrequency.NEVER
