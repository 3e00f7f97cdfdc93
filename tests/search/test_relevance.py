"""Relevance over the demo data: realistic queries put the expected item first.

Runs on SQLite and on PostgreSQL (DATABASE_URL): singular and plural, a
council's name (bare or in full), a theme, a phrase from a reply's body, a
person's name or job.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from core.search import search_site
from members.models import User

pytestmark = pytest.mark.django_db

# (query, the title expected first)
QUERIES = [
    ("Cardiff", "Cardiff Council"),
    ("Cardiff Council", "Cardiff Council"),
    ("Oldham Council", "Oldham Council"),
    ("Telford and Wrekin", "Telford and Wrekin Council"),
    ("Stevenage", "Stevenage Borough Council"),
    ("rooftop solar", "Tenants as shareholders in rooftop solar"),
    ("solar panel", "Solar panels owned by council tenants"),
    ("refugee families", "Volunteer buddies for newly arrived refugee families"),
    ("homework club", "Homework clubs inside breakfast and after-school care"),
    ("youth councils resolutions", "Youth councils able to table resolutions at full council"),
    ("mental health day", "A mental health day"),
    ("attainment gap", "Closing the education attainment gap"),
    ("credit unions", "Credit union partnerships: payroll savings for council staff"),
    ("payroll saving", "Credit union partnerships: payroll savings for council staff"),
    ("shadowing visit", "Shadowing visits: what made yours worth the train fare?"),
    (
        "lease template",
        "Reply in Setting up a community energy co-operative: where did you start?",
    ),
    (
        "drop-in sessions in the depots",
        "Reply in Credit union partnerships: payroll savings for council staff",
    ),
    (
        "sit in on a real meeting with residents",
        "Reply in Shadowing visits: what made yours worth the train fare?",
    ),
    ("procurement team", "Social value in commissioning: a day with Oldham's procurement team"),
    ("youth council support team", "Shadowing Oldham's Youth Council support team"),
    ("measuring social value", "Development session: measuring social value"),
    ("co-operative energy", "Co-operative energy: a week with Plymouth's energy team"),
    ("co-production training", "Member and officer co-production training"),
    ("co-produce services", "How to co-produce services with members and officers"),
    ("Young Lambeth", "Young Lambeth Co-operative"),
    ("principles", "Our principles"),
    ("accessibility", "Accessibility statement"),
    ("commissioning panels", "Service users on every co-operative commissioning panel"),
    ("governance", "Governance"),
    ("Beyond Asset Transfer", "Beyond Asset Transfer"),
    ("Priya Lead", "Priya Lead"),
    ("refugee support coordinator", "Cerys Officer"),
    ("economic development officer", "Pat Officer"),
]


def test_each_query_puts_the_expected_item_first():
    call_command("load_demo", stdout=StringIO())
    member = User.objects.confirmed_members().filter(organisation__isnull=False).first()
    wrong = []
    for query, expected in QUERIES:
        hits = [hit.title for hit, _label in search_site(member, query).page]
        if not hits or hits[0] != expected:
            wrong.append((query, expected, hits[:3]))
    assert len(QUERIES) >= 25
    assert wrong == [], "\n".join(map(repr, wrong))
