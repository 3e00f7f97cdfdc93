// Raises the header's unread count as notifications arrive, without a reload.
(function () {
  "use strict";
  var badge = document.getElementById("notification-count");
  if (!badge || !window.HubSocket) return;

  function setCount(n) {
    badge.textContent = String(n);
    badge.setAttribute("aria-label", n + " unread");
  }

  window.HubSocket.open("/ws/notifications/", {
    onMessage: function (data) {
      if (data.type === "notification") setCount((parseInt(badge.textContent, 10) || 0) + 1);
      // On each (re)connection the server sends the count, so missed events are caught up.
      else if (data.type === "unread" && typeof data.count === "number") setCount(data.count);
    }
  });
})();
