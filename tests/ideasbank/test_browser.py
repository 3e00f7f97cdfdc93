"""The main journey in a real browser: post an idea, back it with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_post_idea_and_back_it_with_and_without_javascript(hub_server, page, browser):
    oldham = factories.OrganisationFactory(name="Oldham Council", slug="oldham")
    lambeth = factories.OrganisationFactory(name="Lambeth Council", slug="lambeth")
    plymouth = factories.OrganisationFactory(name="Plymouth City Council", slug="plymouth")
    author = factories.officer(oldham, email="olu@oldham.gov.uk")
    backer = factories.officer(lambeth, email="leah@lambeth.gov.uk")
    no_js_backer = factories.officer(plymouth, email="pat@plymouth.gov.uk")

    # An officer posts an idea with two themes.
    login(page, hub_server, author.email)
    page.goto(f"{hub_server.url}/ideas/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Tenants as shareholders in rooftop solar")
    page.get_by_label("One-line summary").fill("Tenants own shares in the panels on their homes.")
    page.get_by_label("Description").fill("Plymouth showed that **community energy** works.")
    page.get_by_label("Themes").fill("community energy, housing")
    page.get_by_role("button", name="Post idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tenants as shareholders in rooftop solar"
    )
    expect(page.locator(".themes")).to_contain_text("community energy")
    expect(page.locator(".themes")).to_contain_text("housing")
    idea_url = page.url
    page.get_by_role("button", name=re.compile("^Upvote")).click()
    expect(page.locator(".vote__councils")).to_have_text("backed by 1 council")
    assert_accessible(page)

    # A second officer, from another council, backs it without a page reload.
    context = browser.new_context()
    second = context.new_page()
    login(second, hub_server, backer.email)
    second.goto(idea_url)
    second.evaluate("window.__samePage = true")
    second.get_by_role("button", name=re.compile("^Upvote")).click()
    expect(second.locator(".vote__number")).to_have_text("2")
    expect(second.locator(".vote__councils")).to_have_text("backed by 2 councils")
    expect(second.get_by_role("button", name=re.compile("^Remove my vote"))).to_be_focused()
    assert second.evaluate("window.__samePage === true")
    context.close()

    # The same vote works with JavaScript turned off, as a plain form.
    no_js = browser.new_context(java_script_enabled=False)
    third = no_js.new_page()
    login(third, hub_server, no_js_backer.email)
    third.goto(idea_url)
    third.get_by_role("button", name=re.compile("^Upvote")).click()
    expect(third.locator(".vote__number")).to_have_text("3")
    expect(third.locator(".vote__councils")).to_have_text("backed by 3 councils")
    expect(third.get_by_role("button", name=re.compile("^Remove my vote"))).to_be_visible()
    no_js.close()

    # The list, as a visitor would see it.
    page.goto(f"{hub_server.url}/ideas/")
    expect(
        page.get_by_role("link", name="Tenants as shareholders in rooftop solar")
    ).to_be_visible()
    assert_accessible(page)


def test_similar_ideas_appear_while_typing_a_title(hub_server, page):
    oldham = factories.OrganisationFactory(name="Oldham Council", slug="oldham")
    author = factories.officer(oldham, email="olu@oldham.gov.uk")
    from ideasbank import services

    services.idea_create(author=author, title="Youth councils with real powers", summary="S")
    login(page, hub_server, author.email)
    page.goto(f"{hub_server.url}/ideas/new/")
    page.get_by_label("Title").press_sequentially("Powers for youth")
    expect(page.locator("#similar-ideas")).to_contain_text("Youth councils with real powers")


def test_editor_and_moderator_tools_are_accessible(hub_server, page):
    from ideasbank import services

    oldham = factories.OrganisationFactory(name="Oldham Council", slug="oldham")
    author = factories.officer(oldham, email="olu@oldham.gov.uk")
    editor = factories.network_editor(email="nadia@councils.coop")
    idea = services.idea_create(
        author=author, title="Youth councils with real powers", summary="S", themes="young people"
    )
    services.comment_create(idea=idea, author=author, body="A first comment.")
    services.report_create(idea=idea, reporter=author, reason="Testing the queue")
    login(page, hub_server, editor.email)
    page.goto(f"{hub_server.url}/ideas/{idea.pk}/")
    expect(page.get_by_role("heading", name="Network tools")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_stage-stage").select_option("discussion")
    page.locator("#id_stage-note").fill("The forum will discuss this in March.")
    page.get_by_role("button", name="Change stage").click()
    expect(page.locator(".stage-history")).to_contain_text("The forum will discuss this")
    page.goto(f"{hub_server.url}/ideas/moderation/")
    expect(page.get_by_text("Testing the queue")).to_be_visible()
    assert_accessible(page)


def test_a_refused_vote_says_why_in_place(hub_server_factory, page):
    server = hub_server_factory(env={"HUB_VOTE_RATE": "1/m"})
    from ideasbank import services

    oldham = factories.OrganisationFactory(name="Oldham Council", slug="oldham")
    author = factories.officer(oldham, email="olu@oldham.gov.uk")
    idea = services.idea_create(author=author, title="Youth councils with real powers", summary="S")
    login(page, server, author.email)
    page.goto(f"{server.url}/ideas/")
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name=re.compile("^Upvote")).click()
    expect(page.locator(f"#vote-{idea.pk} .vote__number")).to_have_text("1")
    # The second vote in a minute is over the limit: the message appears in
    # the widget and the count stays as it was.
    page.get_by_role("button", name=re.compile("^Remove my vote")).click()
    expect(page.locator(f"#vote-{idea.pk} [role=alert]")).to_contain_text("voting too quickly")
    expect(page.locator(f"#vote-{idea.pk} .vote__number")).to_have_text("1")
    assert page.evaluate("window.__samePage === true")
    assert_accessible(page)
