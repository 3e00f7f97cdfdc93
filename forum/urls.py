"""Addresses of the discussions, under /discussions/."""

from django.urls import path

from forum.feeds import CategoryFeed
from forum.views import browse, moderation, posts, reports, threads, watching

app_name = "forum"
urlpatterns = [
    path("", browse.category_list, name="index"),
    path("search/", browse.search, name="search"),
    path("members/", posts.member_autocomplete, name="member_autocomplete"),
    path("moderation/", reports.moderation_queue, name="moderation_queue"),
    path("moderation/log/", moderation.moderation_log, name="moderation_log"),
    path("moderation/reports/<int:pk>/resolve/", reports.report_resolve, name="report_resolve"),
    path("c/<slug:slug>/", browse.category_detail, name="category"),
    path("c/<slug:slug>/new/", posts.thread_create, name="thread_create"),
    path("c/<slug:slug>/watch/", watching.category_watch, name="category_watch"),
    path("c/<slug:slug>/feed/", CategoryFeed(), name="category_feed"),
    path("t/<int:pk>/", threads.thread_redirect, name="thread_short"),
    path("t/<int:pk>/reply/", posts.post_create, name="reply"),
    path("t/<int:pk>/new-posts/", threads.thread_posts_after, name="posts_after"),
    path("t/<int:pk>/watch/", watching.thread_watch, name="thread_watch"),
    path("t/<int:pk>/answer/", posts.thread_answer, name="thread_answer"),
    path("t/<int:pk>/moderate/", moderation.thread_moderate, name="thread_moderate"),
    # After the fixed routes above, which the slug pattern would otherwise swallow.
    path("t/<int:pk>/<slug:slug>/", threads.thread_detail, name="thread"),
    path("p/<int:pk>/", threads.post_redirect, name="post"),
    path("p/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("p/<int:pk>/delete/", posts.post_delete, name="post_delete"),
    path("p/<int:pk>/restore/", posts.post_restore, name="post_restore"),
    path("p/<int:pk>/hide/", moderation.post_hide, name="post_hide"),
    path("p/<int:pk>/report/", reports.post_report, name="post_report"),
    path("p/<int:pk>/history/", threads.post_history, name="post_history"),
]
