import pytest
from wagtail.models import Site

from cms.demo import home_page


@pytest.fixture
def home(db):
    return home_page()


def test_home_page_is_the_site_root_and_renders(client, home):
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    response = client.get("/")
    assert response.status_code == 200
    assert b"Co-operative Councils Innovation Network" in response.content
    assert b'href="#main"' in response.content


def test_home_page_shows_the_primary_navigation(client, home):
    html = client.get("/").content.decode()
    for label in [
        "Ideas bank",
        "Discussions",
        "Liveblogs",
        "Shadowing and mentoring",
        "Councils",
        "Library",
        "Events",
    ]:
        assert f">{label}</a>" in html
