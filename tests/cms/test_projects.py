"""Policy Labs and Prototypes and the ideas bank, linked both ways, for what each reader may see."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from cms.demo import home_page
from cms.models import PolicyLabPage, PolicyPrototypePage, ProjectIdea, ProjectUpdate
from ideasbank.models import Idea
from tests.cms.helpers import child, library_index

pytestmark = pytest.mark.django_db


def _idea(officer, title, **fields):
    now = timezone.now()
    return Idea.objects.create(
        title=title,
        summary="s",
        author=officer,
        council=officer.organisation,
        created_at=now,
        updated_at=now,
        **fields,
    )


@pytest.fixture
def project(db, officer, council, other_council):
    home_page()
    public_idea = _idea(officer, "Tenants own the solar panels")
    members_idea = _idea(officer, "Members-only idea", visibility="members")
    lab = child(
        library_index(),
        PolicyLabPage,
        title="Beyond Asset Transfer",
        summary="After the transfer.",
        lead_council=council,
        partner_councils=[other_council],
        year=2016,
        idea_links=[ProjectIdea(idea=public_idea), ProjectIdea(idea=members_idea)],
        updates=[
            ProjectUpdate(date="2016-01-01", text="<p>Started.</p>"),
            ProjectUpdate(date="2016-06-01", text="<p>Reported.</p>"),
        ],
    )
    return lab


def test_the_project_page_lists_its_ideas_partners_and_dated_updates(client, project):
    html = client.get(project.url).content.decode()
    assert "Tenants own the solar panels" in html
    assert "Members-only idea" not in html
    assert "Lambeth Council" in html and "Oldham Council" in html
    assert html.index("1 June 2016") < html.index("1 January 2016")


def test_members_see_members_only_ideas_on_it(client_for, officer, project):
    assert "Members-only idea" in client_for(officer).get(project.url).content.decode()


def test_an_idea_naming_the_project_as_its_page_is_listed_too(client, officer, project):
    _idea(officer, "Support after asset transfer", project_page=project)
    assert "Support after asset transfer" in client.get(project.url).content.decode()


def _render_idea_projects(user, idea):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load cms_tags %}{% idea_projects idea %}")
    return template.render(Context({"request": request, "idea": idea}))


def test_the_idea_page_shows_the_projects_it_grew_into(project, officer):
    from django.contrib.auth.models import AnonymousUser

    idea = Idea.objects.get(title="Tenants own the solar panels")
    prototype = child(
        library_index(),
        PolicyPrototypePage,
        title="Solar prototype",
        summary="s",
        idea_links=[ProjectIdea(idea=idea)],
        restricted=True,
    )
    visitor_html = _render_idea_projects(AnonymousUser(), idea)
    assert "Beyond Asset Transfer" in visitor_html and "Policy Lab" in visitor_html
    assert prototype.title not in visitor_html
    assert prototype.title in _render_idea_projects(officer, idea)


def test_no_projects_no_message(project):
    from django.contrib.auth.models import AnonymousUser

    lonely = Idea.objects.create(
        title="Lonely", summary="s", created_at=timezone.now(), updated_at=timezone.now()
    )
    assert _render_idea_projects(AnonymousUser(), lonely).strip() == ""


def test_the_idea_page_links_its_lab(client, project):
    idea = Idea.objects.get(title="Tenants own the solar panels")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert f'<a href="{project.url}">Beyond Asset Transfer</a>' in html
