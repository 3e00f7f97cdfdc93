"""factory_boy factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from members.models import EmailDomain, Organisation
from members.permissions import COUNCIL_LEADS, MODERATORS, NETWORK_EDITORS

PASSWORD = "a-long-test-password-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    membership_type = Organisation.MembershipType.FULL
    region = "north-west"
    year_joined = 2014

    @factory.post_generation
    def domain(self, create, extracted, **kwargs):
        if create and self.is_council:
            EmailDomain.objects.get_or_create(
                domain=extracted or f"{self.slug}.gov.uk", defaults={"organisation": self}
            )


class AffiliateFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Affiliate {n}")
    slug = factory.Sequence(lambda n: f"affiliate-{n}")
    membership_type = Organisation.MembershipType.AFFILIATE


class UserFactory(factory.django.DjangoModelFactory):
    """A confirmed officer of a council, with a verified address."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttributeSequence(
        lambda o, n: f"person{n}@{o.organisation.slug if o.organisation else 'hub'}.gov.uk"
    )
    status = "confirmed"
    job_title = "Policy officer"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


def officer(organisation=None, **kwargs):
    if organisation is not None:
        kwargs["organisation"] = organisation
    return UserFactory(**kwargs)


def council_lead(organisation=None, **kwargs):
    return officer(organisation, roles=[COUNCIL_LEADS], **kwargs)


def network_editor(**kwargs):
    kwargs.setdefault("organisation", None)
    return UserFactory(roles=[NETWORK_EDITORS], **kwargs)


def moderator(organisation=None, **kwargs):
    return officer(organisation, roles=[MODERATORS], **kwargs)


def pending_member(organisation=None, **kwargs):
    return officer(organisation, status="pending", **kwargs)
