import io

import pytest

from forum import demo
from forum.models import Category, Post, Thread
from members import demo as members_demo
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_discussions_load_once_with_mentions():
    out = io.StringIO()
    members_demo.load(stdout=out)
    demo.load(stdout=out)
    counts = (Category.objects.count(), Thread.objects.count(), Post.objects.count())
    demo.load(stdout=out)
    assert (Category.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    assert counts[0] == 4 and counts[1] >= 4
    assert Notification.objects.filter(kind="forum.mention").exists()
    assert Category.objects.filter(visibility="members").exists()
