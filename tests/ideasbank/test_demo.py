import io

import pytest

from ideasbank.models import Idea

pytestmark = pytest.mark.django_db


def test_demo_loads_ideas_once():
    from cms import demo as cms_demo
    from ideasbank import demo
    from members import demo as members_demo

    out = io.StringIO()
    members_demo.load(stdout=out)
    cms_demo.load(stdout=out)
    demo.load(stdout=out)
    count = Idea.objects.count()
    assert count == 9
    original = Idea.objects.get(title="Tenants as shareholders in rooftop solar")
    assert original.vote_count == 7 and original.council_count == 5
    demo.load(stdout=out)
    assert Idea.objects.count() == count
