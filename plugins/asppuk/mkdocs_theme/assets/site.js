/* Site-wide keyboard access on top of Material (asppuk-theme). No inline
 * script anywhere: the pages' Content-Security-Policy allows none.
 *
 * - The header's menu and search buttons (role="button" inside the <label>s
 *   of Material's hidden checkboxes): Enter and Space press them, and
 *   aria-expanded follows.
 * - When the menu opens, focus goes into it; Escape closes the menu or the
 *   search and puts focus back where it was before it opened. */
(function () {
  "use strict";

  function setUp() {
    var returnTo = {};
    document.querySelectorAll("[data-puk-opens]").forEach(function (button) {
      var name = button.getAttribute("data-puk-opens");
      var toggle = document.getElementById("__" + name);
      if (!toggle) return;
      var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      button.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); returnTo[name] = button; toggle.click(); }
      });
      button.addEventListener("mousedown", function () { returnTo[name] = button; });
      toggle.addEventListener("change", function () {
        sync();
        if (toggle.checked && name === "drawer") {
          var first = document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label[tabindex]");
          // after the drawer is visible: a hidden element takes no focus
          if (first) setTimeout(function () { first.focus(); }, 60);
        }
      });
      sync();
    });

    // Remember what had focus before the search field took it
    var field = document.querySelector(".md-search__input");
    if (field) {
      field.addEventListener("focus", function (e) {
        if (!returnTo.search && e.relatedTarget && !e.relatedTarget.closest(".md-search")) returnTo.search = e.relatedTarget;
      });
    }

    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      ["search", "drawer"].forEach(function (name) {
        var toggle = document.getElementById("__" + name);
        if (!toggle || !toggle.checked) return;
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        var back = returnTo[name] || document.querySelector("[data-puk-opens=" + name + "]");
        returnTo[name] = null;
        if (back && back.offsetParent !== null) back.focus();
        else if (name === "search" && field) field.blur();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
