/* Pagefind search for the header and for the catalogue finder (/produk/cari/).
 * Nothing is fetched until a visitor starts to search: then pagefind.js, its
 * WebAssembly and only the index chunks the query needs. */
(function () {
  "use strict";

  // Pagefind filter keys; their names on the page come with the page (labels)
  var FILTERS = ["kategori", "wilayah", "provinsi", "jarpuk", "harga", "ketersediaan", "sertifikasi"];

  /* The words of the page's language, which the page hands over in
   * data-puk-labels (Pagefind keeps an index per language, and picks the
   * page's by its <html lang>). */
  function labelsOf(root) {
    try { return JSON.parse(root.getAttribute("data-puk-labels") || "{}"); } catch (e) { return {}; }
  }
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ""; });
  }
  var PAGE_SIZE = 24;
  var CARD_SIZES = "(min-width: 45em) 12rem, 50vw"; // as catalog/pages.py CARD_SIZES
  var loading = null;

  /* A large site has its index in parts (asppuk.search_index): the list
   * comes with the library, and Pagefind merges the parts into one search. */
  function parts(base) {
    return fetch(new URL("asppuk-indexes.json", base).href)
      .then(function (r) { return r.ok ? r.json() : { merge: [] }; })
      .catch(function () { return { merge: [] }; });
  }

  function pagefind(url) {
    if (!loading) {
      // import() needs an absolute URL; the page gives one relative to itself
      var href = new URL(url, document.baseURI).href;
      loading = Promise.all([import(href), parts(href)]).then(function (loaded) {
        var pf = loaded[0], options = { excerptLength: 20 };
        return pf.options(options).then(function () {
          return Promise.all(loaded[1].merge.map(function (part) {
            // a path, not a URL: result links then read as the main index's do
            return pf.mergeIndex(new URL(part, href).pathname, options);
          }));
        }).then(function () { return pf; });
      });
    }
    return loading;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Pagefind excerpts are text from our own pages with <mark> around hits:
   * keep only that markup. */
  function excerpt(html) {
    var p = el("p", { "class": "puk-result__excerpt" });
    String(html || "").split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = document.createTextNode(part.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'"));
      if (inMark) { var m = el("mark"); m.appendChild(text); p.appendChild(m); } else { p.appendChild(text); }
      return inMark;
    }, false);
    return p;
  }

  /* -- header search ------------------------------------------------------ */

  function setUpHeader(root) {
    var input = root.querySelector("input[name=q]");
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");
    var url = root.getAttribute("data-pagefind");
    var words = labelsOf(root);
    var open = function () { if (toggle) toggle.checked = true; pagefind(url); };

    input.addEventListener("focus", open);
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) { pagefind(url); setTimeout(function () { input.focus(); }, 50); } });
    }
    // Escape (closing the search, focus back where it was) is asppuk-theme's site.js
    document.addEventListener("keydown", function (e) {
      if ((e.key === "/" || e.key === "s") && document.activeElement === document.body) { e.preventDefault(); input.focus(); }
    });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (!query) { list.textContent = ""; meta.textContent = words.placeholder; return; }
      pagefind(url).then(function (pf) { return pf.debouncedSearch(query, {}, 200); }).then(function (search) {
        if (!search) return; // a newer query replaced this one
        return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (items) {
          list.textContent = "";
          var n = search.results.length;
          meta.textContent = n ? (n === 1 ? words.one : words.other).replace("#", n) : words.none + ": \u201c" + query + "\u201d";
          items.forEach(function (item) { list.appendChild(headerResult(item)); });
        });
      });
    });
  }

  function headerResult(item) {
    var li = el("li", { "class": "md-search-result__item" });
    var a = el("a", { href: item.url, "class": "md-search-result__link puk-result" });
    var article = el("article", { "class": "md-search-result__article md-typeset" });
    if (item.meta.image) article.appendChild(el("img", { src: item.meta.image, alt: "", width: "64", height: "48", loading: "lazy", "class": "puk-result__thumb" }));
    article.appendChild(el("h1", {}, item.meta.title || item.url));
    var line = [item.meta.harga, item.meta.jarpuk || item.meta.jenis].filter(Boolean).join(" · ");
    if (line) article.appendChild(el("p", { "class": "puk-result__meta" }, line));
    article.appendChild(excerpt(item.excerpt));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* -- catalogue finder ---------------------------------------------------- */

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", filters: {} };
    FILTERS.forEach(function (f) {
      var values = params.getAll(f);
      if (values.length) state.filters[f] = values;
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (f) { (state.filters[f] || []).forEach(function (v) { params.append(f, v); }); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function setUpFinder(root) {
    var url = root.getAttribute("data-pagefind");
    var form = root.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var filtersBox = root.querySelector(".puk-finder__filters");
    var toggle = root.querySelector(".puk-finder__toggle");
    var active = root.querySelector(".puk-finder__active");
    var count = root.querySelector(".puk-finder__count");
    var list = root.querySelector(".puk-finder__results");
    var more = root.querySelector(".puk-finder__more");
    var bar = root.querySelector(".puk-finder__bar");
    var apply = filtersBox.querySelector(".puk-finder__apply"); // the phone's "Lihat n hasil" bar: stays last
    var show = apply.querySelector("button");
    var state = readState();
    var results = [];
    var shown = 0;
    var allFilters = null;
    var boxes = {}; // "filter\u0000value" -> {box, count}: built once, then only updated
    var latest = 0;
    var words = labelsOf(root);
    input.value = state.q;

    function openFilters(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("puk-finder--open", open);
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      openFilters(open);
      if (open) { var first = filtersBox.querySelector("input"); if (first) first.focus(); }
    });
    /* "Lihat n hasil" (phones only, under the open filters): close them, so
     * the results sit right under the count line, bring that line to the top
     * of the screen and move focus to the list; the count line (a live
     * region) has announced n already. See finder.html. */
    show.addEventListener("click", function () {
      openFilters(false);
      list.focus({ preventScroll: true });
      bar.scrollIntoView({ block: "start" });
    });

    function run() {
      writeState(state);
      var run = ++latest; // a slower earlier search never overwrites a newer one
      var filters = { jenis: words.product_kind };
      Object.keys(state.filters).forEach(function (k) { if (state.filters[k].length) filters[k] = { any: state.filters[k] }; });
      count.textContent = words.searching;
      show.textContent = words.see_results_wait;
      pagefind(url).then(function (pf) {
        // every value of every filter, once: options never vanish while narrowing
        allFilters = allFilters || pf.filters();
        return Promise.all([allFilters, pf.search(state.q || null, { filters: filters, sort: state.q ? undefined : { nama: "asc" } })]);
      }).then(function (found) {
        if (run !== latest) return;
        var all = found[0], search = found[1];
        results = search.results;
        shown = 0;
        var n = results.length;
        renderFilters(all, search.filters);
        return showMore(true).then(function () {
          var one = n === 1 ? "_one" : "";  // English: "1 product"; Indonesian has one form (the same text)
          count.textContent = fill(words[(state.q ? "found_for" : "found") + one], { n: n, q: state.q });
          show.textContent = fill(n === 1 ? words.see_results_one : words.see_results, { n: n });
        });
      });
    }

    function showMore(replace) {
      var slice = results.slice(shown, shown + PAGE_SIZE);
      shown += slice.length;
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        if (replace === true) list.textContent = "";
        items.forEach(function (item) { list.appendChild(finderCard(item)); });
        more.hidden = shown >= results.length;
      });
    }

    /* The checkboxes are made once and then only updated: the one a
     * visitor just toggled keeps its focus. A count is shown only when it
     * is known for the current search. */
    function renderFilters(total, current) {
      var chosen = 0;
      var searching = state.q || Object.keys(state.filters).some(function (k) { return state.filters[k].length; });
      FILTERS.forEach(function (f) {
        var values = Object.keys(total[f] || {}).sort();
        if (!values.length) return;
        var fieldset = filtersBox.querySelector('[data-filter="' + f + '"]');
        if (!fieldset) {
          fieldset = el("fieldset", { "class": "puk-finder__group", "data-filter": f });
          fieldset.appendChild(el("legend", {}, words["filter_" + f] || f));
          filtersBox.insertBefore(fieldset, apply);
        }
        values.forEach(function (value) {
          var key = f + "\u0000" + value;
          var entry = boxes[key];
          if (!entry) {
            var label = el("label", {});
            var box = el("input", { type: "checkbox", name: f, value: value });
            box.addEventListener("change", function () {
              var picked = state.filters[f] || [];
              state.filters[f] = box.checked ? picked.concat([value]) : picked.filter(function (v) { return v !== value; });
              run();
            });
            label.appendChild(box);
            label.appendChild(document.createTextNode(" " + value + " "));
            var n = el("span", { "class": "puk-finder__n" });
            label.appendChild(n);
            fieldset.appendChild(label);
            entry = boxes[key] = { box: box, count: n };
          }
          var checked = (state.filters[f] || []).indexOf(value) >= 0;
          entry.box.checked = checked;
          if (checked) chosen += 1;
          // Pagefind counts what the current search leaves; with nothing
          // searched yet that is the total
          var counts = current && current[f] ? current[f] : (searching ? null : total[f]);
          entry.count.textContent = counts ? "(" + (counts[value] || 0) + ")" : "";
        });
      });
      active.textContent = chosen ? " (" + fill(words.chosen, { n: chosen }) + ")" : "";
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); state.q = input.value.trim(); run(); });
    input.addEventListener("search", function () { state.q = input.value.trim(); run(); });
    more.addEventListener("click", function () { showMore(false); });
    run();
  }

  function finderCard(item) {
    var li = el("li", { "class": "puk-card" });
    var a = el("a", { href: item.url });
    if (item.meta.image) {
      // as on the listings: WebP at the width the screen needs, the photo's own proportions
      var size = (item.meta.image_size || "4x3").split("x");
      var img = el("img", { src: item.meta.image, alt: "", width: size[0], height: size[1], loading: "lazy",
        decoding: "async", "class": "puk-card__image" });
      if (item.meta.image_webp) {
        var picture = el("picture");
        picture.appendChild(el("source", { type: "image/webp", sizes: CARD_SIZES,
          srcset: item.meta.image_webp.split(" | ").join(", ") }));
        picture.appendChild(img);
        a.appendChild(picture);
      } else {
        a.appendChild(img);
      }
    } else {
      a.appendChild(el("span", { "class": "puk-card__image puk-swatch puk-swatch--" + (item.meta.kategori_id || ""), "aria-hidden": "true" }));
    }
    a.appendChild(el("span", { "class": "puk-card__name" }, item.meta.title));
    if (item.meta.harga) a.appendChild(el("span", { "class": "puk-card__price" }, item.meta.harga));
    if (item.meta.jarpuk) a.appendChild(el("span", { "class": "puk-card__meta" }, item.meta.jarpuk));
    li.appendChild(a);
    return li;
  }

  function start() {
    document.querySelectorAll("[data-puk-search]").forEach(setUpHeader);
    document.querySelectorAll("[data-puk-finder]").forEach(setUpFinder);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
