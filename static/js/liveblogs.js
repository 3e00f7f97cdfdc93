/* Liveblog reader and composer. The page works without this script: entries
   are server-rendered and the composer is a plain form. With it, changes
   arrive over a WebSocket (or polling where sockets are blocked) and are
   applied strictly in sequence order. */
(function () {
  "use strict";

  var root = document.querySelector("[data-liveblog]");
  if (!root) return;

  var list = document.getElementById("lb-entries");
  var statusEl = document.getElementById("lb-status");
  var newButton = document.getElementById("lb-new");
  var emptyNote = document.getElementById("lb-empty");
  var controlsTemplate = document.getElementById("lb-controls-template");
  var composer = document.getElementById("lb-composer");

  var seq = parseInt(root.getAttribute("data-seq"), 10) || 0;
  var state = root.getAttribute("data-state");
  var updatesUrl = root.getAttribute("data-updates");
  var socketPath = root.getAttribute("data-socket");

  var FAILURES_BEFORE_POLLING = 3;
  var POLL_MS = 5000;
  var GAP_MS = 2000;
  var ACK_MS = 5000;
  // A tab hidden this long lets its connection go; it catches up when shown.
  var HIDDEN_PAUSE_MS = 60000;

  var held = {};          // changes that arrived ahead of a gap, by seq
  var waiting = [];       // new entries held back while the reader is scrolled away
  var live = null;        // the HubSocket connection (static/js/socket.js)
  var paused = false;     // disconnected on purpose (hidden tab, or by hand)
  var polling = false;
  var stopped = false;
  var pollTimer = null;
  var gapTimer = null;
  var ackTimer = null;
  var hideTimer = null;
  var ackedSeq = seq;
  var pollingWhenPaused = false;

  function setStatus(text) {
    if (statusEl && statusEl.textContent !== text) statusEl.textContent = text;
  }

  /* ---- applying changes ------------------------------------------------ */

  function receive(msg) {
    if (!msg || msg.type !== "entry" || typeof msg.seq !== "number") return;
    if (msg.seq <= seq || held[msg.seq]) return; // duplicate or already applied
    held[msg.seq] = msg;
    while (held[seq + 1]) {
      var next = held[seq + 1];
      delete held[seq + 1];
      seq = next.seq;
      apply(next);
    }
    root.setAttribute("data-seq", String(seq));
    if (Object.keys(held).length) {
      if (!gapTimer) gapTimer = setTimeout(fillGap, GAP_MS);
    } else if (gapTimer) {
      clearTimeout(gapTimer);
      gapTimer = null;
    }
    scheduleAck();
  }

  function fillGap() {
    gapTimer = null;
    fetchUpdates();
  }

  function itemFor(id) {
    // On the page, or held back under "N new updates".
    var li = document.getElementById("entry-" + id);
    if (li) return li;
    for (var i = 0; i < waiting.length; i++) {
      if (waiting[i].id === "entry-" + id) return waiting[i];
    }
    return null;
  }

  function isPinned(li) { return li.getAttribute("data-pinned") === "true"; }

  function comesBefore(a, b) {
    // Pinned first, then newest first (ids grow with posting order).
    if (isPinned(a) !== isPinned(b)) return isPinned(a);
    return parseInt(a.getAttribute("data-id"), 10) > parseInt(b.getAttribute("data-id"), 10);
  }

  function place(li) {
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      if (children[i] !== li && comesBefore(li, children[i])) {
        if (children[i] !== li.nextElementSibling) list.insertBefore(li, children[i]);
        return;
      }
    }
    if (li.parentNode !== list || li.nextElementSibling) list.appendChild(li);
  }

  function fill(li, msg) {
    li.className = "lb-item";
    li.id = "entry-" + msg.id;
    li.setAttribute("data-id", String(msg.id));
    li.setAttribute("data-pinned", msg.pinned ? "true" : "false");
    li.setAttribute("data-key", msg.key ? "true" : "false");
    li.innerHTML = msg.html; // rendered and sanitised once, on the server
    if (controlsTemplate) li.appendChild(controlsFor(msg));
  }

  function controlsFor(msg) {
    var node = controlsTemplate.content.firstElementChild.cloneNode(true);
    var from = "/entries/0/";
    var to = "/entries/" + msg.id + "/";
    node.querySelectorAll("[href]").forEach(function (el) {
      el.setAttribute("href", el.getAttribute("href").replace(from, to));
    });
    node.querySelectorAll("form").forEach(function (el) {
      el.setAttribute("action", el.getAttribute("action").replace(from, to));
    });
    node.querySelector(".lb-flag-pinned").value = msg.pinned ? "0" : "1";
    node.querySelector(".lb-pin").textContent = msg.pinned ? "Unpin" : "Pin";
    node.querySelector(".lb-flag-key").value = msg.key ? "0" : "1";
    node.querySelector(".lb-key").textContent = msg.key ? "Not a key moment" : "Mark as key moment";
    return node;
  }

  function apply(msg) {
    // A change a later one has superseded (edited or deleted since) comes
    // with empty HTML while catching up: the later change carries the entry.
    if (msg.op !== "deleted" && !msg.html) return;
    var li = itemFor(msg.id);
    if (msg.op === "deleted") {
      if (li) li.remove();
      waiting = waiting.filter(function (w) { return w.id !== "entry-" + msg.id; });
    } else if (li) {
      fill(li, msg);
      if (li.parentNode === list) place(li);
    } else {
      li = document.createElement("li");
      fill(li, msg);
      // New to this reader (its "created" may have been superseded while it
      // was away): held back like any new entry.
      if (scrolledAway()) {
        waiting.push(li);
      } else {
        place(li);
      }
    }
    showWaiting();
    if (emptyNote) emptyNote.hidden = list.children.length > 0 || waiting.length > 0;
  }

  /* ---- "N new updates" instead of a jump -------------------------------- */

  function scrolledAway() {
    var top = list.getBoundingClientRect().top;
    return top < -40;
  }

  function showWaiting() {
    if (!newButton) return;
    if (waiting.length) {
      newButton.textContent = waiting.length === 1 ? "1 new update" : waiting.length + " new updates";
      newButton.hidden = false;
    } else {
      newButton.hidden = true;
    }
  }

  function releaseWaiting(scroll) {
    var items = waiting;
    waiting = [];
    items.forEach(place);
    showWaiting();
    if (scroll) {
      list.scrollIntoView({ behavior: "smooth", block: "start" });
      var first = list.querySelector(".lb-item");
      if (first) {
        first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: true });
      }
    }
  }

  if (newButton) newButton.addEventListener("click", function () { releaseWaiting(true); });
  window.addEventListener("scroll", function () {
    if (waiting.length && !scrolledAway()) releaseWaiting(false);
  }, { passive: true });

  /* ---- key moments filter ----------------------------------------------- */

  var keyOnly = document.getElementById("lb-key-only");
  var filterForm = document.getElementById("lb-filter");
  if (keyOnly && filterForm) {
    var apply_ = document.getElementById("lb-filter-apply");
    if (apply_) apply_.hidden = true;
    keyOnly.addEventListener("change", function () {
      list.classList.toggle("lb-entries--key-only", keyOnly.checked);
    });
    filterForm.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  /* ---- socket (HubSocket reconnects with back-off) and polling fallback ---- */

  function connect() {
    if (stopped || paused) return;
    if (live) {
      live.resume();
      return;
    }
    live = window.HubSocket.open(socketPath, {
      onOpen: function (send) {
        send({ since: seq });
        ackedSeq = seq;
        stopPolling();
        setStatus("Connected: new updates appear as they are posted.");
      },
      onMessage: function (msg) {
        if (msg.type === "entry") receive(msg);
        else if (msg.type === "state") onState(msg.state);
      },
      onDrop: function (failures) {
        if (stopped || paused) return;
        if (failures >= FAILURES_BEFORE_POLLING) {
          if (!polling) startPolling();
        } else if (!polling) {
          setStatus("Connection lost. Reconnecting…");
        }
      },
      onRefused: function () {
        stop("Updates are not available to you. Reload the page to try again.");
      }
    });
  }

  function pause() {
    if (paused) return;
    paused = true;
    pollingWhenPaused = polling;
    if (live) live.pause();
    stopPolling();
  }

  function resume() {
    if (!paused) return;
    paused = false;
    if (stopped) return;
    // Polling catches up at once; a socket that opens takes over from it.
    if (pollingWhenPaused) startPolling();
    connect();
  }

  function startPolling() {
    polling = true;
    setStatus("Checking for new updates every few seconds.");
    fetchUpdates();
  }

  function stopPolling() {
    polling = false;
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  function fetchUpdates() {
    var url = updatesUrl + "?since=" + encodeURIComponent(seq);
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status === 403 || response.status === 404 || response.redirected ||
            (response.ok && type.indexOf("application/json") === -1)) {
          stop("Updates are not available to you. Reload the page to try again.");
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          (data.changes || []).forEach(receive);
          if (data.state === "ended") onState("ended");
        }
      })
      .catch(function () { /* offline: the next poll or reconnect retries */ })
      .then(function () {
        if (polling && !stopped && !paused) {
          if (pollTimer) clearTimeout(pollTimer);
          pollTimer = setTimeout(fetchUpdates, POLL_MS + Math.random() * 1000);
        }
      });
  }

  function scheduleAck() {
    if (ackTimer) return;
    ackTimer = setTimeout(function () {
      ackTimer = null;
      if (live && live.isOpen && live.isOpen() && seq > ackedSeq) {
        live.send({ ack: seq });
        ackedSeq = seq;
      }
    }, ACK_MS);
  }

  function onState(newState) {
    state = newState;
    root.setAttribute("data-state", newState);
    if (newState === "ended") stop("This liveblog has ended.");
  }

  function stop(message) {
    stopped = true;
    stopPolling();
    if (live) live.close();
    setStatus(message);
  }

  /* ---- composer (network editors) ------------------------------------------ */

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // Every composer request asks for JSON; the answer is {ok, data}. A refusal,
  // bad input or a limit comes from the site's error layer as
  // {"error": "...", "errors": {"field": ["..."], "__all__": ["..."]}}.
  function request(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = Object.assign({ Accept: "application/json" }, options.headers || {});
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, data: data };
      });
    });
  }

  function post(form) {
    return request(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { "X-CSRFToken": csrfToken(form) }
    });
  }

  function errorsOf(result) {
    var data = result.data || {};
    if (data.errors && Object.keys(data.errors).length) return data.errors;
    if (data.error) return { __all__: [data.error] };
    return { __all__: ["That did not work. Try again."] };
  }

  function showErrors(errors) {
    var box = document.getElementById("lb-composer-errors");
    if (!box) return;
    box.innerHTML = "";
    if (!errors) return;
    var ul = document.createElement("ul");
    ul.className = "errorlist";
    Object.keys(errors).forEach(function (field) {
      // Name the field a message belongs to ("Entry: This field is required.").
      var label = field === "__all__" ? null : composer.querySelector('label[for="id_' + field + '"]');
      var prefix = label ? label.textContent.trim().replace(/:$/, "") + ": " : "";
      (errors[field] || []).forEach(function (message) {
        var li = document.createElement("li");
        li.textContent = prefix + message;
        ul.appendChild(li);
      });
    });
    box.appendChild(ul);
  }

  function resetComposer() {
    composer.reset();
    composer.setAttribute("action", composer.getAttribute("data-create-action"));
    document.getElementById("lb-composer-submit").textContent = "Post update";
    document.getElementById("lb-composer-cancel").hidden = true;
    showErrors(null);
  }

  if (composer) {
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = document.getElementById("lb-composer-submit");
      button.disabled = true; // no double posts
      post(composer).then(function (result) {
        if (result.ok) {
          if (result.data.change) receive(result.data.change);
          resetComposer();
        } else {
          showErrors(errorsOf(result));
        }
      }).catch(function () {
        showErrors({ __all__: ["The update was not sent. Check your connection and try again."] });
      }).then(function () { button.disabled = false; });
    });
    document.getElementById("lb-composer-cancel").addEventListener("click", resetComposer);

    list.addEventListener("click", function (event) {
      var link = event.target.closest("a.lb-edit");
      if (!link) return;
      event.preventDefault();
      request(link.getAttribute("href")).then(function (result) {
        if (!result.ok) {
          showErrors(errorsOf(result));
          return;
        }
        showErrors(null);
        var fields = result.data.fields || {};
        Object.keys(fields).forEach(function (name) {
          var input = composer.elements.namedItem(name);
          if (!input) return;
          if (input.type === "checkbox") input.checked = !!fields[name];
          else input.value = fields[name] || "";
        });
        composer.setAttribute("action", link.getAttribute("href"));
        document.getElementById("lb-composer-submit").textContent = "Save changes";
        document.getElementById("lb-composer-cancel").hidden = false;
        composer.elements.namedItem("body").focus();
      });
    });

    list.addEventListener("submit", function (event) {
      var form = event.target.closest("form.lb-action");
      if (!form) return;
      event.preventDefault();
      if (form.classList.contains("lb-delete-form") && !window.confirm("Delete this update?")) return;
      post(form).then(function (result) {
        if (!result.ok) showErrors(errorsOf(result));
        else if (result.data.change) receive(result.data.change);
      }).catch(function () {
        showErrors({ __all__: ["That was not sent. Check your connection and try again."] });
      });
    });
  }

  /* ---- start ------------------------------------------------------------- */

  // Hooks for tests and for debugging a reader's connection by hand.
  window.hubLiveblog = {
    seq: function () { return seq; },
    disconnect: pause,
    reconnect: resume
  };

  if (state === "ended") {
    // An ended liveblog is a plain page: no socket, no polling.
    return;
  }

  // A hidden tab stops listening after a while and catches up when shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (!hideTimer && !paused) hideTimer = setTimeout(function () {
        hideTimer = null;
        pause();
      }, HIDDEN_PAUSE_MS);
    } else {
      if (hideTimer) clearTimeout(hideTimer);
      hideTimer = null;
      resume();
    }
  });

  if (window.HubSocket) connect();
  else startPolling();
})();
