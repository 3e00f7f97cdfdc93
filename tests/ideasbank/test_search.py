"""Ideas in the hub-wide search: members-only ideas never reach visitors or pending members."""

import pytest


@pytest.fixture
def two_ideas(make_idea, officer):
    public = make_idea(officer, title="Community energy co-operatives", visibility="public")
    private = make_idea(officer, title="Community energy tariffs for members", visibility="members")
    return public, private


@pytest.mark.parametrize(
    "role,sees_private", [("visitor", False), ("pending", False), ("other_officer", True)]
)
def test_site_search_shows_ideas_by_visibility(
    role, sees_private, two_ideas, client_for, pending, other_officer
):
    user = {"visitor": None, "pending": pending, "other_officer": other_officer}[role]
    html = client_for(user).get("/search/", {"q": "community energy"}).content.decode()
    assert "Community energy co-operatives" in html
    assert ("tariffs for members" in html) is sees_private


def test_hidden_ideas_are_left_out_for_members(two_ideas, client_for, other_officer):
    public, _ = two_ideas
    public.is_hidden = True
    public.save(update_fields=["is_hidden"])
    html = client_for(other_officer).get("/search/", {"q": "community energy"}).content.decode()
    assert "Community energy co-operatives" not in html
