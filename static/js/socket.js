/* One WebSocket client for every live feature (liveblogs, discussions,
   notifications): connect, parse JSON frames, reconnect with exponential
   back-off and jitter, and stop for good when the server refuses the reader.

   var live = HubSocket.open("/ws/notifications/", {
     onOpen: function (send) {},        // connected (again); send(obj) sends JSON
     onMessage: function (data) {},     // each JSON frame; other frames are ignored
     onDrop: function (failures) {},    // lost or failed; a retry is scheduled
     onRefused: function (code) {}      // closed with a refusal code: no retry
   });
   live.close();                        // stop and do not reconnect
   live.pause(); live.resume();         // e.g. while the page is hidden
*/
(function () {
  "use strict";
  // 4403: not (or no longer) allowed; 4404: nothing to follow there.
  var REFUSALS = [4403, 4404];
  var MAX_DELAY = 30000;

  function open(path, handlers) {
    handlers = handlers || {};
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = path.indexOf("ws") === 0 ? path : scheme + window.location.host + path;
    var socket = null;
    var timer = null;
    var failures = 0;
    var stopped = false;
    var paused = false;

    function send(data) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(data));
    }

    function schedule() {
      failures += 1;
      if (handlers.onDrop) handlers.onDrop(failures);
      // Full jitter around an exponential step, so a restarted server is not
      // met by every reader at the same moment.
      var base = Math.min(MAX_DELAY, 500 * Math.pow(2, failures));
      timer = setTimeout(connect, base / 2 + Math.random() * base / 2);
    }

    function connect() {
      timer = null;
      if (stopped || paused || socket) return;
      var ws;
      try {
        ws = new WebSocket(url);
      } catch (e) {
        schedule();
        return;
      }
      socket = ws;
      ws.onopen = function () {
        failures = 0;
        if (handlers.onOpen) handlers.onOpen(send);
      };
      ws.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        if (data && handlers.onMessage) handlers.onMessage(data);
      };
      ws.onclose = function (event) {
        if (socket === ws) socket = null;
        if (REFUSALS.indexOf(event.code) !== -1) {
          stopped = true;
          if (handlers.onRefused) handlers.onRefused(event.code);
          return;
        }
        if (!stopped && !paused) schedule();
      };
    }

    if (!("WebSocket" in window)) {
      if (handlers.onDrop) handlers.onDrop(Infinity);
      return { close: function () {}, pause: function () {}, resume: function () {}, send: send };
    }
    connect();
    return {
      send: send,
      close: function () {
        stopped = true;
        if (timer) clearTimeout(timer);
        if (socket) socket.close();
      },
      pause: function () {
        paused = true;
        if (timer) clearTimeout(timer);
        timer = null;
        if (socket) socket.close();
      },
      resume: function () {
        if (!paused) return;
        paused = false;
        if (!stopped) connect();
      },
      isOpen: function () { return !!socket && socket.readyState === WebSocket.OPEN; }
    };
  }

  window.HubSocket = { open: open };
})();
