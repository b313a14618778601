// The provider editor's map: wagtailgeowidget's LeafletField, usable without map tiles.
// The map is always shown, a click places the point, the latitude and longitude inputs
// follow the marker (and move it). Its ground is the site's own base layer (the public
// map's: Bulgaria, Romania, the programme-area districts and the Danube) and the
// districts' centres are labelled circles, so the editor sees where the point is even
// when no tile server is configured.
(function () {
  "use strict";

  if (!window.L || !window.LeafletField || !window.StimulusModule) return;

  var BASE_STYLES = {
    country: { pane: "ground", color: "#5b6770", weight: 1.5, fillColor: "#ffffff", fillOpacity: 1 },
    district: { color: "#1d4f91", weight: 1, fillColor: "#6f9fd8", fillOpacity: 0.08 },
    river: { color: "#2f6fb3", weight: 3, opacity: 0.9 },
  };

  function escaped(text) {
    var span = document.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }

  function ProviderLocationField(options) {
    this.districts = options.districts || [];
    this.hasPoint = Boolean(options.hasPoint);
    this.baseLayer = options.baseLayer || "";
    this.latitudeField = $(options.latitudeSelector || []);
    this.longitudeField = $(options.longitudeSelector || []);
    if (options.markerIcons) {
      // Hashed static file names: Leaflet cannot guess its images from leaflet.css.
      L.Icon.Default.imagePath = "";
      L.Icon.Default.mergeOptions(options.markerIcons);
    }
    LeafletField.call(this, options);
  }

  ProviderLocationField.prototype = Object.create(LeafletField.prototype);
  ProviderLocationField.prototype.constructor = ProviderLocationField;

  ProviderLocationField.prototype.initMap = function (mapEl, defaultLocation) {
    var self = this;
    var element = mapEl[0];
    element.classList.add("provider-location-map");
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", this.translations.map_label);

    var translations = this.translations;
    var map = L.map(element, { zoomControl: false, attributionControl: false })
      .setView(defaultLocation, this.zoom);
    L.control.zoom({
      zoomInTitle: translations.zoom_in,
      zoomOutTitle: translations.zoom_out,
    }).addTo(map);
    L.control.attribution({ prefix: escaped(translations.attribution_prefix) }).addTo(map);
    // The ground (the two countries) lies under the tiles, when there are tiles.
    map.createPane("ground").style.zIndex = 150;
    if (this.tileLayer) {
      L.tileLayer(
        this.tileLayer,
        Object.assign({ maxZoom: 19 }, this.tileLayerOptions)
      ).addTo(map);
    }
    if (this.baseLayer && window.fetch) {
      fetch(this.baseLayer)
        .then(function (response) { return response.json(); })
        .then(function (layer) {
          L.geoJSON(layer, {
            interactive: false,
            attribution: escaped(translations.base_attribution),
            style: function (feature) { return BASE_STYLES[feature.properties.kind]; },
          }).addTo(map).bringToBack();  // under the district centres
          element.dataset.baseLayer = "drawn";
        })
        .catch(function () { element.dataset.baseLayer = "failed"; });
    }

    // The districts' centres, named in the editor's language.
    this.districts.forEach(function (district) {
      L.circleMarker([district.lat, district.lng], {
        radius: 7,
        weight: 2,
        color: "#1d4f91",
        fillColor: "#6f9fd8",
        fillOpacity: 0.35,
        interactive: false,
      })
        .bindTooltip(district.name, {
          permanent: true,
          direction: "right",
          offset: [8, 0],
          className: "provider-location-district",
        })
        .addTo(map);
    });

    var marker = L.marker(defaultLocation, {
      draggable: true,
      keyboard: true,
      title: this.translations.marker_title,
      alt: this.translations.marker_title,
    });
    if (this.hasPoint) marker.addTo(map);

    map.on("click", function (event) {
      self.setMapPosition(event.latlng);
      self.updateLatLng(event.latlng);
      self.writeLocation(event.latlng);
    });

    this.map = map;
    this.marker = marker;
  };

  ProviderLocationField.prototype.showMarker = function () {
    if (!this.hasPoint) {
      this.hasPoint = true;
      this.marker.addTo(this.map);
    }
  };

  ProviderLocationField.prototype.writeLocation = function (latLng) {
    LeafletField.prototype.writeLocation.call(this, latLng);
    this.showMarker();
    this.latitudeField.val(Number(latLng.lat).toFixed(6));
    this.longitudeField.val(Number(latLng.lng).toFixed(6));
  };

  ProviderLocationField.prototype.initEvents = function () {
    LeafletField.prototype.initEvents.call(this);
    var self = this;

    function number(field) {
      return parseFloat(String(field.val() || "").replace(",", "."));
    }

    function followInputs() {
      var lat = number(self.latitudeField);
      var lng = number(self.longitudeField);
      if (isNaN(lat) || isNaN(lng)) return;
      var latLng = L.latLng(lat, lng);
      self.setMapPosition(latLng);
      self.updateLatLng(latLng);
      LeafletField.prototype.writeLocation.call(self, latLng);
      self.showMarker();
    }

    this.latitudeField.on("change", followInputs);
    this.longitudeField.on("change", followInputs);
  };

  class ProviderLocationController extends window.StimulusModule.Controller {
    static values = { options: Object };

    connect() {
      if (this.element.providerLocationField) return;
      var id = this.element.id;
      var namespace = "id_";
      if (id.indexOf("-") !== -1) {
        namespace = id.split("-").slice(0, -1).join("-") + "-";
      }
      function selector(name) {
        return name ? "#" + namespace + name : null;
      }
      var options = this.optionsValue;
      options = Object.assign({}, options, {
        id: id,
        addressSelector: selector(options.addressField),
        zoomSelector: selector(options.zoomField),
        latitudeSelector: selector(options.latitudeField),
        longitudeSelector: selector(options.longitudeField),
      });
      this.element.providerLocationField = new ProviderLocationField(options);
    }
  }

  window.wagtail.app.register("provider-location", ProviderLocationController);
})();
