// Theme suggestions for the comma-separated themes field. Without this script
// the field is plain text and the server-rendered datalist still suggests the
// most used themes for the first entry.
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
})();
