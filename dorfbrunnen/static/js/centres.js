// Centre finder and profiles: refresh "Jetzt geöffnet" from the intervals in the page,
// search from the visitor's position, and draw the map when a tile server is configured
// (main.js moves the focus to the results after a search).

// Texts come from the page (gettext, in its language); dates in the page's language too.
const pageLanguage = document.documentElement.lang || "de";
const berlinDay = new Intl.DateTimeFormat(pageLanguage, {
  timeZone: "Europe/Berlin", weekday: "long", day: "numeric", month: "long",
});
const berlinTime = new Intl.DateTimeFormat(pageLanguage, {
  timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit",
});
// The calendar day in Berlin, as YYYY-MM-DD (whatever the visitor's own time zone).
const berlinDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" });

function dayAfter(isoDay) {
  const [year, month, day] = isoDay.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

function refreshOpenStatus() {
  const now = Date.now();
  document.querySelectorAll(".open-status[data-hours]").forEach((element) => {
    let intervals;
    try {
      intervals = JSON.parse(element.dataset.hours);
    } catch {
      return;
    }
    if (!intervals.length) return;
    const current = intervals.find(([begin, end]) => begin <= now && now < end);
    const next = intervals.find(([begin]) => begin > now);
    if (current) {
      element.textContent = element.dataset.textOpen
        .replace("%(time)s", berlinTime.format(current[1]));
      element.className = "open-status open-status--open";
    } else if (next) {
      // Today and tomorrow by name, as the server writes them.
      const day = berlinDate.format(next[0]);
      const today = berlinDate.format(now);
      let text = element.dataset.textClosed.replace("%(day)s", berlinDay.format(next[0]));
      if (day === today) text = element.dataset.textToday;
      else if (day === dayAfter(today)) text = element.dataset.textTomorrow;
      element.textContent = text.replace("%(time)s", berlinTime.format(next[0]));
      element.className = "open-status open-status--closed";
    }
  });
}

function initGeolocation() {
  const button = document.querySelector("[data-geolocate]");
  const form = document.getElementById("centre-finder");
  if (!button || !form || !("geolocation" in navigator)) return;
  const message = form.querySelector(".finder__geo-error");
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.elements.near.value =
          `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        form.elements.ort.value = "";
        form.submit();
      },
      () => {
        button.disabled = false;
        message.hidden = false;
        message.textContent = message.dataset.text;
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}

function initMaps() {
  if (typeof window.L === "undefined") return;
  document.querySelectorAll(".centre-map[data-tiles]").forEach((container) => {
    const scope = container.closest("main") || document;
    const cards = [...scope.querySelectorAll(".centre-card[data-lat]")];
    if (!cards.length) return;
    const map = window.L.map(container, { scrollWheelZoom: false });
    window.L.tileLayer(container.dataset.tiles, {
      attribution: container.dataset.attribution, maxZoom: 18,
    }).addTo(map);
    const points = cards.map((card) => {
      const point = [parseFloat(card.dataset.lat), parseFloat(card.dataset.lon)];
      const link = card.querySelector(".centre-card__link");
      const marker = window.L.marker(point, { keyboard: true, title: link ? link.textContent : "" });
      if (link) {
        const popupLink = document.createElement("a");
        popupLink.href = link.href;
        popupLink.textContent = link.textContent;
        marker.bindPopup(popupLink);
      }
      marker.addTo(map);
      return point;
    });
    if (points.length === 1) map.setView(points[0], 14);
    else map.fitBounds(points, { padding: [24, 24] });
  });
}

refreshOpenStatus();
setInterval(refreshOpenStatus, 60000);
initGeolocation();
initMaps();
