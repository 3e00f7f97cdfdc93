"""htmx's CSRF header comes from a valid attribute (data-hx-headers), only on a member's pages."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

BODY = re.compile(r"<body([^>]*)>")


def test_a_members_page_gives_htmx_the_token_in_data_hx_headers(officer):
    from ideasbank.models import Vote
    from ideasbank.services import idea_create
    from tests.factories import officer as make_officer

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    body = BODY.search(client.get("/ideas/").content.decode())[1]
    assert " hx-headers=" not in body  # the Nu checker refuses hx-* attributes
    headers = json.loads(re.search(r"data-hx-headers='([^']+)'", body)[1])
    token = headers["X-CSRFToken"]
    assert token

    # The header alone, as htmx sends it, passes Django's CSRF check.
    author = make_officer(officer.organisation, name="Ada Author")
    idea = idea_create(author=author, title="Shared solar", summary="Panels.", themes="energy")
    response = client.post(
        reverse("ideasbank:vote", args=[idea.pk]),
        {"voted": "1"},
        HTTP_X_CSRFTOKEN=token,
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Vote.objects.filter(idea=idea, user=officer).exists()


def test_a_visitors_page_carries_no_token(client):
    response = client.get("/ideas/")
    body = BODY.search(response.content.decode())[1]
    assert "hx-headers" not in body
    assert "csrftoken" not in response.cookies
