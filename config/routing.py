"""WebSocket routes of every app, gathered in one list."""

from core.routing import websocket_urlpatterns as core_routes
from forum.routing import websocket_urlpatterns as forum_routes
from liveblogs.routing import websocket_urlpatterns as liveblog_routes

websocket_urlpatterns = [*core_routes, *forum_routes, *liveblog_routes]
