"""The ideas bank's addresses, under /ideas/."""

from django.urls import path

from ideasbank.feeds import LatestIdeasFeed
from ideasbank.views import comments, evidence, ideas, lists, moderation, stages, suggestions, votes

app_name = "ideasbank"
urlpatterns = [
    path("", lists.idea_list, name="list"),
    path("new/", ideas.idea_create, name="create"),
    path("feed/", LatestIdeasFeed(), name="feed"),
    path("themes/", suggestions.theme_suggestions, name="themes"),
    path("similar/", suggestions.similar, name="similar"),
    path("moderation/", moderation.moderation, name="moderation"),
    path("<int:pk>/", ideas.idea_detail, name="detail"),
    path("<int:pk>/edit/", ideas.idea_edit, name="edit"),
    path("<int:pk>/vote/", votes.idea_vote, name="vote"),
    path("<int:pk>/stage/", stages.idea_stage, name="stage"),
    path("<int:pk>/duplicate/", stages.idea_duplicate, name="duplicate"),
    path("<int:pk>/comments/", comments.comment_create, name="comment"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", comments.comment_edit, name="comment_edit"),
    path(
        "<int:pk>/comments/<int:comment_pk>/delete/",
        comments.comment_delete,
        name="comment_delete",
    ),
    path("<int:pk>/evidence/", evidence.evidence_record, name="evidence"),
    path("<int:pk>/follow/", ideas.idea_follow, name="follow"),
    path("<int:pk>/report/", moderation.idea_report, name="report"),
    path("<int:pk>/moderate/", moderation.moderate, name="moderate"),
]
