"""A busy member and a neighbour, built through each app's own services."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from forum.services.posts import post_create
from forum.services.threads import thread_create
from ideasbank.services.comments import comment_create
from ideasbank.services.ideas import idea_create
from ideasbank.services.votes import idea_vote_toggle
from mentoring.services.applications import application_submit
from mentoring.services.placements import PlacementDetails, placement_create
from tests import factories
from tests.forum.factories import CategoryFactory

NAME = "Zelda Quimby-Farthing"
EMAIL = "zelda.quimby@lambeth.gov.uk"


def _details(host, title):
    today = timezone.localdate()
    return PlacementDetails(
        title=title,
        description="Spend two days with the team.",
        host_officer=host,
        themes=["social value"],
        format="in-person",
        place="Town hall",
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=21),
        places=2,
        closing_date=today + timedelta(days=10),
    )


@dataclass
class World:
    zelda: object
    olu: object
    jo: object
    zelda_idea: object
    olu_idea: object
    thread: object
    olu_reply: object
    zelda_placement: object
    oldham_placement: object
    zelda_application: object
    olu_application: object


def build_world(settings, lambeth, oldham) -> World:
    settings.HUB_POST_RATE = "1000/m"
    settings.HUB_VOTE_RATE = "1000/m"
    zelda = factories.council_lead(lambeth, name=NAME, email=EMAIL, bio="I run Lambeth's co-ops.")
    zelda.expertise.add("co-operative energy")
    olu = factories.officer(oldham, name="Olu Officer", email="olu.officer@oldham.gov.uk")
    jo = factories.council_lead(oldham, name="Jo Lead", email="jo.lead@oldham.gov.uk")

    zelda_idea = idea_create(
        author=zelda, title="Lambeth energy co-operative", summary="Solar on every school roof."
    )
    olu_idea = idea_create(
        author=olu, title="Oldham food hubs", summary="Community pantries run by residents."
    )
    idea_vote_toggle(idea=olu_idea, user=zelda)
    idea_vote_toggle(idea=zelda_idea, user=olu)
    comment_create(idea=olu_idea, author=zelda, body="We tried this in Brixton; it worked.")
    comment_create(idea=zelda_idea, author=olu, body="Which schools signed up first?")

    category = CategoryFactory(name="Energy", slug="energy")
    thread = thread_create(
        category=category,
        author=zelda,
        title="Setting up a solar co-op",
        body="Here is how Lambeth began its solar co-operative.",
    ).thread
    olu_reply = post_create(
        thread=thread, author=olu, body=f"Thanks @{NAME}, we will copy the model."
    ).post

    zelda_placement = placement_create(
        actor=zelda, details=_details(zelda, "Lambeth co-op development week")
    )
    oldham_placement = placement_create(actor=jo, details=_details(olu, "Oldham food hub days"))
    zelda_application = application_submit(
        placement=oldham_placement, applicant=zelda, statement="I want to learn about food hubs."
    )
    olu_application = application_submit(
        placement=zelda_placement, applicant=olu, statement="Olu's reasons to visit Lambeth."
    )
    return World(
        zelda=zelda,
        olu=olu,
        jo=jo,
        zelda_idea=zelda_idea,
        olu_idea=olu_idea,
        thread=thread,
        olu_reply=olu_reply,
        zelda_placement=zelda_placement,
        oldham_placement=oldham_placement,
        zelda_application=zelda_application,
        olu_application=olu_application,
    )
