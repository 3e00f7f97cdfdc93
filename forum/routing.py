"""WebSocket addresses of the discussions (mounted in config/routing.py)."""

from django.urls import path

from forum.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/discussions/threads/<int:thread_id>/", ThreadConsumer.as_asgi()),
]
