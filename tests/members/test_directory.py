"""Council pages, the lead's edit page, profiles, the people finder and the map, by role."""

import json
import re

import pytest
from wagtail.models import ModelLogEntry

from ideasbank.models import Visibility
from ideasbank.services import evidence_record, idea_create
from members.models import Advocate, CouncilContact
from members.services import councils as council_services
from tests import factories
from tests.mentoring.conftest import make_placement

ROLES = ["visitor", "pending", "officer", "other_officer", "lead", "other_lead", "editor"]
SEES_CONTACTS = {"officer", "other_officer", "lead", "other_lead", "editor"}


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.HUB_POST_RATE = "10000/m"
    settings.HUB_VOTE_RATE = "10000/m"


@pytest.fixture
def people(council, other_council, pending, officer, other_officer, lead, other_lead, editor):
    return {
        "visitor": None,
        "pending": pending,
        "officer": officer,
        "other_officer": other_officer,
        "lead": lead,
        "other_lead": other_lead,
        "editor": editor,
    }


@pytest.fixture
def staffed(council, lead):
    council_services.council_contacts_set(
        actor=lead,
        organisation=council,
        contacts=[
            council_services.Person(
                name="Casey Contact",
                role="Head of co-operative policy",
                email="casey@oldham.gov.uk",
                phone="0161 770 0000",
            )
        ],
    )
    council_services.council_advocates_set(
        actor=lead,
        organisation=council,
        advocates=[
            council_services.Person(
                name="Avery Advocate", role="Energy lead", themes=["co-operative energy"]
            )
        ],
    )
    return council


@pytest.mark.parametrize("role", ROLES)
def test_contacts_and_advocates_are_for_confirmed_members_only(role, people, staffed, client_for):
    html = client_for(people[role]).get("/members/councils/oldham/").content.decode()
    shown = role in SEES_CONTACTS
    assert ("Casey Contact" in html) is shown
    assert ("0161 770 0000" in html) is shown
    assert ("Avery Advocate" in html) is shown
    assert ("Key contacts" in html) is shown


@pytest.mark.parametrize("role", ROLES)
def test_profiles_and_the_people_finder_are_for_members(role, people, officer, client_for):
    c = client_for(people[role])
    profile = c.get(f"/members/people/{officer.pk}/")
    finder = c.get("/members/people/")
    if role in SEES_CONTACTS:
        assert profile.status_code == 200
        assert finder.status_code == 200
        assert "Olu Officer" in finder.content.decode()
    else:
        assert profile.status_code in (302, 403)
        assert finder.status_code in (302, 403)
        assert "Olu Officer" not in profile.content.decode()


@pytest.mark.parametrize(
    "role,sees", [("officer", True), ("other_officer", False), ("lead", True), ("editor", True)]
)
def test_a_hidden_profile_is_seen_only_by_its_councils_leads_and_editors(
    role, sees, people, council, client_for
):
    hidden = factories.officer(council, name="Hana Hidden", profile_hidden=True)
    c = client_for(people[role])
    # The officer here is a member of the same council but not a lead: they do not see it.
    expected = sees and role != "officer"
    assert (c.get(f"/members/people/{hidden.pk}/").status_code == 200) is expected
    assert ("Hana Hidden" in c.get("/members/people/").content.decode()) is expected
    assert ("Hana Hidden" in c.get("/members/councils/oldham/").content.decode()) is expected


def test_a_member_sees_their_own_hidden_profile(council, client_for):
    me = factories.officer(council, name="Hana Hidden", profile_hidden=True)
    assert client_for(me).get(f"/members/people/{me.pk}/").status_code == 200


def test_a_member_hides_their_profile_from_the_account_page(client_for, officer, other_officer):
    client_for(officer).post(
        "/members/account/",
        {
            "name": "Olu Officer",
            "job_title": "",
            "bio": "",
            "expertise": "",
            "email_frequency": "daily",
            "profile_hidden": "on",
        },
    )
    officer.refresh_from_db()
    assert officer.profile_hidden
    assert client_for(other_officer).get(f"/members/people/{officer.pk}/").status_code == 404


@pytest.mark.parametrize(
    "role,status",
    [
        ("visitor", 302),
        ("pending", 403),
        ("officer", 403),
        ("other_officer", 403),
        ("other_lead", 403),
        ("lead", 200),
        ("editor", 200),
    ],
)
def test_only_the_councils_leads_and_editors_open_its_edit_page(role, status, people, client_for):
    assert client_for(people[role]).get("/members/councils/oldham/edit/").status_code == status


