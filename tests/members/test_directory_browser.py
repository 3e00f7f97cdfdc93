"""The map by keyboard with no request leaving the site, a lead's edit, and axe on each page."""

import pytest
from playwright.sync_api import expect

from cms.demo import home_page
from members.services import councils as council_services
from tests import factories
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture
def network(transactional_db):
    home_page()
    oldham = factories.OrganisationFactory(
        name="Oldham Council", slug="oldham", latitude=53.5409, longitude=-2.1114
    )
    lambeth = factories.OrganisationFactory(
        name="Lambeth Council",
        slug="lambeth",
        region="london",
        latitude=51.4607,
        longitude=-0.1163,
    )
    lead = factories.council_lead(oldham, name="Jo Lead", email="lead@oldham.gov.uk")
    officer = factories.officer(lambeth, name="Leah Officer", email="officer@lambeth.gov.uk")
    officer.expertise.add("co-operative commissioning")
    council_services.council_profile_update(
        actor=lead,
        organisation=oldham,
        summary="Hosts the network.",
        approaches="A **Youth Council** with full rights.",
        website="",
        themes="co-operative energy, social value",
    )
    council_services.council_contacts_set(
        actor=lead,
        organisation=oldham,
        contacts=[council_services.Person(name="Helen Brierley", role="Head of Strategy")],
    )
    return {"oldham": oldham, "lambeth": lambeth, "lead": lead, "officer": officer}


def test_a_member_finds_a_council_on_the_map_by_keyboard(hub_server, page, network):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    login(page, hub_server, "officer@lambeth.gov.uk")
    page.goto(hub_server.url + "/members/councils/map/")
    marker = page.get_by_role("button", name="Oldham Council: show its approaches")
    expect(marker).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)

    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("Oldham Council"):
            break
    else:
        pytest.fail("Tab never reached the Oldham marker")
    page.keyboard.press("Enter")

    detail = page.locator("#council-map-detail")
    expect(detail).to_contain_text("Oldham Council")
    expect(detail).to_contain_text("co-operative energy")
    expect(detail.get_by_role("link", name="Oldham Council")).to_be_visible()
    assert_accessible(page)

    assert requests
    outside = [url for url in requests if not url.startswith("http://127.0.0.1:")]
    assert outside == []
    assert any(url.endswith("/static/data/uk.geojson") for url in requests)


def test_a_lead_edits_their_councils_contacts(hub_server, page, network):
    login(page, hub_server, "lead@oldham.gov.uk")
    page.goto(hub_server.url + "/members/councils/oldham/")
    page.get_by_role("link", name="Edit this council's page, contacts and advocates").click()
    assert_accessible(page)
    page.locator("#id_contacts-0-role").fill("Head of Strategy and Partnerships")
    page.locator("#id_contacts-1-name").fill("Graham Mason")
    page.locator("#id_contacts-1-phone").fill("0161 770 3000")
    page.locator("#id_advocates-0-name").fill("Jo Lead")
    page.locator("#id_advocates-0-themes").fill("social value")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(hub_server.url + "/members/councils/oldham/")
    contacts = page.locator("section", has=page.get_by_role("heading", name="Key contacts"))
    expect(contacts).to_contain_text("Head of Strategy and Partnerships")
    expect(contacts).to_contain_text("Graham Mason")
    expect(page.get_by_text("0161 770 3000")).to_be_visible()


def test_directory_council_page_and_profile_have_no_axe_violations(hub_server, page, network):
    login(page, hub_server, "lead@oldham.gov.uk")
    for path in [
        "/members/councils/",
        "/members/councils/oldham/",
        f"/members/people/{network['officer'].pk}/",
        "/members/people/?theme=co-operative-commissioning",
    ]:
        page.goto(hub_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
