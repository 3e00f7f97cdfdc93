"""Councils, affiliates, their email domains, and the user (with profile and role querysets)."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from members.permissions import (
    COUNCIL_LEADS,
    MODERATORS,
    NETWORK_EDITORS,
    is_council_lead,
    is_member,
    is_network_editor,
)


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class OrganisationQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(membership_type=Organisation.MembershipType.FULL)

    def affiliates(self):
        return self.exclude(membership_type=Organisation.MembershipType.FULL)

    def for_email(self, email: str):
        """The full-member council whose domain this address is on, if any."""
        domain = email.rsplit("@", 1)[-1].strip().lower()
        return self.councils().filter(domains__domain=domain).first()


class OrganisationApproach(TaggedItemBase):
    """A theme of a council's co-operative approaches (used by the map's filter)."""

    content_object = ParentalKey(
        "Organisation", on_delete=models.CASCADE, related_name="approach_items"
    )


class Organisation(index.Indexed, ClusterableModel):
    """A member council or an affiliate organisation."""

    class MembershipType(models.TextChoices):
        FULL = "full", "Full member council"
        AFFILIATE = "affiliate", "Affiliate organisation"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    membership_type = models.CharField(
        max_length=20, choices=MembershipType.choices, default=MembershipType.FULL
    )
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    year_joined = models.PositiveSmallIntegerField(null=True, blank=True)
    website = models.URLField(blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One line shown in lists and on the map."
    )
    approaches = models.TextField(
        blank=True,
        help_text="Profile of the council's co-operative approaches (Markdown).",
    )
    approach_themes = ClusterTaggableManager(
        "themes of its approaches",
        through=OrganisationApproach,
        blank=True,
        help_text="Comma-separated themes, used by the map's filter.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("membership_type"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("year_joined"), FieldPanel("website")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading="Location for the map",
        ),
        FieldPanel("summary"),
        FieldPanel("approaches"),
        FieldPanel("approach_themes"),
        InlinePanel("domains", label="Email domains", heading="Email domains"),
        InlinePanel("contacts", label="Key contact", heading="Key contacts (members only)"),
        InlinePanel("advocates", label="Advocate", heading="Advocates (members only)"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("summary"),
        index.SearchField("approaches"),
        index.FilterField("membership_type"),
    ]

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_council(self) -> bool:
        return self.membership_type == self.MembershipType.FULL

    def get_absolute_url(self):
        return reverse("members:council_detail", args=[self.slug])

    @property
    def on_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class CouncilContact(Orderable):
    """A key contact at a council: members only."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]

    def __str__(self):
        return self.name


class AdvocateTheme(TaggedItemBase):
    content_object = models.ForeignKey("Advocate", on_delete=models.CASCADE, related_name="+")


class Advocate(Orderable):
    """A named advocate for areas of expertise at a council: members only.

    Themes are edited on the council's edit page (the admin inline keeps to the text fields).
    """

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="advocates")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    themes = TaggableManager("areas of expertise", through=AdvocateTheme, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email")]

    def __str__(self):
        return self.name


class EmailDomain(models.Model):
    """A domain whose verified addresses belong to the organisation."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=200, unique=True, help_text="For example oldham.gov.uk")

    panels = [FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class UserQuerySet(models.QuerySet):
    """Who holds each role: the one place that asks (superusers count as editors and moderators)."""

    def _in_groups(self, *names: str) -> Q:
        memberships = self.model.groups.through.objects.filter(group__name__in=names)
        return Q(pk__in=memberships.values("user_id"))

    def active(self):
        return self.filter(is_active=True)

    def confirmed_members(self):
        return self.active().filter(Q(status="confirmed") | Q(is_superuser=True))

    def network_editors(self):
        return self.active().filter(Q(is_superuser=True) | self._in_groups(NETWORK_EDITORS))

    def moderators(self):
        """Moderators and network editors, who moderate too."""
        return self.active().filter(
            Q(is_superuser=True) | self._in_groups(MODERATORS, NETWORK_EDITORS)
        )

    def council_leads(self, organisation=None):
        """Confirmed members who lead their organisation (optionally: this one)."""
        leads = self.confirmed_members().filter(
            self._in_groups(COUNCIL_LEADS), organisation__isnull=False
        )
        if organisation is not None:
            leads = leads.filter(organisation=organisation)
        return leads

    def profiles_visible_to(self, viewer):
        """Confirmed members whose profile this person may open (see can_view_profile)."""
        if not is_member(viewer):
            return self.none()
        people = self.confirmed_members()
        if is_network_editor(viewer):
            return people
        shown = Q(profile_hidden=False) | Q(pk=viewer.pk)
        if is_council_lead(viewer):
            shown |= Q(organisation_id=viewer.organisation_id)
        return people.filter(shown)

    def awaiting_decision_by(self, user):
        """Pending requests this person may decide: every one for editors, their own for leads."""
        pending = self.filter(status="pending").exclude(pk=user.pk).select_related("organisation")
        if is_network_editor(user):
            return pending
        if is_council_lead(user):
            return pending.filter(organisation_id=user.organisation_id)
        return pending.none()


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(index.Indexed, AbstractUser):
    """A person with an account; the member profile lives here too."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", "Email not verified"
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed member"
        REFUSED = "refused", "Refused"

    class EmailFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", "Immediately"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"
        NEVER = "never", "Never"

    DIGEST_FREQUENCIES = (EmailFrequency.DAILY, EmailFrequency.WEEKLY)

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="Empty for an individual affiliate.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.UNVERIFIED, db_index=True
    )
    job_title = models.CharField(max_length=150, blank=True)
    bio = models.TextField("short bio", max_length=1000, blank=True)
    expertise = TaggableManager(
        "themes of expertise", blank=True, help_text="Comma-separated themes."
    )
    email_frequency = models.CharField(
        "notification email",
        max_length=20,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATELY,
    )
    decided_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    profile_hidden = models.BooleanField(
        "hide my profile",
        default=False,
        help_text="Only your council's leads and network editors will see your profile.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    # Profiles in the site search (members.search indexes them when they are
    # written, not on each sign-in; people_source shows only visible ones).
    search_auto_update = False
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("job_title", boost=2),
        index.SearchField("bio"),
        index.RelatedFields("expertise", [index.SearchField("name", boost=2)]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_absolute_url(self):
        return reverse("members:profile", args=[self.pk])

    def get_short_name(self):
        return (self.name or self.email).split(" ")[0]

    @property
    def is_member(self) -> bool:
        """A confirmed member: may read members-only content and take part."""
        return self.is_active and (self.status == self.Status.CONFIRMED or self.is_superuser)
