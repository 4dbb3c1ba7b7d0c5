/*
 * On Est Prêt — the little JavaScript the generated pages use (no framework):
 *  - copy buttons: [data-oep-copy="<id>"] copies the text of #<id>;
 *  - countdowns: [data-oep-countdown="AAAA-MM-JJ"] recomputed from the reader's date,
 *    since the page may have been built days ago;
 *  - wide tables: a table wrapper that scrolls sideways takes the keyboard focus, so that
 *    what is off-screen can be reached without a mouse (Material wraps tables after load);
 *  - the search dialog gets an accessible name (the theme gives it none).
 * Without JavaScript the buttons stay hidden (CSS) and the
 * countdowns keep the text written at build time.
 */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("oep-annonce");
    if (!region) {
      region = document.createElement("p");
      region.id = "oep-annonce";
      region.className = "oep-sr-only";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copie impossible"));
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-oep-copy"));
    if (!source) { return; }
    var text = source.textContent;
    var done = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
      : fallbackCopy(text);
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    done.then(function () {
      button.setAttribute("data-copied", "");
      button.textContent = "Copié !";
      announce("Texte copié dans le presse-papiers.");
      window.setTimeout(function () {
        button.removeAttribute("data-copied");
        button.textContent = label;
      }, 2500);
    }, function () {
      announce("La copie a échoué : sélectionnez le texte et copiez-le à la main.");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-oep-copy]");
    if (button) { copy(button); }
  });

  // The reader's département, remembered on this device only (agenda and home page).
  var DEPARTEMENT_KEY = "oep-departement";

  function remember(value) {
    try {
      if (value) { window.localStorage.setItem(DEPARTEMENT_KEY, value); }
      else { window.localStorage.removeItem(DEPARTEMENT_KEY); }
    } catch (e) { /* private browsing: not remembered */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(DEPARTEMENT_KEY) || ""; } catch (e) { return ""; }
  }

  function matches(item, value) {
    var dep = item.getAttribute("data-departement");
    return !value || dep === value || (value === "en-ligne" && !dep);
  }

  function filter(select) {
    var value = select.value;
    var shown = 0;
    var upcoming = 0;
    document.querySelectorAll("." + select.getAttribute("data-oep-filtre")).forEach(function (item) {
      var match = matches(item, value);
      item.hidden = !match;
      if (match) {
        shown += 1;
        if (item.closest(".oep-mois--a-venir")) { upcoming += 1; }
      }
    });
    document.querySelectorAll(".oep-mois").forEach(function (month) {
      month.hidden = !month.querySelector(".oep-event:not([hidden])");
    });
    // The « Par département » list follows the filter too.
    document.querySelectorAll(".oep-departement").forEach(function (section) {
      section.hidden = !matches(section, value);
    });
    // Say when the département has nothing ahead (the agenda counts upcoming events only;
    // when nothing at all is ahead, the page already says so).
    var agenda = select.getAttribute("data-oep-filtre") === "oep-event";
    var ahead = agenda ? document.querySelector(".oep-mois--a-venir") !== null : shown > 0 || !value;
    var empty = document.querySelector(".oep-filtre__vide");
    if (empty) { empty.hidden = !(value && (agenda ? ahead && upcoming === 0 : shown === 0)); }
    var status = select.parentNode.querySelector(".oep-filtre__statut");
    if (status) {
      status.textContent = shown === 0
        ? "Aucun rendez-vous dans ce département."
        : shown + (shown > 1 ? " rendez-vous affichés." : " rendez-vous affiché.");
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-oep-filtre]")) {
      remember(event.target.value);
      filter(event.target);
    }
  });

  function restoreFilters() {
    var value = remembered();
    if (!value) { return; }
    document.querySelectorAll("select[data-oep-filtre]").forEach(function (select) {
      if (!select.querySelector('option[value="' + value.replace(/"/g, "") + '"]')) { return; }
      select.value = value;
      filter(select);
    });
  }

  function days(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }

  function countdowns() {
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000;
    document.querySelectorAll("[data-oep-countdown]").forEach(function (el) {
      var delta = days(el.getAttribute("data-oep-countdown")) - today;
      var fin = el.getAttribute("data-oep-countdown-fin");
      var text;
      if (delta > 1) { text = "dans " + delta + " jours"; }
      else if (delta === 1) { text = "demain"; }
      else if (delta === 0) { text = "aujourd’hui"; }
      else if (fin && days(fin) >= today) { text = "en cours"; }
      else { text = "passé"; }
      el.textContent = text;
    });
  }

  function scrollables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, i) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        // Numbered: two regions with one name are one landmark too many (axe landmark-unique).
        wrap.setAttribute("aria-label", "Tableau " + (i + 1) + " (défilement horizontal)");
      } else if (!wide && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  // The theme's search dialog has no accessible name (axe: aria-dialog-name). Named here
  // rather than in a copy of the theme's search partial, which would go stale.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    var input = document.querySelector(".md-search__input");
    if (dialog) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Recherche");
    }
  }

  // The theme adds one toolbar (<nav>) per code block, all unnamed: name each
  // after its block so that screen readers can tell them apart (axe landmark-unique).
  function nameCodeToolbars() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, i) {
      if (!nav.hasAttribute("aria-label")) { nav.setAttribute("aria-label", "Outils du bloc de code " + (i + 1)); }
    });
  }

  function ready() {
    nameSearchDialog();
    countdowns();
    restoreFilters();
    scrollables();
    nameCodeToolbars();
  }

  if (window.document$ && window.document$.subscribe) {
    // Material: on every page, including instant navigation, once its components are mounted.
    window.document$.subscribe(function () { window.setTimeout(ready, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("resize", scrollables);
})();
