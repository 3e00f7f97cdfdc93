// Raises the header's unread count as notifications arrive, without a reload.
(function () {
  "use strict";
  var badge = document.getElementById("notification-count");
  if (!badge || !("WebSocket" in window)) return;
  var delay = 1000;

  function setCount(n) {
    badge.textContent = String(n);
    badge.setAttribute("aria-label", n + " unread");
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/notifications/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (message) {
      var data = JSON.parse(message.data);
      if (data.type === "notification") {
        setCount((parseInt(badge.textContent, 10) || 0) + 1);
      }
    };
    socket.onclose = function (event) {
      if (event.code === 4403) return;
      // Back off, with jitter, up to a minute.
      setTimeout(connect, delay + Math.random() * delay);
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
})();
