// Ideas bank: theme suggestions for the themes field, and refusals of the vote
// button shown beside it. Without this script the themes field is plain text
// (the server-rendered datalist still suggests the most used themes) and the
// vote button is a plain form whose refusals are whole pages.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-theme-url");
    if (!list || !url) return;
    var lastQuery = null;

    var suggest = debounce(function () {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      var query = value.slice(cut + 1).trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) return;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { themes: [] }; })
        .then(function (data) {
          var chosen = value.split(",").map(function (s) { return s.trim().toLowerCase(); });
          list.textContent = "";
          data.themes.forEach(function (name) {
            if (chosen.indexOf(name.toLowerCase()) !== -1) return;
            var option = document.createElement("option");
            // The whole field value, so choosing a suggestion completes the last theme.
            option.value = (head + name).replace(/^\s+/, "");
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200);

    input.addEventListener("input", suggest);
  }

  document.querySelectorAll("input[data-theme-url]").forEach(setUp);

  // htmx leaves error responses unswapped; the error layer answers a refused
  // vote (403, 400, 429) with a short message, which goes in the widget's slot.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status < 400 || !detail.target.closest) return;
    var widget = detail.target.closest(".vote");
    var slot = widget && widget.querySelector(".vote__error");
    if (!slot) return;
    detail.shouldSwap = true;
    detail.isError = false;
    detail.target = slot;
  });
})();
