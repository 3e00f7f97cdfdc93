"""A member's own notification stream: the header count rises as things happen."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.events import notifications_group


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4403)
            return
        self.group = notifications_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Writes arrive over HTTP; the socket only listens.
        return

    async def notification_new(self, event):
        await self.send_json({"type": "notification", "title": event["title"], "url": event["url"]})
