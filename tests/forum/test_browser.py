"""The main journey in a real browser: start, see unread, reply with a mention, live arrival."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible, login
from tests.forum.factories import CategoryFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def lounge(db):
    return CategoryFactory(
        name="Officers' lounge",
        slug="officers-lounge",
        visibility="members",
        description="Anything officers want to ask each other.",
    )


def test_officers_discuss_with_mentions_and_live_replies(
    hub_server, browser, settings, lounge, officer, other_officer
):
    first = browser.new_context().new_page()
    login(first, hub_server, officer.email)
    first.goto(f"{hub_server.url}/discussions/")
    assert_accessible(first)
    first.get_by_role("link", name="Officers' lounge").click()
    first.get_by_role("link", name="Start a discussion").click()
    assert_accessible(first)
    first.get_by_label("Title").fill("How did you run your first community share offer?")
    first.get_by_label("Opening post").fill("We are planning one for solar on school roofs.")
    first.get_by_role("button", name="Post the discussion").click()
    expect(first.get_by_role("heading", level=1)).to_have_text(
        "How did you run your first community share offer?"
    )
    assert_accessible(first)
    badge = first.locator("#notification-count")
    expect(badge).to_have_text("0")

    second = browser.new_context().new_page()
    login(second, hub_server, other_officer.email)
    second.goto(f"{hub_server.url}/discussions/c/officers-lounge/")
    row = second.locator(".forum-thread", has_text="community share offer")
    expect(row.get_by_text("New")).to_be_visible()
    row.get_by_role("link", name=re.compile("community share offer")).click()

    reply_box = second.get_by_label("Your reply")
    # The deferred script enhances the box once the page has loaded; typing
    # before then is plain typing, so wait for the enhancement.
    expect(reply_box).to_have_attribute("aria-describedby", re.compile("_mentionhint"))
    reply_box.fill("We used a Community Benefit Society. @Olu")
    suggestion = second.get_by_role("button", name=re.compile(r"^Olu Officer"))
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(reply_box).to_have_value("We used a Community Benefit Society. @Olu Officer ")
    reply_box.press("End")
    reply_box.type("can share the prospectus.")
    second.get_by_role("button", name="Post reply").click()
    expect(second.locator("#post-2")).to_contain_text("Community Benefit Society")

    # The first officer never reloaded: the count rises and a polite banner offers the reply.
    expect(badge).to_have_text("1")
    banner = first.locator("#forum-new-replies")
    expect(banner).to_contain_text("1 new reply")
    expect(first.locator("#post-2")).to_have_count(0)
    banner.get_by_role("button", name="Show it").click()
    expect(first.locator("#post-2")).to_contain_text("can share the prospectus")
    expect(first.locator("#post-2")).to_be_focused()
    assert_accessible(first)


def test_without_javascript_a_member_replies_and_a_moderator_page_is_accessible(
    hub_server, browser, settings, lounge, officer, other_officer, moderator
):
    from tests.forum.factories import reply, thread

    t = thread(lounge, officer, title="Peer challenge sessions: who has hosted one?")
    reply(t, officer, body="We hosted one in 2015.")

    page = browser.new_context(java_script_enabled=False).new_page()
    login(page, hub_server, other_officer.email)
    page.goto(f"{hub_server.url}{t.get_absolute_url()}")
    page.get_by_label("Your reply").fill("")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Write something before posting.", exact=True)).to_be_visible()
    page.get_by_label("Your reply").fill("Cardiff would like to host the next one.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("#post-3")).to_contain_text("Cardiff would like to host")

    mod = browser.new_context().new_page()
    login(mod, hub_server, moderator.email)
    mod.goto(f"{hub_server.url}{t.get_absolute_url()}?page=1")
    mod.get_by_role("button", name="Post reply").click()
    expect(mod.get_by_text("Write something before posting.", exact=True)).to_be_visible()
    assert_accessible(mod)  # the reply form with its error
    mod.goto(f"{hub_server.url}{t.get_absolute_url()}?page=1")
    mod.get_by_text("Moderate this discussion").click()
    assert_accessible(mod)
    mod.get_by_role("button", name="Lock").click()
    expect(mod.get_by_text("Done: the action is in the moderation log.")).to_be_visible()
    mod.goto(f"{hub_server.url}/discussions/moderation/log/")
    expect(mod.get_by_role("cell", name="Locked thread")).to_be_visible()
    assert_accessible(mod)
