"""What every signed-in page pays for roles: looked up once, counted again when they change."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from members import permissions
from members.permissions import COUNCIL_LEADS, MODERATORS

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads them."""
    return get_user_model().objects.get(pk=user.pk)


def test_roles_are_read_from_the_cache_on_the_next_request(lead, django_assert_num_queries):
    assert permissions.is_council_lead(fresh(lead))
    next_request = fresh(lead)
    with django_assert_num_queries(0):
        assert permissions.group_names(next_request) == {COUNCIL_LEADS}
        assert permissions.can_review_members(next_request)


def test_joining_and_leaving_a_group_counts_at_once(officer):
    assert not permissions.is_moderator(fresh(officer))
    officer.groups.add(Group.objects.get(name=MODERATORS))
    assert permissions.is_moderator(fresh(officer))
    Group.objects.get(name=MODERATORS).user_set.remove(officer)
    assert not permissions.is_moderator(fresh(officer))
    officer.groups.set([Group.objects.get(name=COUNCIL_LEADS)])
    assert permissions.is_council_lead(fresh(officer))
    officer.groups.clear()
    assert not permissions.is_council_lead(fresh(officer))


def test_a_renamed_or_deleted_group_counts_at_once(officer):
    group = Group.objects.create(name="Reviewers")
    officer.groups.add(group)
    assert permissions.group_names(fresh(officer)) == {"Reviewers"}
    group.name = "Council reviewers"
    group.save()
    assert permissions.group_names(fresh(officer)) == {"Council reviewers"}
    group.delete()
    assert permissions.group_names(fresh(officer)) == frozenset()


def test_a_read_that_raced_a_change_is_never_used(officer, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    assert permissions.group_names(fresh(officer)) == frozenset()
    version = cache.get(permissions.ROLES_VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        officer.groups.add(Group.objects.get(name=MODERATORS))
    # A request that read the old version stores its old answer only now.
    cache.set(f"members:groups:{officer.pk}", (version, frozenset()))
    assert permissions.is_moderator(fresh(officer))
