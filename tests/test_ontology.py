"""The ontology files load, hold what the contract needs, and bad files are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import ontology
from newsgraph.errors import OntologyError


def test_shipped_event_ontology_has_every_plover_type_with_a_cameo_root() -> None:
    ont = ontology.events()
    for name in ontology.PLOVER_TYPES:
        assert ont.types[name].plover
        assert ont.types[name].cameo is not None and 1 <= int(ont.types[name].cameo) <= 20


@pytest.mark.parametrize("name", ["ESTABLISH", "JOIN"])
def test_extension_types_are_documented_and_not_plover(name: str) -> None:
    etype = ontology.events().types[name]
    assert not etype.plover
    assert "newsgraph extension" in etype.description


@pytest.mark.parametrize(
    ("pos", "lemma", "type_", "mode"),
    [
        ("verb", "meet", "CONSULT", "meet"),
        ("noun", "conference", "CONSULT", "multilateral"),
        ("noun", "gathering", "CONSULT", "multilateral"),
        ("verb", "invite", "REQUEST", None),
        ("verb", "establish", "ESTABLISH", None),
        ("verb", "deploy", "MOBILIZE", "troops"),
    ],
)
def test_issue_triggers_are_in_the_lexicon(pos: str, lemma: str, type_: str, mode: str | None) -> None:
    ont = ontology.events()
    table = ont.verbs if pos == "verb" else ont.nouns
    single = [t for t in table[lemma] if t.dependent is None]
    assert (single[0].type, single[0].mode) == (type_, mode)


def test_relation_ontology_declares_exactly_the_contract_types() -> None:
    assert set(ontology.relations().types) == set(ontology.RELATION_TYPES)


def test_ontologies_are_read_once_per_process() -> None:
    assert ontology.events() is ontology.events()
    assert ontology.relations() is ontology.relations()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SHIPPED = (ontology.ONTOLOGY_DIR / "events.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (lambda s: s.replace("schema: newsgraph/ontology/events@1", "schema: other"), "'schema'"),
        (lambda s: s.replace('cameo: "04"', 'cameo: "99"'), "CAMEO root"),
        (lambda s: s.replace("verbs: [consult, discuss,", "verbs: [meet, consult, discuss,"), "already a trigger"),
        (lambda s: s.replace("  ESTABLISH:", "  ESTABLISHED_X:"), "ESTABLISH"),
        (lambda s: s.replace("  SANCTION:", "  SANCTIONS:"), "PLOVER types missing"),
        (lambda s: s.replace("valence: conflictual", "valence: angry", 1), "valence"),
        (lambda s: s + "\n  : [", "not valid YAML"),
    ],
)
def test_a_malformed_event_file_is_refused_with_its_reason(tmp_path: Path, edit, complaint: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, edit(SHIPPED))
    with pytest.raises(OntologyError) as err:
        ontology.load_events(path)
    assert complaint in str(err.value)
    assert str(path) in str(err.value)


def test_a_relation_file_with_a_type_outside_the_contract_is_refused(tmp_path: Path) -> None:
    text = (ontology.ONTOLOGY_DIR / "relations.yaml").read_text(encoding="utf-8")
    path = tmp_path / "relations.yaml"
    path.write_text(text.replace("  fights:", "  hates:"), encoding="utf-8")
    with pytest.raises(OntologyError, match="not in the contract"):
        ontology.load_relations(path)
