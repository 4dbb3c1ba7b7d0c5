"""Views: what is shown, computed once, read by the site, the kits and the checks.

A view is the typed value a template lays out or a check inspects: a post's
text per network and its count (:mod:`.posts`), an event's organiser, place,
times and links (:mod:`.events`), a kit's sections and pieces and the editions
an audience gets with each committee's own events (:mod:`.kits`), where an
image is and whether it prints (:mod:`.images`). :func:`views_for` keeps them
once per (project, audience, now) (:mod:`.shown`). Templates only lay views
out; they never compute. See ARCHITECTURE.md for who owns which decision.
"""

from __future__ import annotations

from .events import Organiser, organiser, place, public_url, time_fr, when_fr
from .posts import PublishedText, count_label, publish, published_texts
from .shown import Views, views_for

__all__ = [
    "Organiser",
    "PublishedText",
    "Views",
    "count_label",
    "organiser",
    "place",
    "public_url",
    "publish",
    "published_texts",
    "time_fr",
    "views_for",
    "when_fr",
]
