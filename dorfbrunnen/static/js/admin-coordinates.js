// Admin, centre editor: the centre's position comes from its address – „Position aus der
// Adresse“ looks the postcode up. The coordinates themselves stay folded away („Position von
// Hand eintragen“) unless they have an error; with a tile server, a map with a draggable pin
// sets them too.
(function () {
  const lat = document.getElementById("id_latitude");
  const lon = document.getElementById("id_longitude");
  const postcode = document.getElementById("id_postcode");
  if (!lat || !lon || !postcode) return;

  const row = lat.closest(".w-field-row") || lon.closest("[data-field-wrapper]") || lon.parentElement;
  row.id = row.id || "centre-position-fields";
  const invalid = row.querySelector(".w-field--error, [aria-invalid='true'], .error-message");

  const tools = document.createElement("div");
  tools.className = "centre-coordinates";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button-small button-secondary";
  button.textContent = "Position aus der Adresse";
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "button button-small button-secondary";
  toggle.textContent = "Position von Hand eintragen";
  toggle.setAttribute("aria-controls", row.id);
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "help";
  status.textContent =
    lat.value && lon.value
      ? "Die Position ist gesetzt. Nach einem Umzug: PLZ ändern und „Position aus der Adresse“ klicken."
      : "Noch keine Position: Sie wird beim Speichern aus der PLZ genommen.";
  tools.append(button, document.createTextNode(" "), toggle, status);
  row.before(tools);

  function fold(open) {
    row.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  }
  fold(Boolean(invalid));
  toggle.addEventListener("click", () => fold(row.hidden));

  let marker = null;
  let map = null;
  const tiles = window.dorfbrunnenMap && window.dorfbrunnenMap.tiles;

  function show(latitude, longitude) {
    if (!map || !marker) return;
    marker.setLatLng([latitude, longitude]);
    map.setView([latitude, longitude], 15);
  }

  button.addEventListener("click", async () => {
    const code = postcode.value.trim();
    status.textContent = "";
    try {
      const response = await fetch(`/api/v1/postcodes/${encodeURIComponent(code)}/`);
      const data = await response.json();
      if (!response.ok) {
        status.textContent = data.error || "Diese Postleitzahl kennen wir nicht.";
        return;
      }
      lat.value = data.latitude.toFixed(5);
      lon.value = data.longitude.toFixed(5);
      status.textContent = `Übernommen: ${data.label}`;
      show(data.latitude, data.longitude);
    } catch {
      status.textContent = "Die Postleitzahl konnte gerade nicht nachgeschlagen werden.";
    }
  });

  if (tiles && window.L) {
    const element = document.createElement("div");
    element.style.height = "320px";
    element.style.marginTop = "1rem";
    tools.append(element);
    const start = [parseFloat(lat.value) || 51.45, parseFloat(lon.value) || 7.5];
    map = window.L.map(element).setView(start, lat.value ? 15 : 8);
    window.L.tileLayer(tiles, { attribution: window.dorfbrunnenMap.attribution, maxZoom: 19 }).addTo(map);
    marker = window.L.marker(start, { draggable: true }).addTo(map);
    // The admin does not underline links; the credits must not be told by colour alone.
    for (const link of map.attributionControl.getContainer().querySelectorAll("a")) {
      link.style.textDecoration = "underline";
    }
    marker.on("dragend", () => {
      const point = marker.getLatLng();
      lat.value = point.lat.toFixed(5);
      lon.value = point.lng.toFixed(5);
      status.textContent = "Position aus der Karte übernommen.";
    });
  }
})();
