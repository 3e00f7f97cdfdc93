import pytest

from cms.demo import home_page
from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_home_page_has_no_axe_violations(hub_server, page):
    home_page()
    page.goto(hub_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)
