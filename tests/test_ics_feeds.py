"""Calendar feeds: parsed by icalendar, ics and vobject; instants checked against zoneinfo.

The corpus is tests/fixtures/calendar/clean/ (events on both sides of the March and
October clock changes in Paris and Saint-Pierre, Cayenne, La Réunion; an internal
campaign, an internal event, a proposed event, someone's home).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.pipeline import check_project
from oep_build.render.ics import event_ics, fold, render_feeds

CLEAN = Path(__file__).parent / "fixtures" / "calendar" / "clean"
UTC = dt.UTC


@pytest.fixture(autouse=True)
def _tatsu_without_colorama(monkeypatch: pytest.MonkeyPatch) -> None:
    # ics parses with TatSu, which calls colorama.init() on every line: the wrapped
    # stdout nests until the interpreter overflows its stack on a few hundred lines.
    import tatsu.color

    monkeypatch.setattr(tatsu.color, "init", lambda: None)


@pytest.fixture(scope="module")
def checked():
    # Module-wide: the feeds themselves are rendered per test, under its SOURCE_DATE_EPOCH.
    return check_project(CLEAN, dt.date(2026, 11, 27))


@pytest.fixture
def public(checked) -> dict[str, bytes]:
    return render_feeds(checked.context, "public")


@pytest.fixture
def internal(checked) -> dict[str, bytes]:
    return render_feeds(checked.context, "interne")


def uids(data: bytes) -> set[str]:
    cal = icalendar.Calendar.from_ical(data.decode("utf-8"))
    return {str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")}


# -- which feeds, with what ------------------------------------------------------------


def test_public_feeds_hold_only_public_items(public: dict[str, bytes]) -> None:
    assert sorted(k for k in public if not k.startswith("evenements/")) == ["agenda.ics", "campagnes/vote-2027.ics"]
    agenda = uids(public["agenda.ics"])
    assert {"evenement-reunion-paris-hiver", "temps-fort-vote-2027-lancement"} <= agenda
    hidden = {
        "evenement-preparation-interne",  # visibilite interne
        "evenement-atelier-propose",  # not approved
        "evenement-reunion-secrete",  # internal campaign
        "temps-fort-vote-2027-bilan-interne",  # temps fort marked interne
        "temps-fort-interne-2027-annonce-secrete",
    }
    for name, data in public.items():
        assert not uids(data) & hidden, name
        assert not any(u.startswith("livrable-") for u in uids(data)), name
        text = data.decode("utf-8")
        assert "impasse des Roses" not in text and "Chez Marie" not in text, name


def test_internal_feeds_add_people_and_everything(internal: dict[str, bytes]) -> None:
    assert {"equipe/alice.ics", "equipe/bob.ics", "equipe/chloe.ics", "campagnes/interne-2027.ics"} <= set(internal)
    assert uids(internal["equipe/bob.ics"]) == {
        "livrable-interne-2027-note-strategie",
        "livrable-vote-2027-edl-lancement",
        "livrable-vote-2027-communique-premier-tour",
    }
    assert "evenement-preparation-interne" in uids(internal["agenda.ics"])
    assert "5 impasse des Roses" in internal["agenda.ics"].decode("utf-8")


def test_single_event_file_shares_the_feed_uid(checked, public: dict[str, bytes]) -> None:
    ev = checked.project.evenements["marche-strasbourg"]
    data = event_ics(checked.context, ev)
    assert uids(data) == {"evenement-marche-strasbourg"}
    assert data == public["evenements/marche-strasbourg.ics"]


# -- bytes on the wire ---------------------------------------------------------------------


def all_feeds(public: dict[str, bytes], internal: dict[str, bytes]) -> list[tuple[str, bytes]]:
    return [(f"public/{k}", v) for k, v in public.items()] + [(f"interne/{k}", v) for k, v in internal.items()]


def test_crlf_and_folding(public: dict[str, bytes], internal: dict[str, bytes]) -> None:
    for name, data in all_feeds(public, internal):
        assert data.endswith(b"\r\n"), name
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name}: bare LF"
        assert b"\r" not in data.replace(b"\r\n", b""), f"{name}: bare CR"
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75, f"{name}: {line!r}"
            line.decode("utf-8")  # a folded line never ends inside a character


def test_output_is_stable_and_dated_by_source_date_epoch(checked, public: dict[str, bytes]) -> None:
    assert render_feeds(checked.context, "public") == public
    stamp = dt.datetime.fromtimestamp(1795000000, UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = public["agenda.ics"].decode("utf-8").split("\r\n")
    assert {line for line in lines if line.startswith("DTSTAMP")} == {f"DTSTAMP:{stamp}"}


def test_dtstamp_without_source_date_epoch_comes_from_content(checked, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = render_feeds(checked.context, "public")["agenda.ics"].decode("utf-8")
    assert "DTSTAMP:20261121T000000Z\r\n" in text  # latest valide_le of the corpus


def test_paris_vtimezone_is_rrule_based(public: dict[str, bytes]) -> None:
    text = public["agenda.ics"].decode("utf-8")
    block = text[text.index("TZID:Europe/Paris") : text.index("END:VTIMEZONE", text.index("TZID:Europe/Paris"))]
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in block
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in block
    assert "RDATE" not in block


def test_public_agenda_golden(public: dict[str, bytes], golden) -> None:
    golden("ics/agenda-public.ics", public["agenda.ics"].decode("utf-8").replace("\r\n", "\n"))


@settings(deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_fold_never_splits_a_character(value: str) -> None:
    data = fold("DESCRIPTION:" + value)
    physical = data.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    unfolded = physical[0] + b"".join(p[1:] for p in physical[1:])
    assert unfolded.decode("utf-8") == "DESCRIPTION:" + value


# -- three parsers, one truth ----------------------------------------------------------


def expected_instants(checked) -> dict[str, tuple[object, object]]:
    """UID -> (start, end): aware UTC instants for events, dates for all-day items."""
    p = checked.project
    out: dict[str, tuple[object, object]] = {}
    for ev in p.evenements.values():
        tz = ZoneInfo(ev.fuseau or "Europe/Paris")
        out[f"evenement-{ev.id}"] = tuple(
            x.replace(tzinfo=tz).astimezone(UTC) for x in (ev.debut, ev.fin)
        )  # type: ignore[assignment]
    for cid, c in p.campagnes.items():
        for tf in c.temps_forts:
            out[f"temps-fort-{cid}-{tf.id}"] = (tf.date, (tf.date_fin or tf.date) + dt.timedelta(days=1))
        for lv in c.livrables:
            out[f"livrable-{cid}-{lv.id}"] = (lv.echeance, lv.echeance + dt.timedelta(days=1))
    from oep_build.declarations import pending_declarations

    for d in pending_declarations(p, checked.context.today, checked.context.tz):
        out[f"declaration-{d.evenement.id}"] = (d.dernier_jour, d.dernier_jour + dt.timedelta(days=1))
    return out


def norm(value: object) -> object:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, "a timed event must carry its zone"
        return value.astimezone(UTC)
    return value


def with_icalendar(text: str) -> dict[str, tuple[object, object]]:
    cal = icalendar.Calendar.from_ical(text)
    # Read the zones from our VTIMEZONE blocks, not from the system's database.
    zones = {str(z["TZID"]): z.to_tz(lookup_tzid=False) for z in cal.walk("VTIMEZONE")}
    out = {}
    for e in cal.walk("VEVENT"):
        pair = []
        for key in ("DTSTART", "DTEND"):
            prop = e[key]
            value = prop.dt
            if isinstance(value, dt.datetime):
                value = value.replace(tzinfo=zones[prop.params["TZID"]])
            pair.append(norm(value))
        out[str(e["UID"]).split("@")[0]] = tuple(pair)
    return out


def with_vobject(text: str) -> dict[str, tuple[object, object]]:
    cal = vobject.readOne(text, validate=True)
    return {
        e.uid.value.split("@")[0]: (norm(e.dtstart.value), norm(e.dtend.value))
        for e in cal.contents.get("vevent", [])
    }


def with_ics(text: str) -> dict[str, tuple[object, object]]:
    out = {}
    for e in ics.Calendar(text).events:
        if e.all_day:
            out[e.uid.split("@")[0]] = (e.begin.date(), e.end.date())
        else:
            out[e.uid.split("@")[0]] = (e.begin.datetime.astimezone(UTC), e.end.datetime.astimezone(UTC))
    return out


@pytest.mark.parametrize("parser", [with_icalendar, with_vobject, with_ics])
def test_every_instant_matches_zoneinfo(parser, checked, public, internal) -> None:
    expected = expected_instants(checked)
    for name, data in all_feeds(public, internal):
        got = parser(data.decode("utf-8"))
        assert got, name
        for uid, pair in got.items():
            assert pair == expected[uid], f"{parser.__name__} {name} {uid}"


def test_corpus_covers_both_sides_of_each_clock_change(checked) -> None:
    inst = expected_instants(checked)

    def offset(uid: str, zone: str) -> dt.timedelta:
        return inst[uid][0].astimezone(ZoneInfo(zone)).utcoffset()  # type: ignore[union-attr]

    for before, after, zone in [
        ("evenement-veille-changement-heure", "evenement-apres-changement-heure", "Europe/Paris"),
        ("evenement-automne-avant", "evenement-automne-apres", "Europe/Paris"),
        ("evenement-saint-pierre-hiver", "evenement-saint-pierre-ete", "America/Miquelon"),
    ]:
        assert offset(before, zone) != offset(after, zone)


def test_bad_content_still_gives_readable_feeds() -> None:
    """Inverted periods, unknown zones, nonexistent hours: the feeds stay valid for every parser."""
    ch = check_project(CLEAN.parent / "bad", dt.date(2026, 11, 27))
    for audience in ("public", "interne"):
        for name, data in render_feeds(ch.context, audience).items():
            text = data.decode("utf-8")
            icalendar.Calendar.from_ical(text)
            vobject.readOne(text, validate=True)
            ics.Calendar(text)
            assert all(len(line) <= 75 for line in data.split(b"\r\n")), name


def test_public_event_links_back_to_its_page(checked, public: dict[str, bytes], internal: dict[str, bytes]) -> None:
    site = checked.project.site.url.rstrip("/")
    text = public["evenements/marche-strasbourg.ics"].decode("utf-8").replace("\r\n ", "")
    assert f"URL:{site}/evenements/marche-strasbourg/" in text
    # The internal site has no public address: its files keep the sign-up link, if any.
    assert f"{site}/evenements/" not in internal["agenda.ics"].decode("utf-8").replace("\r\n ", "")
