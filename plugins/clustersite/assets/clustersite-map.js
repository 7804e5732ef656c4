/* clustersite: the map page's markers follow the directory's filters.
 *
 * The map is drawn at build time (structure/map.py); without JavaScript it is a picture whose
 * markers are links. The directory's script (clustersite.js) filters the list of members below
 * the maps and dispatches `clustersite:update` with the matching items (detail.cards); this
 * script hides the markers of places none of them is in, and writes each city's count. A
 * city's marker opens a small list of its matching members (without JavaScript, it leads to
 * the city's entry in the list below). Loaded at the end of the map page's content, before
 * clustersite.js sets the filters up, so it hears the first update too.
 */
(function () {
  "use strict";

  function setup(root) {
    var messages = JSON.parse(root.getAttribute("data-cs-map-messages") || "{}");
    var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
    function say(key, num, values) {
      var forms = messages[key] || {};
      var text = forms[plurals.select(num)] || forms.other || "";
      values.num = num;
      return text.replace(/%\((\w+)\)[ds]/g, function (all, name) { return String(values[name]); });
    }
    var markers = Array.prototype.slice.call(root.querySelectorAll("[data-cs-marker]"));
    var popup = root.querySelector("[data-cs-map-popup]");
    var popupTitle = root.querySelector("[data-cs-map-popup-title]");
    var popupList = root.querySelector("[data-cs-map-popup-list]");
    var byPlace = {};
    var opener = null;

    function closePopup() {
      if (popup.hidden) return;
      popup.hidden = true;
      if (opener) opener.focus();
      opener = null;
    }

    function openPopup(marker) {
      var place = marker.getAttribute("data-place");
      var cards = byPlace[place] || [];
      popupTitle.textContent = say("place", cards.length, { place: marker.getAttribute("data-label") });
      popupList.replaceChildren.apply(popupList, cards.map(function (card) {
        var item = document.createElement("li");
        item.appendChild(card.querySelector("a").cloneNode(true));
        return item;
      }));
      popup.hidden = false;
      opener = marker;
      popup.focus();
    }

    root.addEventListener("clustersite:update", function (event) {
      byPlace = {};
      (event.detail.cards || []).forEach(function (card) {
        var place = card.getAttribute("data-place");
        (byPlace[place] = byPlace[place] || []).push(card);
      });
      markers.forEach(function (marker) {
        var n = (byPlace[marker.getAttribute("data-place")] || []).length;
        var off = n === 0;
        if (marker.classList.contains("cs-marker--off") !== off) marker.classList.toggle("cs-marker--off", off);
        if (off) marker.setAttribute("tabindex", "-1");
        else marker.removeAttribute("tabindex");
        if (marker.hasAttribute("data-cs-group")) {
          var count = marker.querySelector("text");
          if (count.textContent !== String(n)) count.textContent = n;
          var title = marker.querySelector("title");
          var text = say("place", n, { place: marker.getAttribute("data-label") });
          if (title.textContent !== text) title.textContent = text;
        }
      });
      if (!popup.hidden && opener && opener.classList.contains("cs-marker--off")) closePopup();
      root.setAttribute("data-cs-map-ready", "");
    });

    markers.forEach(function (marker) {
      if (!marker.hasAttribute("data-cs-group")) return;
      marker.setAttribute("role", "button");
      marker.setAttribute("aria-haspopup", "dialog");
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        openPopup(marker);
      });
      marker.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); openPopup(marker); }
      });
    });
    root.querySelector("[data-cs-map-close]").addEventListener("click", closePopup);
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePopup();
    });
  }

  document.querySelectorAll("[data-cs-map]").forEach(setup);
})();
