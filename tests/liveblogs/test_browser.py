"""The main journey in real browsers: an editor posts and edits, a reader follows live."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def submit(composer, button: str = "Post update") -> None:
    """Send the composer and wait until its answer is handled (the form is reset for the next).

    The reader, or the composer's own socket, can show a change before the fetch
    that sent it returns; filling the form before that would be undone by the reset.
    """
    composer.get_by_role("button", name=button).click()
    expect(composer.get_by_label("Entry")).to_have_value("")
    expect(composer.get_by_role("button", name="Post update")).to_be_enabled()


@pytest.fixture(autouse=True)
def _real_password_hashers(settings):
    """The server process hashes with Django's defaults; MD5 (tests/conftest.py) fails there."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def test_reader_follows_an_editor_live_and_catches_up_after_a_cut(
    hub_server, browser, liveblog, editor
):
    url = f"{hub_server.url}{liveblog.url}"
    reader_context = browser.new_context()
    reader = reader_context.new_page()
    reader.goto(url)
    expect(reader.locator("#lb-status")).to_contain_text("Connected")
    assert_accessible(reader)

    editor_context = browser.new_context()
    composer = editor_context.new_page()
    login(composer, hub_server, editor.email)
    composer.goto(url)
    assert_accessible(composer)

    # Post from the composer; the reader sees it without reloading.
    composer.get_by_label("Entry").fill("Welcome to the **network meeting**")
    submit(composer)
    entries = reader.locator("#lb-entries")
    expect(entries).to_contain_text("Welcome to the network meeting")
    expect(composer.locator("#lb-entries")).to_contain_text("Welcome to the network meeting")

    # Edit it in place; the reader's copy changes.
    composer.get_by_role("link", name="Edit this update").first.click()
    expect(composer.get_by_label("Entry")).to_have_value("Welcome to the **network meeting**")
    composer.get_by_label("Entry").fill("Welcome to the network meeting in Plymouth")
    submit(composer, "Save changes")
    expect(entries).to_contain_text("Welcome to the network meeting in Plymouth")
    expect(entries.locator(".lb-item")).to_have_count(1)

    # Cut the reader's connection, post twice, restore: it catches up, in order.
    reader.evaluate("window.hubLiveblog.disconnect()")
    composer.get_by_label("Entry").fill("Missed while offline, first")
    submit(composer)
    expect(composer.locator("#lb-entries")).to_contain_text("Missed while offline, first")
    composer.get_by_label("Entry").fill("Missed while offline, second")
    submit(composer)
    expect(composer.locator("#lb-entries")).to_contain_text("Missed while offline, second")
    expect(entries).not_to_contain_text("Missed while offline")
    reader.evaluate("window.hubLiveblog.reconnect()")
    expect(entries.locator(".lb-item").first).to_contain_text("Missed while offline, second")
    expect(entries.locator(".lb-item")).to_have_count(3)
    # The root carries the last applied number (no wait_for_function: the CSP refuses eval).
    expect(reader.locator("[data-liveblog]")).to_have_attribute("data-seq", "4")

    # Key moments filter, then accessibility with live content in place.
    reader.get_by_label("Key moments only").check()
    expect(entries.locator(".lb-item").first).to_be_hidden()
    reader.get_by_label("Key moments only").uncheck()
    assert_accessible(reader)
    reader_context.close()
    editor_context.close()


def test_composer_works_without_javascript(hub_server, browser, liveblog, editor):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, hub_server, editor.email)
    page.goto(f"{hub_server.url}{liveblog.url}")
    page.get_by_label("Entry").fill("Posted with a plain form")
    page.get_by_role("button", name="Post update").click()
    expect(page.locator("#lb-entries")).to_contain_text("Posted with a plain form")
    page.get_by_role("button", name="Pin", exact=True).click()
    expect(page.locator("#lb-entries .lb-tag--pinned")).to_have_count(1)
    context.close()


def test_catching_up_shows_only_the_current_text_of_entries_edited_or_deleted_meanwhile(
    hub_server, browser, liveblog, editor
):
    from liveblogs.services import EntryFields, entry_delete, entry_post, entry_update

    def post(body):
        return entry_post(page=liveblog, author=editor, fields=EntryFields(body=body))

    for n in range(8):
        post(f"Earlier update {n} " + "with enough words to fill a line or two. " * 4)
    context = browser.new_context(viewport={"width": 800, "height": 400})
    reader = context.new_page()
    reader.goto(f"{hub_server.url}{liveblog.url}")
    expect(reader.locator("#lb-status")).to_contain_text("Connected")
    reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    reader.evaluate("window.hubLiveblog.disconnect()")

    draft = post("SECRETDRAFT with a wrong figure")
    entry_update(entry=draft, editor=editor, fields=EntryFields(body="Corrected figure"))
    entry_delete(entry=post("SECRETENTRY posted by mistake"), editor=editor)
    reader.evaluate("window.hubLiveblog.reconnect()")
    # The root carries the last applied number (no wait_for_function: the CSP refuses eval).
    expect(reader.locator("[data-liveblog]")).to_have_attribute("data-seq", "12")

    # Scrolled down the page: the one new entry waits under the button.
    expect(reader.locator("#lb-new")).to_have_text("1 new update")
    reader.locator("#lb-new").click()
    entries = reader.locator("#lb-entries")
    expect(entries.locator(".lb-item")).to_have_count(9)
    expect(entries.locator(".lb-item").first).to_contain_text("Corrected figure")
    expect(entries).not_to_contain_text("SECRET")
    assert reader.locator(f"[id='entry-{draft.pk}']").count() == 1
    texts = entries.locator(".lb-item").all_inner_texts()
    assert all(text.strip() for text in texts)
    context.close()


def test_composer_shows_the_error_layers_messages_and_keeps_the_text(
    hub_server, browser, liveblog, editor
):
    context = browser.new_context()
    page = context.new_page()
    login(page, hub_server, editor.email)
    page.goto(f"{hub_server.url}{liveblog.url}")
    page.get_by_label("Entry").fill("From the energy workshop")
    page.get_by_label("Who said it (optional)").fill("A workshop participant")
    page.get_by_role("button", name="Post update").click()
    errors = page.locator("#lb-composer-errors")
    expect(errors).to_contain_text(
        "Quote (optional): Add the quote that this attribution belongs to."
    )
    expect(page.get_by_label("Entry")).to_have_value("From the energy workshop")
    expect(page.locator("#lb-entries .lb-item")).to_have_count(0)
    page.get_by_label("Quote (optional)").fill("People sign up when they trust who runs it.")
    page.get_by_role("button", name="Post update").click()
    expect(page.locator("#lb-entries")).to_contain_text(
        "People sign up when they trust who runs it."
    )
    expect(errors).to_be_empty()
    context.close()
