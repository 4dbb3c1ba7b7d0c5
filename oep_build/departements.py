"""Names of the French ISO 3166-2 subdivisions, for « Rhône (69) » on the site.

A static copy of what ``pycountry`` lists for France (so a build does not load
the whole ISO 3166-2 database to name a few départements), with « (française) »
dropped from « Guyane (française) ». Keys are the codes after ``FR-``:
départements, but also the collectivities (``75C`` Paris, ``69M`` Métropole de
Lyon), the overseas territories and the regions, since the site accepted all of
them. ``tests/test_departements.py`` checks the copy against ``pycountry``.
"""

from __future__ import annotations

import re

__all__ = ["DEPARTEMENT_PATTERN", "SUBDIVISIONS", "is_departement", "subdivision_name"]

# Metropolitan départements, Corsica, overseas départements (971-976) and the
# overseas collectivities the Assemblée's petition rules also count (975, 977,
# 978, 984-988).
DEPARTEMENT_PATTERN = r"^(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-8]|98[4-8])$"
_DEPARTEMENT_RE = re.compile(DEPARTEMENT_PATTERN)


def is_departement(code: str) -> bool:
    """Whether ``code`` is a département (or overseas collectivity) number such as ``"01"``, ``"2A"``
    (the whole text: « 01\\n » is not one; « 20 » no longer exists, Corsica is 2A and 2B)."""
    return _DEPARTEMENT_RE.fullmatch(code) is not None

SUBDIVISIONS: dict[str, str] = {
    # Metropolitan départements (2A, 2B: Corse)
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "21": "Côte-d'Or",
    "22": "Côtes-d'Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
    # Metropolitan collectivities with a special status (Paris, Lyon, Corse, Alsace)
    "20R": "Corse",
    "69M": "Métropole de Lyon",
    "6AE": "Alsace",
    "75C": "Paris",
    # Overseas départements and collectivities with an INSEE number
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
    # Other overseas collectivities and territories
    "BL": "Saint-Barthélemy",
    "CP": "Clipperton",
    "MF": "Saint-Martin",
    "NC": "Nouvelle-Calédonie",
    "PF": "Polynésie française",
    "PM": "Saint-Pierre-et-Miquelon",
    "TF": "Terres australes françaises",
    "WF": "Wallis-et-Futuna",
    # Metropolitan regions
    "ARA": "Auvergne-Rhône-Alpes",
    "BFC": "Bourgogne-Franche-Comté",
    "BRE": "Bretagne",
    "CVL": "Centre-Val de Loire",
    "GES": "Grand-Est",
    "HDF": "Hauts-de-France",
    "IDF": "Île-de-France",
    "NAQ": "Nouvelle-Aquitaine",
    "NOR": "Normandie",
    "OCC": "Occitanie",
    "PAC": "Provence-Alpes-Côte-d’Azur",
    "PDL": "Pays-de-la-Loire",
}

_BY_ISO = {f"FR-{code}".lower(): name for code, name in SUBDIVISIONS.items()}


def subdivision_name(code: str) -> str | None:
    """Name for ``code``: ``FR-<code>``, else ``FR-<code>C``, else ``FR-<code>M`` (any case); ``None`` if none.

    « 69 » is the Rhône, « 69M » the Métropole de Lyon, « 75 » Paris (``FR-75C``).
    """
    for iso in (f"FR-{code}", f"FR-{code}C", f"FR-{code}M"):
        name = _BY_ISO.get(iso.lower())
        if name is not None:
            return name
    return None
