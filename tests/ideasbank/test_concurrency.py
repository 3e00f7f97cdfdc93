"""Vote counts stay exact when many members vote at once (PostgreSQL, real threads)."""

import pytest

from ideasbank import services
from ideasbank.models import Idea, Vote
from tests import factories
from tests.concurrency import raised, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_members_voting_at_once_are_all_counted(settings):
    settings.HUB_POST_RATE = settings.HUB_VOTE_RATE = "10000/m"
    councils = [factories.OrganisationFactory() for _ in range(5)]
    voters = [factories.officer(councils[i % 5]) for i in range(50)]
    idea = services.idea_create(author=voters[0], title="Shared energy", summary="S")

    errors = raised(
        run_together(
            [lambda v=v: services.idea_vote_toggle(idea=idea, user=v, voted=True) for v in voters]
        )
    )

    assert errors == []
    idea = Idea.objects.get(pk=idea.pk)
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == 50
    assert idea.council_count == 5


def test_double_click_leaves_one_vote(settings, council):
    settings.HUB_POST_RATE = settings.HUB_VOTE_RATE = "10000/m"
    member = factories.officer(council)
    idea = services.idea_create(author=member, title="Shared energy", summary="S")

    errors = raised(
        run_together([lambda: services.idea_vote_toggle(idea=idea, user=member, voted=True)] * 2)
    )

    assert errors == []
    idea = Idea.objects.get(pk=idea.pk)
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == 1


def test_toggles_and_votes_mixed_at_once_keep_the_count_equal_to_the_votes(settings):
    settings.HUB_POST_RATE = settings.HUB_VOTE_RATE = "10000/m"
    council = factories.OrganisationFactory()
    voters = [factories.officer(council) for _ in range(20)]
    idea = services.idea_create(author=voters[0], title="Shared energy", summary="S")
    for v in voters[:10]:
        services.idea_vote_toggle(idea=idea, user=v, voted=True)

    # The first ten take their votes back while the other ten vote, twice each.
    errors = raised(
        run_together(
            [
                lambda v=v: services.idea_vote_toggle(idea=idea, user=v, voted=False)
                for v in voters[:10]
            ]
            + [
                lambda v=v: services.idea_vote_toggle(idea=idea, user=v, voted=True)
                for v in voters[10:]
                for _ in range(2)
            ]
        )
    )

    assert errors == []
    idea = Idea.objects.get(pk=idea.pk)
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == 10
    assert idea.council_count == 1
