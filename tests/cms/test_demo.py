"""The demo library from the network's papers, with the Labs and Prototypes tied to their ideas."""

from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import BriefingPage, CaseStudyPage, PolicyLabPage, PolicyPrototypePage

pytestmark = pytest.mark.django_db


def test_the_demo_library_has_every_kind_of_item_and_linked_ideas():
    call_command("load_demo", stdout=StringIO())
    assert set(PolicyLabPage.objects.values_list("title", flat=True)) == {
        "Beyond Asset Transfer",
        "Housing Commission",
        "From Co-operative Councils to Co-operative Places",
    }
    assert PolicyPrototypePage.objects.count() == 3
    lab = PolicyLabPage.objects.get(slug="beyond-asset-transfer")
    assert [link.idea.title for link in lab.idea_links.all()] == [
        "Support for community groups after asset transfer"
    ]
    refugees = PolicyPrototypePage.objects.get(slug="prototype-welcoming-refugees")
    assert refugees.idea_links.count() == 1
    assert {"Young Lambeth Co-operative", "Oldham's Youth Council in the constitution"} <= set(
        CaseStudyPage.objects.values_list("title", flat=True)
    )
    briefing = BriefingPage.objects.get()
    assert briefing.get_view_restrictions().exists()
    # The ideas' links survive an editor's next edit: they are in the latest revision.
    latest = lab.get_latest_revision_as_object()
    assert [link.idea_id for link in latest.idea_links.all()] == [
        link.idea_id for link in lab.idea_links.all()
    ]
