"""The demo-data command fills an empty site and is safe to run twice."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from members.models import Organisation


def test_load_demo_twice_duplicates_nothing(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "co-operate-2026" in out and "lead@oldham.gov.uk" in out
    User = get_user_model()
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Organisation.objects.count()) == counts
    assert Organisation.objects.councils().filter(slug="plymouth").exists()
    assert User.objects.get(email="pending@example.org").status == "pending"
