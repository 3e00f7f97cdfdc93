"""Download my data: everything about the member, and nothing of anyone else's."""

import io
import json
import zipfile

import pytest
from django.apps import apps

from accounts import personal_data
from accounts.services.export import build_archive, collect
from forum.models import Post
from ideasbank.models import Comment, Vote
from tests.accounts.data import EMAIL, NAME, build_world

pytestmark = pytest.mark.django_db


def _notification_model():
    for label in ("notifications.Notification", "core.Notification"):
        try:
            return apps.get_model(label)
        except LookupError:
            continue


@pytest.fixture
def world(settings, other_council, council):
    return build_world(settings, other_council, council)


def _ids(data, key):
    return {row["id"] for row in data["sections"][key]["rows"]}


def test_export_holds_each_kind_of_thing_the_member_wrote(world):
    data = collect(world.zelda)
    zelda = world.zelda
    assert data["profile"]["name"] == NAME
    assert data["profile"]["email"] == EMAIL
    assert data["profile"]["themes_of_expertise"] == ["co-operative energy"]
    assert data["membership"]["organisation"] == "Lambeth Council"
    assert data["email_preferences"]["notification_email"]

    assert _ids(data, "ideas") == {world.zelda_idea.pk}
    assert _ids(data, "idea_votes") == set(
        Vote.objects.filter(user=zelda).values_list("pk", flat=True)
    )
    assert _ids(data, "idea_votes") and all(
        row["idea_id"] == world.olu_idea.pk for row in data["sections"]["idea_votes"]["rows"]
    )
    assert _ids(data, "idea_comments") == set(
        Comment.objects.filter(author=zelda).values_list("pk", flat=True)
    )
    assert _ids(data, "threads") == {world.thread.pk}
    assert _ids(data, "posts") == set(
        Post.objects.filter(author=zelda).values_list("pk", flat=True)
    )
    assert world.olu_reply.pk not in _ids(data, "posts")
    assert _ids(data, "placements") == {world.zelda_placement.pk}
    assert _ids(data, "applications") == {world.zelda_application.pk}
    Notification = _notification_model()
    mine = set(Notification.objects.filter(recipient=zelda).values_list("pk", flat=True))
    assert mine, "the member should have notifications to export"
    assert _ids(data, "notifications") == mine


def test_export_holds_nothing_of_anyone_elses(world):
    data = collect(world.zelda)
    text = json.dumps(data)
    olu = world.olu
    assert olu.email not in text
    assert world.jo.email not in text
    assert "Olu's reasons to visit Lambeth." not in text  # Olu's application statement
    assert "Which schools signed up first?" not in text  # Olu's comment
    assert world.olu_idea.pk not in _ids(data, "ideas")
    assert world.olu_application.pk not in _ids(data, "applications")
    Notification = _notification_model()
    theirs = set(Notification.objects.exclude(recipient=world.zelda).values_list("pk", flat=True))
    assert not theirs & _ids(data, "notifications")
    # Other people appear only as ids of things, never as people.
    for section in data["sections"].values():
        for row in section["rows"]:
            for key, value in row.items():
                assert value != olu.pk or not key.endswith(("user", "author", "applicant")), key


def test_archive_is_a_zip_of_json_and_a_readable_summary(world):
    from django.utils import timezone

    archive = zipfile.ZipFile(io.BytesIO(build_archive(world.zelda, prepared_at=timezone.now())))
    assert sorted(archive.namelist()) == ["data.json", "summary.html"]
    data = json.loads(archive.read("data.json"))
    assert data["sections"]["ideas"]["rows"][0]["title"] == "Lambeth energy co-operative"
    summary = archive.read("summary.html").decode()
    assert NAME in summary
    assert "Lambeth energy co-operative" in summary
    assert "Setting up a solar co-op" in summary
    assert "Lambeth co-op development week" in summary


def test_derived_html_and_secrets_are_left_out(world):
    from mentoring.services.calendar import calendar_feed_for

    feed = calendar_feed_for(user=world.zelda)
    data = collect(world.zelda)
    text = json.dumps(data)
    assert "body_html" not in text
    assert feed.token not in text


def test_a_link_to_a_person_that_no_section_reads_is_exported_as_other_records(monkeypatch, world):
    sections = [s for s in personal_data.SECTIONS if s.key != "idea_votes"]
    monkeypatch.setattr(personal_data, "SECTIONS", sections)
    other = {s.key for s in personal_data.other_sections()}
    assert "other:ideasbank.Vote" in other
    data = collect(world.zelda)
    assert data["sections"]["other:ideasbank.Vote"]["rows"]


def test_every_link_to_a_person_is_exported_or_left_out_for_a_stated_reason():
    covered = personal_data.covered_links()
    others = {
        f"{s.models[0]}.{owner}" for s in personal_data.other_sections() for owner in s.owners
    }
    for model, field in personal_data.user_links():
        key = f"{model._meta.label}.{field.name}"
        assert key in covered | others | set(personal_data.NOT_EXPORTED), key
