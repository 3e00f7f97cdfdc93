/* The map of member councils: draws the page's council list on a Leaflet map.
   The list is the page; this only adds the map. Nothing is fetched from
   another site unless MAP_TILE_URL names a tile server. */
(function () {
  "use strict";

  var UK = [[49.8, -8.7], [60.9, 1.9]];

  function start() {
    var box = document.getElementById("council-map");
    var dataNode = document.getElementById("council-map-data");
    var detail = document.getElementById("council-map-detail");
    if (!box || !dataNode || !window.L) return;
    var councils = JSON.parse(dataNode.textContent);

    box.hidden = false;
    detail.hidden = false;
    var map = window.L.map(box, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.fitBounds(UK);
    if (box.dataset.tileUrl) {
      window.L.tileLayer(box.dataset.tileUrl, {
        attribution: box.dataset.tileAttribution || "",
        maxZoom: 18,
      }).addTo(map);
    }
    fetch(box.dataset.outline, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outline) {
        if (!outline) return;
        window.L.geoJSON(outline, {
          interactive: false,
          style: { color: "#4a5b6c", weight: 1, fillColor: "#e3ece6", fillOpacity: 1 },
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the markers and the list still work */ });

    var markers = {};
    var selected = null;

    function select(council, fromList) {
      var entry = document.getElementById("council-" + council.slug);
      if (selected) selected.classList.remove("is-selected");
      selected = entry;
      detail.textContent = "";
      if (entry) {
        entry.classList.add("is-selected");
        var card = document.createElement("div");
        card.className = "council-card";
        Array.prototype.forEach.call(entry.children, function (child) {
          if (!child.classList.contains("show-on-map")) card.appendChild(child.cloneNode(true));
        });
        detail.appendChild(card);
      }
      if (fromList && markers[council.slug]) {
        map.setView(markers[council.slug].getLatLng(), Math.max(map.getZoom(), 7));
        markers[council.slug].getElement().focus();
      }
    }

    councils.forEach(function (council) {
      if (council.lat === null || council.lng === null) return;
      var marker = window.L.marker([council.lat, council.lng], {
        title: council.name,
        alt: council.name,
        keyboard: true,
        riseOnHover: true,
      }).addTo(map);
      markers[council.slug] = marker;
      marker.on("click", function () { select(council, false); });
      var element = marker.getElement();
      element.setAttribute("aria-label", council.name + ": show its approaches");
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(council, false);
        }
      });
      var entry = document.getElementById("council-" + council.slug);
      if (entry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "show-on-map link-button";
        button.textContent = "Show " + council.name + " on the map";
        button.addEventListener("click", function () { select(council, true); });
        entry.appendChild(button);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
