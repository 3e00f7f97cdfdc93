"""A member's own notification stream: the header count rises as things happen."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.events import notifications_group, unread_frame
from notifications.unread import unread_count


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4403)
            return
        self.group = notifications_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # The count now, so a tab catches up on what arrived before it
        # connected or while its connection was down.
        await self.send_json(unread_frame(await database_sync_to_async(unread_count)(user)))

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Writes arrive over HTTP; the socket only listens, so any frame a
        # client sends (JSON or not, text or binary) is ignored unparsed.
        return

    async def notification_new(self, event):
        await self.send_json({"type": "notification", "title": event["title"], "url": event["url"]})
