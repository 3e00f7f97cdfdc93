"""The demo command loads under the production posting limits (make run uses them)."""

from io import StringIO

import pytest
from django.core.management import call_command

from ideasbank.models import Idea


@pytest.mark.django_db
def test_load_demo_succeeds_with_the_default_interval_between_posts(settings):
    settings.HUB_POST_INTERVAL = 5
    settings.HUB_POST_RATE = "10/m"
    call_command("load_demo", stdout=StringIO())
    assert Idea.objects.count() > 5