def edit_form(**overrides):
    data = {
        "summary": "Co-operative energy and commissioning.",
        "website": "https://www.oldham.gov.uk",
        "approaches": "We **co-produce** services.",
        "themes": "co-operative energy, social value",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "30",
        "contacts-0-name": "Dana Director",
        "contacts-0-role": "Director of policy",
        "contacts-0-email": "dana@oldham.gov.uk",
        "contacts-0-phone": "0161 000 1111",
        "contacts-1-name": "Eli Officer",
        "contacts-1-role": "",
        "contacts-1-email": "",
        "contacts-1-phone": "",
        "advocates-TOTAL_FORMS": "1",
        "advocates-INITIAL_FORMS": "0",
        "advocates-MIN_NUM_FORMS": "0",
        "advocates-MAX_NUM_FORMS": "30",
        "advocates-0-name": "Sam Advocate",
        "advocates-0-role": "Energy",
        "advocates-0-email": "",
        "advocates-0-themes": "community energy, housing",
    }
    data.update(overrides)
    return data


def test_a_lead_edits_their_councils_profile_contacts_and_advocates(council, lead, client_for):
    response = client_for(lead).post("/members/councils/oldham/edit/", edit_form())
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.summary == "Co-operative energy and commissioning."
    assert sorted(t.name for t in council.approach_themes.all()) == [
        "co-operative energy",
        "social value",
    ]
    assert [c.name for c in council.contacts.all()] == ["Dana Director", "Eli Officer"]
    (advocate,) = Advocate.objects.filter(organisation=council)
    assert sorted(t.name for t in advocate.themes.all()) == ["community energy", "housing"]
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(council.pk), user=lead).values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "members.council_profile",
        "members.council_contacts",
        "members.council_advocates",
    }


def test_deleting_a_contact_removes_it(council, lead, client_for):
    c = client_for(lead)
    c.post("/members/councils/oldham/edit/", edit_form())
    c.post("/members/councils/oldham/edit/", edit_form(**{"contacts-1-DELETE": "on"}))
    assert [c.name for c in council.contacts.all()] == ["Dana Director"]


@pytest.mark.parametrize("role", ["officer", "other_officer", "other_lead", "pending"])
def test_no_one_else_edits_a_councils_page_by_post(role, people, council, client_for):
    response = client_for(people[role]).post("/members/councils/oldham/edit/", edit_form())
    assert response.status_code == 403
    council.refresh_from_db()
    assert council.summary == ""
    assert not CouncilContact.objects.filter(organisation=council).exists()


def test_another_councils_lead_is_refused_by_the_service_too(council, other_lead):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        council_services.council_contacts_set(actor=other_lead, organisation=council, contacts=[])


def test_bad_input_on_the_edit_page_saves_nothing(council, lead, client_for):
    response = client_for(lead).post(
        "/members/councils/oldham/edit/",
        edit_form(**{"contacts-0-email": "not an email", "themes": "x" * 60}),
    )
    assert response.status_code == 400
    assert not CouncilContact.objects.filter(organisation=council).exists()


def test_a_council_page_lists_what_the_reader_may_open(
    council, officer, lead, client_for, other_officer
):
    public = idea_create(author=officer, title="Public energy idea", summary="Shared solar.")
    private = idea_create(
        author=officer,
        title="Members-only procurement pilot",
        summary="Buying together.",
        visibility=Visibility.MEMBERS,
    )
    evidence_record(idea=public, actor=officer, status="piloting")
    make_placement(lead, officer, title="Shadow our energy team")
    visitor = client_for(None).get("/members/councils/oldham/").content.decode()
    member = client_for(other_officer).get("/members/councils/oldham/").content.decode()
    assert "Public energy idea" in visitor
    assert private.title not in visitor
    assert "Shadow our energy team" not in visitor
    assert private.title in member
    assert "Shadow our energy team" in member


def _fill(council, lead, n):
    for i in range(n):
        person = factories.officer(council, name=f"Person {i}")
        person.expertise.add(f"theme {i}")
        idea = idea_create(author=person, title=f"Idea number {i}", summary="A summary.")
        evidence_record(idea=idea, actor=person, status="done")
    council_services.council_advocates_set(
        actor=lead,
        organisation=council,
        advocates=[
            council_services.Person(name=f"Advocate {i}", themes=[f"area {i}"]) for i in range(n)
        ],
    )
    council_services.council_contacts_set(
        actor=lead,
        organisation=council,
        contacts=[council_services.Person(name=f"Contact {i}") for i in range(n)],
    )


