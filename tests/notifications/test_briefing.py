"""The monthly briefing: one email per member per month, HTML and text, nothing they cannot open."""

import re
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from members.models import User
from notifications.models import BriefingSent

pytestmark = pytest.mark.django_db


_localdate = timezone.localdate


def next_month() -> date:
    today = _localdate()
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_each_member_gets_one_briefing_a_month_even_when_run_twice(demo, monkeypatch):
    from notifications import briefing

    monkeypatch.setattr(briefing.timezone, "localdate", next_month)
    call_command("send_monthly_briefing", stdout=StringIO())
    call_command("send_monthly_briefing", stdout=StringIO())
    members = User.objects.confirmed_members().exclude(email="")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(members.values_list("email", flat=True))
    assert BriefingSent.objects.count() == members.count()
    for message in mail.outbox:
        assert message.body and "Here is the network's month" in message.body
        ((html, mimetype),) = message.alternatives
        assert mimetype == "text/html" and "<html" in html
        assert "List-Unsubscribe" in message.extra_headers
        assert "127.0.0.1:8000!" not in message.body


def test_a_briefing_holds_only_what_its_member_may_open(demo, client, monkeypatch):
    from mentoring.models import Placement
    from notifications import briefing

    monkeypatch.setattr(briefing.timezone, "localdate", next_month)
    host = Placement.objects.select_related("host_council").first()
    draft = Placement.objects.create(
        host_council=host.host_council,
        host_officer=host.host_officer,
        title="A draft nobody else may see",
        description="Draft",
        closing_date=next_month().replace(year=next_month().year + 1),
        state=Placement.State.DRAFT,
    )
    briefing.send_monthly_briefing()
    site = settings.SITE_URL.rstrip("/")
    checked = 0
    for message in mail.outbox:
        user = User.objects.get(email=message.to[0])
        if user.organisation_id != draft.host_council_id and not user.is_superuser:
            assert draft.title not in message.body
        client.force_login(user)
        for path in set(re.findall(re.escape(site) + r"(/[^\s]*)", message.body)):
            if "/unsubscribe/" in path or "/members/account/" in path or path == "/":
                continue
            response = client.get(path, follow=True)
            assert response.status_code == 200, (user.email, path)
            checked += 1
    assert checked > 0


def test_editors_preview_the_briefing_in_the_admin(client, editor, officer):
    client.force_login(editor)
    response = client.get("/admin/briefing-preview/")
    assert response.status_code == 200
    assert b"Here is the network" in response.content
    client.force_login(officer)
    assert client.get("/admin/briefing-preview/").status_code in (302, 403)
