/* Inquiry list ("daftar tanya"): several products, one message per JarPUK.
 * Kept in this browser's localStorage only: no server, no cookies. Pages
 * work without it; this script only adds the buttons and the list (and the
 * print catalogue's print button). No inline script: the pages' Content-
 * Security-Policy allows scripts from the site only. */
(function () {
  "use strict";
  var KEY = "asppuk.inquiry.v1";
  /* The words of the page's language, handed over by the page in
   * data-puk-labels (asppuk.catalog.labels) */
  var words = {};

  function labelsOf(node) {
    try { return JSON.parse(node.getAttribute("data-puk-labels") || "{}"); } catch (e) { return {}; }
  }
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ""; });
  }

  /* What this browser stored, checked: another version, an extension or a
   * hand edit may have left anything there. Returns the entries the list
   * can use and how many it cannot (-1: nothing readable at all). */
  function read() {
    var raw, data;
    try { raw = localStorage.getItem(KEY); } catch (e) { return { items: [], dropped: 0 }; }  // no storage: empty
    if (raw === null) return { items: [], dropped: 0 };
    try { data = JSON.parse(raw); } catch (e) { return { items: [], dropped: -1 }; }
    if (!data || !Array.isArray(data.items)) return { items: [], dropped: -1 };
    var seen = Object.create(null);
    var items = data.items.filter(function (item) {
      if (!usable(item) || seen[item.key]) return false;  // a second entry of a product too
      seen[item.key] = true;
      return true;
    });
    var dropped = data.items.length - items.length;
    return { items: items, dropped: dropped && !items.length ? -1 : dropped };
  }
  function text(value) { return typeof value === "string" && value !== ""; }
  function optional(value) { return value === undefined || value === null || typeof value === "string"; }
  /* Every field the list, its links and its messages use (asppuk.catalog.pages.inquiry_item) */
  function usable(item) {
    var j = item && item.jarpuk;
    return !!item && typeof item === "object" && text(item.key) && text(item.name) && typeof item.unit === "string" &&
      (item.units === undefined || typeof item.units === "string") && Number.isInteger(item.qty) && item.qty >= 1 && text(item.url) && /^https?:\/\//.test(item.url) &&
      (item.path === undefined || /^[a-z0-9][a-z0-9\/-]*$/.test(item.path)) &&
      !!j && typeof j === "object" && text(j.id) && text(j.name) && (j.wa == null || /^[0-9]+$/.test(j.wa)) &&
      optional(j.tel) && optional(j.email);
  }
  function load() { return read().items; }
  /* Writes the list back, and says what was dropped from it if the stored
   * one was damaged: in the page's status line, in its language. */
  function save(items, dropped) {
    localStorage.setItem(KEY, JSON.stringify({ items: items }));
    updateCounts(items);
    if (dropped) report(dropped);
  }
  function report(dropped) {
    var lang = document.documentElement.lang || undefined;
    document.querySelectorAll("[data-puk-inquiry-status]").forEach(function (el) {
      var said = labelsOf(el);
      el.textContent = dropped < 0 ? said.inquiry_reset : fill(said.inquiry_dropped, { n: dropped.toLocaleString(lang) });
    });
  }
  function updateCounts(items) {
    document.querySelectorAll("[data-puk-inquiry-count]").forEach(function (el) {
      el.textContent = String(items.length);
    });
    document.querySelectorAll("[data-puk-inquiry-link]").forEach(function (el) {
      el.hidden = items.length === 0;
    });
  }

  /* A link to the product on this site (a preview or a local copy too);
   * the message keeps the public address in item.url. */
  function link(item) {
    if (item.path && window.__md_scope) return new URL(item.path, window.__md_scope).href;
    return item.url;
  }

  /* "1 jar", "5 jars": the page gave the word after other counts (items
   * kept from before it did have only the first) */
  function unitFor(item) { return item.qty !== 1 && item.units ? item.units : item.unit; }

  function message(group) {
    var lines = [fill(words.inquiry_greeting, { name: group.jarpuk.name })];
    group.items.forEach(function (item, i) {
      lines.push((i + 1) + ". " + item.name + " — " + item.qty + " " + unitFor(item));
      lines.push("   " + item.url);
    });
    lines.push(words.inquiry_closing);
    return lines.join("\n");
  }

  function groups(items) {
    var byJarpuk = Object.create(null);
    var order = [];
    items.forEach(function (item) {
      var id = item.jarpuk.id;
      if (!byJarpuk[id]) { byJarpuk[id] = { jarpuk: item.jarpuk, items: [] }; order.push(id); }
      byJarpuk[id].items.push(item);
    });
    return order.map(function (id) { return byJarpuk[id]; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderList(root) {
    words = labelsOf(root);
    var stored = read();
    if (stored.dropped) save(stored.items, stored.dropped);  // the damaged list, reset once and said so
    var items = stored.items;
    root.textContent = "";
    if (!items.length) {
      root.appendChild(el("p", { "class": "puk-inquiry__empty" },
        words.inquiry_empty));
      return;
    }
    groups(items).forEach(function (group) {
      var section = el("section", { "class": "puk-inquiry__group", "data-jarpuk": group.jarpuk.id });
      section.appendChild(el("h2", {}, group.jarpuk.name));
      var table = el("table", {});
      var head = el("tr", {});
      [words.col_product, words.col_quantity, words.col_remove].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      table.appendChild(el("thead", {})).appendChild(head);
      var body = el("tbody", {});
      group.items.forEach(function (item) {
        var row = el("tr", { "data-key": item.key });
        var name = el("td", {});
        name.appendChild(el("a", { href: link(item) }, item.name));
        row.appendChild(name);
        var qtyCell = el("td", {});
        var qty = el("input", { type: "number", min: "1", step: "1", value: String(item.qty),
          inputmode: "numeric", "aria-label": fill(words.quantity_of, { name: item.name }), "class": "puk-inquiry__qty" });
        qty.addEventListener("change", function () {
          var value = Math.max(1, parseInt(qty.value, 10) || 1);
          var all = load();
          all.forEach(function (it) { if (it.key === item.key) it.qty = value; });
          save(all);
          renderList(root);
        });
        qtyCell.appendChild(qty);
        qtyCell.appendChild(document.createTextNode(" " + unitFor(item)));
        row.appendChild(qtyCell);
        var removeCell = el("td", {});
        var remove = el("button", { type: "button", "class": "md-button puk-inquiry__remove",
          "aria-label": fill(words.remove_of, { name: item.name }) }, words.remove);
        remove.addEventListener("click", function () {
          save(load().filter(function (it) { return it.key !== item.key; }));
          renderList(root);
        });
        removeCell.appendChild(remove);
        row.appendChild(removeCell);
        body.appendChild(row);
      });
      table.appendChild(body);
      section.appendChild(table);
      var text = message(group);
      var actions = el("p", { "class": "puk-contact__links" });
      if (group.jarpuk.wa) {
        actions.appendChild(el("a", { "class": "md-button md-button--primary puk-contact__whatsapp puk-inquiry__send-wa",
          href: "https://wa.me/" + group.jarpuk.wa + "?text=" + encodeURIComponent(text), rel: "nofollow noopener" },
          fill(words.send_whatsapp, { name: group.jarpuk.name })));
      }
      if (group.jarpuk.email) {
        actions.appendChild(el("a", { "class": "md-button puk-inquiry__send-email",
          href: "mailto:" + group.jarpuk.email + "?subject=" + encodeURIComponent(words.inquiry_subject) +
            "&body=" + encodeURIComponent(text) }, words.send_email));
      }
      if (!group.jarpuk.wa && !group.jarpuk.email && group.jarpuk.tel) {
        actions.appendChild(el("a", { "class": "md-button", href: "tel:" + group.jarpuk.tel }, fill(words.call_network, { name: group.jarpuk.name })));
      }
      section.appendChild(actions);
      root.appendChild(section);
    });
    var clear = el("button", { type: "button", "class": "md-button puk-inquiry__clear" }, words.clear);
    clear.addEventListener("click", function () { save([]); renderList(root); });
    root.appendChild(clear);
  }

  function setUpButtons() {
    document.querySelectorAll("[data-puk-item]").forEach(function (button) {
      var item = JSON.parse(button.getAttribute("data-puk-item"));
      var texts = labelsOf(button);
      var refresh = function () {
        var inList = load().some(function (it) { return it.key === item.key; });
        button.textContent = inList ? texts.added : texts.add;
        button.setAttribute("aria-pressed", inList ? "true" : "false");
      };
      button.hidden = false;
      refresh();
      button.addEventListener("click", function () {
        var stored = read();
        if (!stored.items.some(function (it) { return it.key === item.key; })) {
          item.qty = item.min_order || 1;
          stored.items.push(item);
          save(stored.items, stored.dropped);
        }
        refresh();
      });
    });
  }

  function setUpPrinting() {
    // The print catalogue's button (hidden without this script)
    document.querySelectorAll("[data-puk-print]").forEach(function (button) {
      button.classList.add("puk-print__button--ready");
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    setUpButtons();
    setUpPrinting();
    document.querySelectorAll("[data-puk-inquiry]").forEach(renderList);
    updateCounts(load());
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
