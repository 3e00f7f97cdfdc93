"""WebSocket routes of every app, gathered in one list."""

from forum.routing import websocket_urlpatterns as forum_routes
from liveblogs.routing import websocket_urlpatterns as liveblog_routes
from notifications.routing import websocket_urlpatterns as notification_routes

websocket_urlpatterns = [*notification_routes, *forum_routes, *liveblog_routes]
