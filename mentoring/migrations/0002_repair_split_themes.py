"""Join themes the old rule split on spaces ("co-operative" + "energy") back into one theme.

Forms used to split a theme typed without a comma at every space (and sorted the
words), so "co-operative energy" became two themes. Where a placement, mentor
offer or mentoring request carries every word of a theme of two or more words
that is in use elsewhere on the site, those one-word themes are replaced by it.
Where that cannot be told (a word two such themes could claim), nothing changes.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import Count

THROUGH_MODELS = ("PlacementTag", "MentorOfferTag", "MentoringRequestTag")


def _tag_usage(Tag) -> dict[int, int]:
    """How many tagged rows, in any app, use each tag."""
    usage: dict[int, int] = defaultdict(int)
    for relation in Tag._meta.related_objects:
        if relation.one_to_many and relation.field.name == "tag":
            rows = relation.related_model.objects.values("tag_id").annotate(n=Count("pk"))
            for row in rows:
                usage[row["tag_id"]] += row["n"]
    return usage


def _repair(Through, whole: list, usage: dict[int, int]) -> None:
    tagged = defaultdict(list)
    for row in Through.objects.select_related("tag"):
        tagged[row.content_object_id].append(row)
    for object_id, rows in tagged.items():
        own = {row.tag_id for row in rows}
        one_word = {row.tag.name.lower(): row for row in rows if len(row.tag.name.split()) == 1}
        candidates = [
            (tag, words)
            for tag, words in whole
            if all(word in one_word for word in words)
            and usage.get(tag.pk, 0) - (tag.pk in own) > 0
        ]
        for tag, words in candidates:
            others = [w for t, ws in candidates if t.pk != tag.pk for w in ws]
            if any(word in others for word in words):
                continue  # a word another whole theme could claim: cannot tell
            Through.objects.filter(pk__in=[one_word[word].pk for word in words]).delete()
            if tag.pk not in own:
                Through.objects.create(content_object_id=object_id, tag=tag)
                own.add(tag.pk)


def repair_split_themes(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    usage = _tag_usage(Tag)
    whole = []
    for tag in Tag.objects.filter(name__contains=" "):
        words = tag.name.lower().split()
        if len(words) >= 2 and len(set(words)) == len(words):
            whole.append((tag, words))
    for name in THROUGH_MODELS:
        _repair(apps.get_model("mentoring", name), whole, usage)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_placements_applications_mentoring"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(repair_split_themes, migrations.RunPython.noop)]
