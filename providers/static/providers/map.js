// The provider map: an enhancement of the list above it, drawn from the same filters.
(function () {
  "use strict";
  const element = document.getElementById("provider-map");
  if (!element || !window.L || !window.fetch) return;
  element.hidden = false;
  element.setAttribute("role", "region");
  element.setAttribute("aria-label", element.dataset.label);

  const map = L.map(element, { keyboard: true, scrollWheelZoom: false }).setView([44.0, 25.5], 7);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 18,
    }).addTo(map);
  }

  const clusters = L.markerClusterGroup({ showCoverageOnHover: false });
  // Cluster markers are keyboard-focusable buttons: give each an accessible name.
  map.on("layeradd", function (event) {
    const layer = event.layer;
    if (layer.getChildCount && layer.getElement()) {
      const count = layer.getChildCount();
      layer.getElement().setAttribute("aria-label", count + " \u00d7 " + element.dataset.label);
      layer.getElement().setAttribute("title", String(count));
    }
  });

  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      data.features.forEach(function (feature) {
        const coordinates = feature.geometry.coordinates;
        const name = feature.properties.name;
        const marker = L.marker([coordinates[1], coordinates[0]], {
          title: name, alt: name, keyboard: true,
        });
        const link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = name;
        marker.bindPopup(link);
        clusters.addLayer(marker);
      });
      map.addLayer(clusters);
      if (data.features.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 11, padding: [24, 24] });
      }
      element.dataset.markers = String(data.features.length);
    })
    .catch(function () { element.hidden = true; });
})();
