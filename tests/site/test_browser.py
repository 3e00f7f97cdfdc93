"""The site on a phone, under its Content-Security-Policy, in a real browser (Chromium)."""

import pytest
from playwright.sync_api import expect

from cms.demo_policies import load as load_policies
from cms.models import StandardPage
from tests.conftest import assert_accessible, login
from tests.site.pages import DEMO_PASSWORD, LEAD, POLICY_PATHS, VISITOR_PAGES, load_demo, page_types

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 390)

# Collected before any page script runs; Playwright's init scripts are not
# subject to the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def phone(browser, width, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    context.add_init_script(RECORD_VIOLATIONS)
    return context


def test_every_page_type_fits_a_phone_with_no_csp_violation(hub_server, browser):
    load_demo()
    # The server runs with DEBUG on, so a 404 is Django's technical page: not the site's.
    pages = {kind: path for kind, path in page_types().items() if kind != "not found"}
    overflow, violations, visited = {}, {}, 0
    for width in PHONE_WIDTHS:
        for who in (None, LEAD):
            context = phone(browser, width)
            page = context.new_page()
            console = []
            page.on("console", lambda message, into=console: into.append(message.text))
            paths = dict(pages)
            if who:
                login(page, hub_server, who, DEMO_PASSWORD)
            else:
                paths.update(VISITOR_PAGES)
            for kind, path in paths.items():
                console.clear()
                page.goto(hub_server.url + path)
                page.wait_for_load_state("load")
                visited += 1
                label = f"{who or 'visitor'} {kind} {path} at {width}px"
                extra = page.evaluate(OVERFLOW)
                if extra > 0:
                    overflow[label] = extra
                refused = [text for text in console if "Refused to" in text]
                refused += page.evaluate("window.__cspViolations")
                if refused:
                    violations[label] = refused
            context.close()
    assert overflow == {}, overflow
    assert violations == {}, violations
    assert visited > 100


def test_the_menu_opens_and_closes_by_keyboard_on_a_phone(hub_server, browser):
    load_policies(stdout=_Sink())
    context = phone(browser, 390)
    page = context.new_page()
    page.goto(hub_server.url + "/privacy/")
    button = page.locator("summary", has_text="Menu")
    ideas = page.get_by_role("link", name="Ideas bank")
    expect(button).to_be_visible()
    expect(ideas).to_be_hidden()
    # Keyboard only: Tab past the skip link and the site name to the menu button.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    expect(ideas).to_be_visible()
    assert page.evaluate("document.getElementById('site-menu').open")
    assert page.evaluate(OVERFLOW) <= 0
    assert_accessible(page)
    page.keyboard.press("Tab")  # into the menu: the search box
    page.keyboard.press("Escape")
    expect(ideas).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    expect(ideas).to_be_visible()
    ideas.click()
    assert page.url.endswith("/ideas/")


def test_the_menu_works_without_javascript(hub_server, browser):
    load_policies(stdout=_Sink())
    context = phone(browser, 320, java_script_enabled=False)
    page = context.new_page()
    page.goto(hub_server.url + "/contact/")
    ideas = page.get_by_role("link", name="Ideas bank")
    expect(ideas).to_be_hidden()
    page.locator("summary", has_text="Menu").focus()
    page.keyboard.press("Enter")
    expect(ideas).to_be_visible()
    page.locator("summary", has_text="Menu").click()
    expect(ideas).to_be_hidden()
    page.locator("summary", has_text="Menu").click()
    ideas.click()
    assert page.url.endswith("/ideas/")


def test_on_a_wide_screen_every_link_shows_with_or_without_javascript(hub_server, browser):
    load_policies(stdout=_Sink())
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(hub_server.url + "/cookies/")
        expect(page.locator("summary", has_text="Menu")).to_be_hidden()
        expect(page.get_by_role("link", name="Ideas bank")).to_be_visible()
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_new_pages_have_no_axe_violations(hub_server, browser, width):
    load_policies(stdout=_Sink())
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in [*POLICY_PATHS, *VISITOR_PAGES.values()]:
        page.goto(hub_server.url + path)
        title = page.title()
        assert title.endswith(" — CCIN network hub") and len(title) > len(" — CCIN network hub")
        assert_accessible(page)


def test_a_form_with_errors_starts_with_a_summary_that_leads_to_each_field(hub_server, page):
    page.goto(hub_server.url + "/accounts/signup/")
    page.get_by_label("Full name").fill("Amira Khan")
    page.get_by_label("Email").fill("amira.khan@example.org")
    page.locator("#id_password1").fill("a-long-enough-passphrase")
    page.get_by_label("Password (again)").fill("a-different-passphrase")
    page.get_by_role("button", name="Sign up").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    first = summary.get_by_role("link").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("'#' + document.activeElement.id") == target
    assert_accessible(page)


class _Sink:
    def write(self, text):
        pass


def test_the_admin_works_under_its_own_policy(hub_server, browser, editor):
    load_policies(stdout=_Sink())
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    login(page, hub_server, editor.email)
    privacy = StandardPage.objects.get(slug="privacy")
    for path in ["/admin/", "/admin/pages/", f"/admin/pages/{privacy.pk}/edit/"]:
        page.goto(hub_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    assert [text for text in console if "Refused to" in text or "Content Security" in text] == []


def test_a_table_on_a_phone_names_its_columns_with_or_without_javascript(hub_server, browser):
    from ideasbank.models import Evidence, Visibility

    load_demo()
    idea = (
        Evidence.objects.filter(idea__visibility=Visibility.PUBLIC, idea__is_hidden=False)
        .select_related("idea")
        .first()
        .idea
    )
    for javascript in (False, True):
        context = phone(browser, 320, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(hub_server.url + idea.get_absolute_url())
        table = page.locator("#evidence table")
        head = table.get_by_role("columnheader", name="Where they stand")
        if javascript:
            # Stacked rows: the head is visually hidden and each cell carries its name.
            expect(table).to_have_attribute("data-stacked", "")
            expect(table.locator("td").first).to_have_attribute("data-label", "Where they stand")
        else:
            # Not stacked: the column heads stay on screen and the table scrolls in itself.
            # Not stacked: a row's cells sit side by side under their column heads.
            expect(head).to_be_visible()
            cells = table.locator("tbody tr").first.locator("td")
            assert cells.nth(0).bounding_box()["y"] == cells.nth(1).bounding_box()["y"]
            assert table.get_attribute("data-stacked") is None
        assert page.evaluate(OVERFLOW) <= 0
        context.close()