@pytest.mark.parametrize(
    "path",
    [
        "/members/councils/",
        "/members/councils/oldham/",
        "/members/people/",
        "/members/councils/map/",
        "/members/people/{officer}/",
    ],
)
def test_query_counts_do_not_grow_with_the_data(
    path, council, lead, other_officer, client_for, django_assert_max_num_queries
):
    council.latitude, council.longitude = 53.54, -2.11
    council.save()
    c = client_for(other_officer)
    path = path.format(officer=lead.pk)
    _fill(council, lead, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert c.get(path).status_code == 200
    _fill(council, lead, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(path).status_code == 200


def test_the_people_finder_filters_by_theme_council_and_text(
    council, other_council, officer, other_officer, client_for
):
    officer.expertise.add("community energy")
    other_officer.bio = "I run our asset transfer programme."
    other_officer.save()
    c = client_for(officer)
    by_theme = c.get("/members/people/?theme=community-energy").content.decode()
    assert "Olu Officer" in by_theme and "Leah Officer" not in by_theme
    by_council = c.get("/members/people/?council=lambeth").content.decode()
    assert "Leah Officer" in by_council and "Olu Officer" not in by_council
    by_text = c.get("/members/people/?q=asset+transfer").content.decode()
    assert "Leah Officer" in by_text and "Olu Officer" not in by_text


def test_the_map_page_lists_councils_and_filters_by_region_and_approach(
    council, other_council, lead, client_for
):
    council.latitude, council.longitude = 53.54, -2.11
    council.save()
    other_council.region = "london"
    other_council.save()
    council_services.council_profile_update(
        actor=lead,
        organisation=council,
        summary="",
        approaches="",
        website="",
        themes="co-operative energy",
    )
    c = client_for(None)
    everything = c.get("/members/councils/map/").content.decode()
    assert "Oldham Council" in everything and "Lambeth Council" in everything
    london = c.get("/members/councils/map/?region=london").content.decode()
    assert "Lambeth Council" in london and "Oldham Council" not in london
    energy = c.get("/members/councils/map/?approach=co-operative-energy").content.decode()
    assert "Oldham Council" in energy and "Lambeth Council" not in energy
    data = re.search(
        r'<script id="council-map-data" type="application/json">(.*?)</script>', energy, re.S
    ).group(1)
    (entry,) = json.loads(data)
    assert entry["lat"] == 53.54 and entry["approaches"] == ["co-operative energy"]


def test_the_map_page_asks_nothing_of_another_site_by_default(council, client_for):
    html = client_for(None).get("/members/councils/map/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []
    assert 'data-tile-url=""' in html
    assert "<script>" not in html  # no inline script (CSP script-src 'self')


def test_a_tile_server_is_offered_to_the_script_when_configured(settings, council, client_for):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client_for(None).get("/members/councils/map/").content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html


def test_person_link_links_for_members_only(officer, client_for):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    template = Template("{% load members_tags %}{% person_link person %}")
    request = RequestFactory().get("/")
    request.user = officer
    linked = template.render(Context({"request": request, "person": officer}))
    assert f'href="/members/people/{officer.pk}/"' in linked
    request.user = AnonymousUser()
    plain = template.render(Context({"request": request, "person": officer}))
    assert plain == "Olu Officer"
    assert template.render(Context({"request": request, "person": None})) == "a former member"


def test_the_demo_gives_councils_contacts_advocates_and_approaches(db):
    from members import demo

    class Out:
        def write(self, *args):
            pass

    demo.load(stdout=Out())
    demo.load(stdout=Out())  # twice: still one set
    from members.models import Organisation

    oldham = Organisation.objects.get(slug="oldham")
    assert [c.name for c in oldham.contacts.all()] == ["Helen Brierley"]
    assert [a.name for a in Advocate.objects.filter(organisation=oldham)] == [
        "Olu Officer",
        "Jo Lead",
    ]
    assert "co-operative energy" in [t.name for t in oldham.approach_themes.all()]


def test_an_editor_opens_a_council_with_contacts_and_advocates_in_the_admin(
    staffed, editor, client_for
):
    response = client_for(editor).get(f"/admin/snippets/members/organisation/edit/{staffed.pk}/")
    assert response.status_code == 200
    assert "Casey Contact" in response.content.decode()


def test_the_maps_live_examples_are_only_what_the_reader_may_open(
    council, officer, other_officer, client_for
):
    council.latitude, council.longitude = 53.54, -2.11
    council.save()
    public = idea_create(author=officer, title="Solar on school roofs", summary="Shared solar.")
    private = idea_create(
        author=officer,
        title="Members-only energy pilot",
        summary="Buying together.",
        visibility=Visibility.MEMBERS,
    )
    evidence_record(idea=public, actor=officer, status="piloting")
    evidence_record(idea=private, actor=officer, status="done")
    evidence_record(
        idea=idea_create(author=officer, title="Just interested", summary="Maybe."),
        actor=officer,
        status="interested",
    )

    def examples(user):
        html = client_for(user).get("/members/councils/map/").content.decode()
        data = re.search(r'id="council-map-data" type="application/json">(.*?)</script>', html)
        (entry,) = [e for e in json.loads(data.group(1)) if e["slug"] == "oldham"]
        return sorted(e["title"] for e in entry["examples"])

    assert examples(None) == ["Solar on school roofs"]
    assert examples(other_officer) == ["Members-only energy pilot", "Solar on school roofs"]
