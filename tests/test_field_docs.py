"""Field docstrings read lazily (model/docs.py) match what pydantic's use_attribute_docstrings gave."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from oep_build.model.base import Lifecycle, Model
from oep_build.model.campaign import Campagne
from oep_build.model.content import Evenement, Lieu
from oep_build.model.docs import class_field_docs, field_doc

# The same models twice: read by pydantic itself (FLAG=True) and by field_doc (FLAG=False).
TWIN_SOURCE = '''
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Base(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=FLAG)

    statut: str = "brouillon"
    """Où en est l'objet."""
    note: str = ""


class Child(Base):
    """Un objet."""

    titre: str
    # a comment between the field and its docstring changes nothing
    """Titre affiché.

        Sur deux lignes, indentées.
    """
    resume: str = ""
    sous_titre: str = Field(default="", description="Explicite.")
    """Ignoré : la description explicite gagne."""
    rang: int = 0
    "Rang, entre guillemets simples."
    statut: str = "valide"


class GrandChild(Child):
    autre: int = 0
    """Champ propre au petit-enfant."""


class Sibling(Base):
    pass


class Outer(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=FLAG)

    class Inner(BaseModel):
        model_config = ConfigDict(use_attribute_docstrings=FLAG)

        valeur: int = 0
        """Valeur imbriquée."""

    taille: int = 0
    """Taille."""
'''

TWIN_CLASSES = ("Base", "Child", "GrandChild", "Sibling", "Outer", "Outer.Inner")


def _import_twin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, flag: bool) -> ModuleType:
    path = tmp_path / f"{name}.py"
    path.write_text(TWIN_SOURCE.replace("FLAG", str(flag)), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


def _class(module: ModuleType, qualname: str) -> type:
    obj: object = module
    for part in qualname.split("."):
        obj = getattr(obj, part)
    assert isinstance(obj, type)
    return obj


def test_same_descriptions_as_pydantic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_pydantic = _import_twin(tmp_path, monkeypatch, "twin_models_pydantic", True)
    lazy = _import_twin(tmp_path, monkeypatch, "twin_models_lazy", False)
    for qualname in TWIN_CLASSES:
        expected_cls, cls = _class(by_pydantic, qualname), _class(lazy, qualname)
        expected = {n: f.description for n, f in expected_cls.model_fields.items()}
        assert {n: field_doc(cls, n) for n in cls.model_fields} == expected, qualname
    assert field_doc(lazy.Child, "titre") == "Titre affiché.\n\nSur deux lignes, indentées."
    assert field_doc(lazy.Child, "sous_titre") == "Explicite."
    assert field_doc(lazy.Child, "statut") is None  # redeclared without docstring
    assert field_doc(lazy.Sibling, "statut") == "Où en est l'objet."
    assert field_doc(lazy.GrandChild, "rang") == "Rang, entre guillemets simples."


def test_inherited_lifecycle_field_documented_once() -> None:
    assert Campagne.model_fields["statut"].description is None  # pydantic no longer reads them
    assert field_doc(Campagne, "statut") == field_doc(Lifecycle, "statut")
    assert (field_doc(Evenement, "valide_le") or "").startswith("Date de validation")


def test_nested_and_missing() -> None:
    assert (field_doc(Lieu, "commune") or "") != ""
    assert field_doc(Campagne, "pas_un_champ") is None
    assert field_doc(Campagne, "_origin") is None
    assert set(class_field_docs(Campagne)) == set(Campagne.model_fields)


def test_class_defined_in_a_function() -> None:
    class Local(Model):
        documente: int = 0
        """Un champ documenté."""
        muet: int = 0

    assert Local.__qualname__.endswith("<locals>.Local")
    assert field_doc(Local, "documente") == "Un champ documenté."
    assert field_doc(Local, "muet") is None
