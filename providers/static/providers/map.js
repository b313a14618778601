// The provider map: an enhancement of the list above it, drawn from the same filters.
// Its ground is the site's own base layer (Bulgaria, Romania, the programme-area districts
// and the Danube); map tiles are added only when the site configures a tile server.
// Every word Leaflet shows comes from the page (data- attributes), in its language.
(function () {
  "use strict";
  const element = document.getElementById("provider-map");
  if (!element || !window.L || !window.fetch) return;
  const data = element.dataset;
  const language = document.documentElement.lang || "en";
  element.hidden = false;
  element.setAttribute("role", "region");
  element.setAttribute("aria-label", data.label);

  function escaped(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function localName(names) {
    return names[language] || names.en;
  }

  // Hashed static file names: Leaflet cannot guess its images from leaflet.css.
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: data.markerIcon,
    iconRetinaUrl: data.markerIconRetina,
    shadowUrl: data.markerShadow,
  });

  const map = L.map(element, {
    keyboard: true,
    scrollWheelZoom: false,
    zoomControl: false,
    attributionControl: false,
    minZoom: 5,
    // Without tiles, closer than a town's scale there is nothing more to see; clusters of
    // one place spread out (spiderfy) at the deepest zoom.
    maxZoom: data.tiles ? 18 : 11,
  }).setView([44.0, 25.5], 7);
  L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
  L.control.attribution({ prefix: escaped(data.attributionPrefix) }).addTo(map);
  function zoomed() {
    element.classList.toggle("provider-map--far", map.getZoom() < 7);
    element.dataset.zoom = String(map.getZoom());
  }
  map.on("zoomend", zoomed);
  zoomed();
  map.on("popupopen", function (event) {
    const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", data.closePopup);
  });

  // Panes, bottom to top: the ground (the two countries), tiles when configured, the
  // districts, the Danube (much of it their border), names, then the markers.
  map.createPane("ground").style.zIndex = 150;
  map.createPane("river").style.zIndex = 420;
  map.getPane("river").style.pointerEvents = "none";
  map.createPane("names").style.zIndex = 450;
  map.getPane("names").style.pointerEvents = "none";

  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  }

  const styles = {
    country: { pane: "ground", color: "#5b6770", weight: 1.5, fillColor: "#ffffff", fillOpacity: 1 },
    river: { pane: "river", color: "#2f6fb3", weight: 3, opacity: 0.9 },
    district: {
      className: "provider-map__district",
      color: "#0b5d4b",
      weight: 1.5,
      fillColor: "#0b5d4b",
      fillOpacity: 0.08,
    },
  };

  fetch(data.baseLayer)
    .then(function (response) { return response.json(); })
    .then(function (layer) {
      const drawn = L.geoJSON(layer, {
        interactive: false,
        attribution: escaped(data.baseAttribution),
        style: function (feature) { return styles[feature.properties.kind]; },
        onEachFeature: function (feature) {
          const properties = feature.properties;
          if (!properties.label) return;
          const [lng, lat] = properties.label;
          const name = L.tooltip({
            pane: "names",
            permanent: true,
            direction: "center",
            className: "provider-map__name provider-map__name--" + properties.kind,
          })
            .setLatLng([lat, lng])
            .setContent(escaped(localName(properties.name)))
            .addTo(map);
          // A visual label: the shape carries its name for assistive technology.
          name.getElement().setAttribute("aria-hidden", "true");
        },
      }).addTo(map);
      drawn.eachLayer(function (path) {
        const properties = path.feature.properties;
        const shape = path.getElement();
        shape.setAttribute("role", "img");
        shape.setAttribute("aria-label", localName(properties.name));
        shape.dataset.kind = properties.kind;
        if (properties.code) shape.dataset.code = properties.code;
      });
      element.dataset.baseLayer = "drawn";
    })
    .catch(function () { element.dataset.baseLayer = "failed"; });

  const clusters = L.markerClusterGroup({ showCoverageOnHover: false });
  // Clusters open by keyboard as by click: Leaflet 1.9 no longer turns Enter into a click.
  clusters.on("clusterkeypress", function (event) {
    const key = event.originalEvent.key;
    if (key !== "Enter" && key !== " ") return;
    event.originalEvent.preventDefault();
    if (map.getZoom() >= map.getMaxZoom()) {
      event.layer.spiderfy();
    } else {
      event.layer.zoomToBounds();
      element.focus();  // the cluster's button is gone; Tab goes on from the map
    }
  });
  // Cluster markers are keyboard-focusable buttons: give each an accessible name.
  map.on("layeradd", function (event) {
    const layer = event.layer;
    if (layer.getChildCount && layer.getElement()) {
      const label = data.clusterLabel.replace("{count}", String(layer.getChildCount()));
      layer.getElement().setAttribute("aria-label", label);
      layer.getElement().setAttribute("title", label);
    }
  });

  const defaultIcon = new L.Icon.Default();
  const communityIcon = new L.Icon.Default({ className: "provider-map__marker--community" });
  let communityMarkers = 0;

  fetch(data.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      collection.features.forEach(function (feature) {
        const coordinates = feature.geometry.coordinates;
        const name = feature.properties.name;
        // Organisations where community members work: another colour, said in words too.
        const community = feature.properties.community_members > 0;
        const label = community ? name + " – " + data.communityLabel : name;
        const marker = L.marker([coordinates[1], coordinates[0]], {
          title: label, alt: label, keyboard: true,
          icon: community ? communityIcon : defaultIcon,
        });
        const popup = document.createElement("div");
        const link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = name;
        popup.appendChild(link);
        if (community) {
          const note = document.createElement("p");
          note.className = "provider-map__popup-note";
          note.textContent = data.communityLabel;
          popup.appendChild(note);
          communityMarkers += 1;
        }
        marker.bindPopup(popup);
        clusters.addLayer(marker);
      });
      const key = document.getElementById("provider-map-key");
      if (key && communityMarkers) key.hidden = false;
      element.dataset.communityMarkers = String(communityMarkers);
      map.addLayer(clusters);
      if (collection.features.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 11, padding: [24, 24] });
      }
      element.dataset.markers = String(collection.features.length);
    })
    .catch(function () { element.hidden = true; });
})();
