"""Members-only pages (Wagtail's sign-in restriction) are for confirmed members only."""

import pytest
from wagtail.models import PageViewRestriction

from cms.demo import load
from cms.models import LibraryIndexPage, StandardPage


class Quiet:
    def write(self, *args):
        pass


@pytest.fixture
def briefing(db, council):
    load(stdout=Quiet())
    library = LibraryIndexPage.objects.get()
    page = StandardPage(
        title="Monthly briefing: November", slug="briefing-november", body="<p>SECRETBRIEF</p>"
    )
    library.add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_visitors_are_sent_to_sign_in(client, briefing):
    response = client.get(briefing.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["pending", "refused"])
def test_signed_in_people_who_are_not_confirmed_are_refused(role, client_for, briefing, pending):
    pending.status = role
    pending.save()
    response = client_for(pending).get(briefing.url)
    assert response.status_code == 403
    assert b"SECRETBRIEF" not in response.content


@pytest.mark.parametrize("role", ["officer", "editor"])
def test_confirmed_members_read_it(role, client_for, briefing, officer, editor):
    user = {"officer": officer, "editor": editor}[role]
    response = client_for(user).get(briefing.url)
    assert response.status_code == 200
    assert b"SECRETBRIEF" in response.content


def test_the_library_lists_members_only_items_for_members_only(
    client_for, briefing, officer, pending
):
    assert b"Monthly briefing" in client_for(officer).get("/library/").content
    assert b"Monthly briefing" not in client_for(pending).get("/library/").content
    assert b"Monthly briefing" not in client_for(None).get("/library/").content
