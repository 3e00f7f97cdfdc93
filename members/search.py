"""Councils, affiliates and people in the hub's search.

Councils are public. People are members' profiles, drawn only from the profiles
the reader may open (``User.objects.profiles_visible_to``): a visitor finds no
one, and a hidden profile only its council's leads and network editors.

A profile is indexed when it is written: on every save that changes an indexed
field (name, job title, bio, council, status) and when its themes of expertise
change (core.search.connect_tag_reindexing); not on the many saves that only
touch the last sign-in.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index

from core.search import SearchHit, SearchSource, ranked
from members.models import Organisation

User = get_user_model()
# A save touching none of these leaves the person's index entry as it was.
PROFILE_FIELDS = frozenset({"name", "job_title", "bio", "organisation", "status", "is_active"})


def organisation_hit(organisation) -> SearchHit:
    kind = "Council" if organisation.is_council else "Affiliate"
    return SearchHit(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        kind=kind,
        summary=organisation.summary,
    )


def person_hit(person) -> SearchHit:
    council = person.organisation.name if person.organisation_id else ""
    return SearchHit(
        title=person.name or "A member",
        url=person.get_absolute_url(),
        kind="Person",
        summary=" · ".join(part for part in (person.job_title, council) if part),
    )


def organisations_source(user) -> SearchSource:
    return SearchSource(
        key="councils",
        label="Councils and affiliates",
        queryset=Organisation.objects.all(),
        hit=organisation_hit,
    )


def visible_people(user):
    return User.objects.profiles_visible_to(user).select_related("organisation")


def people_source(user) -> SearchSource:
    return SearchSource(key="people", label="People", queryset=visible_people(user), hit=person_hit)


def search_organisations(user, query: str, limit: int) -> list[SearchHit]:
    return [organisation_hit(o) for o in ranked(Organisation.objects.all(), query, limit=limit)]


def search_people(user, query: str, limit: int) -> list[SearchHit]:
    return [person_hit(p) for p in ranked(visible_people(user), query, limit=limit)]


@receiver(post_save, sender=User, dispatch_uid="members.search.index_profile")
def index_profile(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not PROFILE_FIELDS & set(update_fields)):
        return
    index.insert_or_update_object(instance)


@receiver(post_delete, sender=User, dispatch_uid="members.search.unindex_profile")
def unindex_profile(sender, instance, **kwargs):
    index.remove_object(instance)
