from django.urls import path

from forum import views
from forum.feeds import CategoryFeed

app_name = "forum"
urlpatterns = [
    path("", views.category_list, name="index"),
    path("search/", views.search, name="search"),
    path("members/", views.member_autocomplete, name="member_autocomplete"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("c/<slug:slug>/watch/", views.category_watch, name="category_watch"),
    path("c/<slug:slug>/feed/", CategoryFeed(), name="category_feed"),
    path("t/<int:pk>/", views.thread_redirect, name="thread_short"),
    path("t/<int:pk>/reply/", views.post_create, name="reply"),
    path("t/<int:pk>/new-posts/", views.thread_posts_after, name="posts_after"),
    path("t/<int:pk>/watch/", views.thread_watch, name="thread_watch"),
    path("t/<int:pk>/answer/", views.thread_answer, name="thread_answer"),
    path("t/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    # After the fixed routes above, which the slug pattern would otherwise swallow.
    path("t/<int:pk>/<slug:slug>/", views.thread_detail, name="thread"),
    path("p/<int:pk>/", views.post_redirect, name="post"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("p/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path("p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("p/<int:pk>/report/", views.post_report, name="post_report"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
]
