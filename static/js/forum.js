/* Discussions, as an enhancement: live "N new replies" banner and @mention suggestions.
   Everything here also works without JavaScript (reload the page; type the full name). */
(function () {
  "use strict";

  // ---- Live new replies --------------------------------------------------
  function liveReplies(root) {
    var socketPath = root.dataset.socketPath;
    var postsUrl = root.dataset.postsUrl;
    var list = document.getElementById("forum-posts");
    var banner = document.getElementById("forum-new-replies");
    if (!socketPath || !postsUrl || !list || !banner || !window.HubSocket) return;
    var lastShown = parseInt(root.dataset.lastNumber || "0", 10);
    // The newest post number this reader has heard of: on (re)connecting the
    // server says the thread's latest, and anything after this is counted new.
    var latestKnown = parseInt(root.dataset.latestNumber || root.dataset.lastNumber || "0", 10);
    var onLastPage = root.dataset.lastPage === "true";
    var pending = new Set();
    var loading = false;

    function render() {
      banner.textContent = "";
      if (!pending.size) return;
      var n = pending.size;
      var text = document.createElement("span");
      text.textContent = n + (n === 1 ? " new reply" : " new replies");
      banner.appendChild(text);
      if (onLastPage) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Show " + (n === 1 ? "it" : "them");
        button.addEventListener("click", showNew);
        banner.appendChild(button);
      } else {
        var link = document.createElement("a");
        link.href = "?page=last";
        link.textContent = "Go to the newest replies";
        banner.appendChild(link);
      }
    }

    function showNew() {
      if (loading) return;
      loading = true;
      fetch(postsUrl + "?after=" + lastShown, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var first = null;
          Array.prototype.slice.call(holder.children).forEach(function (article) {
            var number = parseInt(article.dataset.number || "0", 10);
            if (number <= lastShown || document.getElementById(article.id)) return;
            list.appendChild(article);
            lastShown = number;
            pending.delete(number);
            if (!first) first = article;
          });
          pending.forEach(function (number) { if (number <= lastShown) pending.delete(number); });
          render();
          if (first) {
            // The reader asked for them: take focus there, so keyboard and
            // screen-reader users land on the first new reply.
            first.setAttribute("tabindex", "-1");
            first.focus();
          }
        })
        .catch(function () {
          banner.textContent = "The new replies could not be loaded. Reload the page to see them.";
        })
        .finally(function () { loading = false; });
    }

    // The shared client (static/js/socket.js) reconnects with back-off and
    // stops for good when the server refuses this reader (4403).
    window.HubSocket.open(socketPath, {
      onMessage: function (data) {
        if (typeof data.number !== "number") return;
        if (data.type === "thread.latest") {
          for (var n = latestKnown + 1; n <= data.number; n++) {
            if (n > lastShown) pending.add(n);
          }
        } else if (data.type === "post.created") {
          if (data.number > lastShown) pending.add(data.number);
        } else {
          return;
        }
        latestKnown = Math.max(latestKnown, data.number);
        render();
      },
    });
  }

  // ---- @mention suggestions ---------------------------------------------
  var MENTION = /(^|\s)@([\w'’.-]+(?: [\w'’.-]*)?)$/;

  function mentions(form) {
    var url = form.dataset.autocompleteUrl;
    var textarea = form.querySelector("textarea[data-mention-autocomplete]");
    if (!url || !textarea) return;
    var box = document.createElement("div");
    box.className = "forum-mentions";
    box.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var listEl = document.createElement("ul");
    listEl.setAttribute("aria-label", "Members you can mention");
    box.appendChild(listEl);
    textarea.insertAdjacentElement("afterend", box);
    box.insertAdjacentElement("afterend", status);
    var hint = document.createElement("span");
    hint.id = textarea.id + "_mentionhint";
    hint.className = "visually-hidden";
    hint.textContent = "After typing @ and the start of a name, press the down arrow to choose from matching members.";
    box.insertAdjacentElement("afterend", hint);
    textarea.setAttribute(
      "aria-describedby",
      ((textarea.getAttribute("aria-describedby") || "") + " " + hint.id).trim()
    );
    var timer = null;
    var current = null;

    function close() {
      box.hidden = true;
      listEl.textContent = "";
      current = null;
    }

    function insert(name) {
      if (!current) return;
      var value = textarea.value;
      var end = current.end;
      var before = value.slice(0, current.start) + "@" + name + " ";
      textarea.value = before + value.slice(end);
      close();
      status.textContent = name + " mentioned.";
      textarea.focus();
      textarea.setSelectionRange(before.length, before.length);
    }

    function show(results) {
      listEl.textContent = "";
      if (!results.length) {
        close();
        status.textContent = "No member matches.";
        return;
      }
      results.forEach(function (person) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = person.name + (person.organisation ? " (" + person.organisation + ")" : "");
        b.addEventListener("click", function () { insert(person.name); });
        li.appendChild(b);
        listEl.appendChild(li);
      });
      box.hidden = false;
      status.textContent = results.length + (results.length === 1 ? " member matches" : " members match") + ": press the down arrow to choose.";
    }

    textarea.addEventListener("input", function () {
      var caret = textarea.selectionStart;
      var match = MENTION.exec(textarea.value.slice(0, caret));
      if (!match) { close(); return; }
      var query = match[2];
      current = { start: caret - query.length - 1, end: caret };
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { if (current) show(data.results || []); })
          .catch(close);
      }, 150);
    });

    textarea.addEventListener("keydown", function (event) {
      if (box.hidden) return;
      if (event.key === "ArrowDown") {
        var first = listEl.querySelector("button");
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape") {
        close();
      }
    });

    listEl.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(listEl.querySelectorAll("button"));
      var i = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < buttons.length - 1) { event.preventDefault(); buttons[i + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? buttons[i - 1] : textarea).focus(); }
      else if (event.key === "Escape") { event.preventDefault(); close(); textarea.focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector(".forum-thread-page");
    if (root) liveReplies(root);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autocomplete-url]"), mentions);
  });
})();
