/* clustersite: the member directory's search and facet filters.
 *
 * The full list is in the HTML, so the page works without JavaScript. This script reads
 * each card once, then keeps in the list only the first PAGE matching cards (more on
 * request: with thousands of cards in the document, the browser's restyle after each
 * keystroke takes hundreds of milliseconds), updates each facet's live counts,
 * and keeps the state in the URL (?type=sme&technology=mri&search=pet; not `q`, which Material's own search opens on) so it can be shared.
 * After each update it dispatches `clustersite:update` (detail: {matches, cards}: the number and
 * the list items of every matching member, shown or not yet) on the directory; the map page's
 * script (clustersite-map.js) draws its markers from it.
 */
(function () {
  "use strict";

  var PAGE = 120;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function setup(root) {
    var form = root.querySelector("[data-cs-filters]");
    var list = root.querySelector("[data-cs-list]");
    var query = root.querySelector("[data-cs-query]");
    var resultCount = root.querySelector("[data-cs-result-count]");
    // The page's words in its language, one per plural category (see MemberPages._render_directory).
    var messages = JSON.parse(root.getAttribute("data-cs-messages") || "{}");
    var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
    function say(key, num, values) {
      var forms = messages[key] || {};
      var text = forms[plurals.select(num)] || forms.other || "";
      values.num = num;
      return text.replace(/%\((\w+)\)[ds]/g, function (all, name) { return String(values[name]); });
    }
    var empty = root.querySelector("[data-cs-empty]");
    var more = root.querySelector("[data-cs-more]");
    var emptyText = root.querySelector("[data-cs-empty-text]");
    var drawer = root.querySelector("[data-cs-drawer]");
    var panel = root.querySelector("[data-cs-panel]");
    var activeCount = root.querySelector("[data-cs-active-count]");
    var limit = PAGE;
    var facets = Array.prototype.map.call(root.querySelectorAll("[data-cs-facet]"), function (el) {
      var boxes = Array.prototype.slice.call(el.querySelectorAll("input[type=checkbox]"));
      var labels = {};
      boxes.forEach(function (box) { labels[box.value] = fold(box.parentNode.textContent); });
      return {
        param: el.getAttribute("data-cs-facet"), element: el, boxes: boxes, labels: labels,
        counts: boxes.map(function (box) { return box.parentNode.querySelector("[data-cs-count]"); }),
        rows: boxes.map(function (box) { return box.parentNode.parentNode; })
      };
    });
    var cards = Array.prototype.map.call(list.children, function (li) {
      var values = {};
      var text = li.textContent;
      facets.forEach(function (facet) {
        var raw = li.getAttribute("data-" + facet.param) || "";
        values[facet.param] = raw ? raw.split(" ") : [];
        values[facet.param].forEach(function (v) { text += " " + (facet.labels[v] || v); });
      });
      return { element: li, values: values, text: fold(text) };
    });

    function selected() {
      var state = {};
      facets.forEach(function (facet) {
        state[facet.param] = facet.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return state;
    }

    function matchesFacet(card, param, chosen) {
      if (!chosen.length) return true;
      var have = card.values[param];
      for (var i = 0; i < chosen.length; i++) if (have.indexOf(chosen[i]) !== -1) return true;
      return false;
    }

    function update(pushUrl) {
      var state = selected();
      var words = fold(query.value).split(/\s+/).filter(Boolean);
      var counts = {};
      facets.forEach(function (facet) { counts[facet.param] = {}; });
      var visible = 0;
      var shown = [];
      var matched = [];
      cards.forEach(function (card) {
        var textOk = words.every(function (w) { return card.text.indexOf(w) !== -1; });
        var failing = [];
        facets.forEach(function (facet) {
          if (!matchesFacet(card, facet.param, state[facet.param])) failing.push(facet.param);
        });
        if (textOk && failing.length === 0) {
          if (visible < limit) shown.push(card.element);
          matched.push(card.element);
          visible++;
        }
        // A facet's count: how many cards its value would show, given every other filter.
        if (textOk && failing.length <= 1) {
          facets.forEach(function (facet) {
            if (failing.length === 1 && failing[0] !== facet.param) return;
            card.values[facet.param].forEach(function (v) {
              counts[facet.param][v] = (counts[facet.param][v] || 0) + 1;
            });
          });
        }
      });
      // Only what changed is written: the result count is a live region that a screen reader
      // would read out again, and every write makes the browser restyle the sidebar.
      facets.forEach(function (facet) {
        facet.boxes.forEach(function (box, i) {
          var n = counts[facet.param][box.value] || 0;
          var count = facet.counts[i];
          if (count.textContent !== String(n)) count.textContent = n;
          var zero = n === 0 && !box.checked;
          if (facet.rows[i].classList.contains("cs-zero") !== zero) facet.rows[i].classList.toggle("cs-zero", zero);
        });
      });
      var same = shown.length === list.children.length && shown.every(function (el, i) { return list.children[i] === el; });
      if (!same) list.replaceChildren.apply(list, shown);
      var result = say("count", visible, {});
      if (resultCount.textContent !== result) resultCount.textContent = result;
      empty.hidden = visible !== 0;
      // Say what found nothing: a word typed, the filters, or both.
      var active = facets.reduce(function (n, facet) { return n + state[facet.param].length; }, 0);
      if (visible === 0) {
        var typed = query.value.trim();
        emptyText.textContent = say(typed && active ? "typed_filtered" : typed ? "typed" : "filtered", 0, { query: typed });
      }
      var activeText = active ? " " + say("active", active, {}) : "";
      if (activeCount.textContent !== activeText) activeCount.textContent = activeText;
      more.hidden = visible <= limit;
      if (!more.hidden) more.textContent = say("more", visible - limit, { page: Math.min(PAGE, visible - limit) });
      if (pushUrl) {
        var params = new URLSearchParams();
        if (query.value.trim()) params.set("search", query.value.trim());
        facets.forEach(function (facet) { state[facet.param].forEach(function (v) { params.append(facet.param, v); }); });
        var search = params.toString();
        history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
      }
      // Links to the same members elsewhere (the directory ↔ the map) carry the filters along.
      root.querySelectorAll("[data-cs-keep-filters]").forEach(function (link) { link.search = location.search; });
      // For other scripts (a site's analytics, the benchmark's clock): the list is up to date.
      root.dispatchEvent(new CustomEvent("clustersite:update", { bubbles: true, detail: { matches: visible, cards: matched } }));
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      query.value = params.get("search") || "";
      facets.forEach(function (facet) {
        var wanted = params.getAll(facet.param);
        facet.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
      });
    }

    // On a phone the filters are a drawer: closed at first, opened by a button that counts the active ones.
    drawer.addEventListener("click", function () {
      var open = drawer.getAttribute("aria-expanded") !== "true";
      drawer.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("cs-filters__panel--open", open);
    });
    // Each filter group shows its first terms; "Show all" unfolds the rest (a checked term always shows).
    root.querySelectorAll("[data-cs-facet-more]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        button.parentNode.classList.toggle("cs-facet--all", open);
        button.textContent = button.getAttribute(open ? "data-cs-fewer" : "data-cs-all");
      });
    });
    root.querySelector("[data-cs-js-intro]").hidden = false;
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { limit = PAGE; update(true); });
    query.addEventListener("input", function () { limit = PAGE; update(true); });
    more.addEventListener("click", function () { limit += PAGE; update(false); });
    root.querySelectorAll("[data-cs-reset]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        form.reset();
        limit = PAGE;
        update(true);
      });
    });
    window.addEventListener("popstate", function () { readUrl(); update(false); });
    readUrl();
    update(false);
    root.setAttribute("data-cs-ready", "");
  }

  // The 404 page's search box hands its words to Material's search, opened over the page.
  function siteSearch(form) {
    var toggle = document.querySelector("[data-md-toggle=search]");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!toggle || !input) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var words = form.querySelector("input").value;
      if (!toggle.checked) toggle.click();
      input.value = words;
      input.focus();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  // The connections graph: focusing or pointing at a member (a link in the SVG) lights it, its
  // partners and the lines between them, and says who they are in the status line beside it.
  // Enter and a click follow the link, as any link does.
  function graphSetup(svg) {
    var nodes = {};
    Array.prototype.forEach.call(svg.querySelectorAll("[data-key]"), function (a) { nodes[a.getAttribute("data-key")] = a; });
    var edges = {};
    Array.prototype.forEach.call(svg.querySelectorAll("path[data-a]"), function (path) {
      [path.getAttribute("data-a"), path.getAttribute("data-b")].forEach(function (key) { (edges[key] = edges[key] || []).push(path); });
    });
    var messages = JSON.parse(svg.getAttribute("data-cs-messages") || "{}");
    var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
    var status = svg.closest("figure") && svg.closest("figure").querySelector("[data-cs-graph-status]");
    var lit = [];
    function clear() {
      lit.forEach(function (el) { el.classList.remove("cs-lit"); });
      lit = [];
      svg.classList.remove("cs-graph--focused");
    }
    function light(a) {
      clear();
      var key = a.getAttribute("data-key");
      var partners = (a.getAttribute("data-partners") || "").split(" ").filter(function (k) { return nodes[k]; });
      lit = [a].concat(partners.map(function (k) { return nodes[k]; }), edges[key] || []);
      lit.forEach(function (el) { el.classList.add("cs-lit"); });
      svg.classList.add("cs-graph--focused");
      if (status) {
        var forms = messages[svg.hasAttribute("data-cs-aggregated") ? "types" : "partners"] || {};
        var text = forms[plurals.select(partners.length)] || forms.other || "";
        var values = { name: a.getAttribute("data-name"), num: partners.length, partners: partners.map(function (k) { return nodes[k].getAttribute("data-name"); }).join(", ") };
        status.textContent = text.replace(/%\((\w+)\)[ds]/g, function (all, name) { return String(values[name]); });
      }
    }
    Object.keys(nodes).forEach(function (key) {
      var a = nodes[key];
      a.addEventListener("focus", function () { light(a); });
      a.addEventListener("mouseenter", function () { light(a); });
      a.addEventListener("blur", clear);
      a.addEventListener("mouseleave", function () { if (document.activeElement !== a) clear(); });
    });
    svg.setAttribute("data-cs-ready", "");
  }

  function init() {
    document.querySelectorAll("[data-cs-directory]").forEach(setup);
    document.querySelectorAll("[data-cs-graph]").forEach(graphSetup);
    document.querySelectorAll("[data-cs-site-search]").forEach(siteSearch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
