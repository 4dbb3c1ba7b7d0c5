"""What the preview's banner says, the same with either engine (``oep serve`` only).

Each page polls :data:`STATUS_PATH` once a second and shows its ``message`` (content
errors, a full rebuild running) or, on a page offering a PDF, its ``kits`` line
(kits being rendered again). MkDocs' preview server answers that path itself and
puts the script in each page; with Zensical, whose server only serves files, both
are files of the preview's output folder (:func:`.zensical_engine.serve_preview`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["BANNER_JS", "FULL_REBUILD", "KITS_PENDING", "SCRIPT_NAME", "STATUS_PATH", "status"]

STATUS_PATH = "/.oep-apercu.json"
SCRIPT_NAME = ".oep-apercu.js"
"""The banner script as a file (Zensical's preview), beside the status."""
FULL_REBUILD = "Reconstruction complète de l’aperçu en cours…"
KITS_PENDING = "« kit en cours de mise à jour » : le PDF proposé ici est celui d’avant votre modification."
BANNER_JS = """
(function () {
  var box = document.createElement("p");
  box.setAttribute("role", "status");
  box.style.cssText = "position:fixed;bottom:0;left:0;right:0;margin:0;padding:.5em 1em;z-index:10;"
    + "background:#263238;color:#fff;font:14px/1.4 sans-serif;display:none";
  document.body.appendChild(box);
  function poll() {
    fetch("STATUS_PATH", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      var kit = s.kits && document.querySelector("a[href$='.pdf']") ? s.kits : "";
      var text = s.message || kit;
      box.textContent = text;
      box.style.display = text ? "block" : "none";
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace("STATUS_PATH", STATUS_PATH)


def status(regen: Any, busy: str = "") -> dict[str, str]:
    """The banner's state: ``busy`` (the engine's own work) or the regeneration's message, and the kits."""
    return {"message": busy or regen.message, "kits": KITS_PENDING if regen.kits_running else ""}
