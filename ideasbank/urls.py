from django.urls import path

from ideasbank import views
from ideasbank.feeds import LatestIdeasFeed

app_name = "ideasbank"
urlpatterns = [
    path("", views.idea_list, name="list"),
    path("new/", views.idea_create, name="create"),
    path("feed/", LatestIdeasFeed(), name="feed"),
    path("themes/", views.theme_suggestions, name="themes"),
    path("similar/", views.similar_ideas, name="similar"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/", views.idea_detail, name="detail"),
    path("<int:pk>/edit/", views.idea_edit, name="edit"),
    path("<int:pk>/vote/", views.idea_vote, name="vote"),
    path("<int:pk>/stage/", views.idea_stage, name="stage"),
    path("<int:pk>/duplicate/", views.idea_duplicate, name="duplicate"),
    path("<int:pk>/comments/", views.comment_create, name="comment"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment_edit"),
    path(
        "<int:pk>/comments/<int:comment_pk>/delete/",
        views.comment_delete,
        name="comment_delete",
    ),
    path("<int:pk>/evidence/", views.evidence_record, name="evidence"),
    path("<int:pk>/follow/", views.idea_follow, name="follow"),
    path("<int:pk>/report/", views.idea_report, name="report"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
]
