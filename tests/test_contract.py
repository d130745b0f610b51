"""The contract's JSON Schema, and problems() on real and broken extractions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.contract import SCHEMA_ID, json_schema, problems
from newsgraph.records import Extraction
from tests.store.test_store import hand_built

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_schema_command_prints_a_valid_draft_2020_12_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json_schema()
    assert schema.get("$schema", "").endswith("2020-12/schema")


def test_schema_pins_the_contract_version() -> None:
    valid = hand_built().to_dict()
    assert valid["schema"] == SCHEMA_ID
    assert problems(valid) == []
    assert problems({**valid, "schema": "newsgraph/extraction@0"}) != []


@pytest.fixture(scope="module")
def sample_extractions(nlp: Any) -> list[Extraction]:
    from newsgraph.batch import extract_batch
    from newsgraph.errors import InputError
    from newsgraph.ingest import read_inputs
    from newsgraph.records import Document

    items = list(read_inputs([str(SAMPLES)]))
    assert not [i for i in items if isinstance(i, InputError)], items
    docs = [i for i in items if isinstance(i, Document)]
    results = extract_batch(docs, nlp)
    assert not [r for r in results if isinstance(r, InputError)], results
    return [r for r in results if isinstance(r, Extraction)]


@pytest.mark.slow
def test_real_output_on_every_sample_document_validates(sample_extractions: list[Extraction]) -> None:
    sample_files = [p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl", ".rss"}]
    assert len(sample_extractions) >= len(sample_files)
    for x in sample_extractions:
        obj = json.loads(json.dumps(x.to_dict(), ensure_ascii=False))  # as written by `newsgraph extract`
        assert problems(obj) == [], x.document.origin
        assert obj["mentions"], f"{x.document.origin}: no mentions found in a sample story"
    assert any(x.document.dateline for x in sample_extractions)


@pytest.mark.slow
def test_extract_command_output_validates(tmp_path: Path) -> None:
    out = tmp_path / "samples.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    for line in lines:
        assert problems(json.loads(line)) == []


def broken(change: str) -> dict[str, Any]:
    """The valid hand-built extraction with one thing broken."""
    obj = copy.deepcopy(hand_built().to_dict())
    if change == "mention offset":
        obj["mentions"][0]["start"] += 1
    elif change == "mention past the end":
        obj["mentions"][0]["end"] = len(obj["document"]["text"]) + 5
    elif change == "claim speaker text":
        obj["claims"][0]["speaker"]["text"] = "Somebody Else"
    elif change == "event trigger offset":
        obj["events"][0]["trigger"]["start"] -= 2
    elif change == "start after end":
        obj["relations"][0]["subject"]["start"] = obj["relations"][0]["subject"]["end"] + 1
    elif change == "duplicate mention id":
        obj["mentions"][1]["id"] = obj["mentions"][0]["id"]
    elif change == "duplicate entity id":
        obj["entities"][1]["id"] = obj["entities"][0]["id"]
    elif change == "dangling mention entity":
        obj["mentions"][0]["entity"] = "e99"
    elif change == "dangling entity mention":
        obj["entities"][0]["mentions"] = ["m42"]
    elif change == "dangling event claim":
        obj["events"][1]["claim"] = "c9"
    elif change == "dangling relation entity":
        obj["relations"][0]["object"]["entity"] = "e77"
    elif change == "dangling claim reporter":
        obj["claims"][0]["reported_by"] = "e55"
    elif change == "missing field":
        del obj["document"]["text"]
    elif change == "unknown mention type":
        obj["mentions"][0]["type"] = "ALIEN"
    elif change == "dateline offsets":
        obj["document"]["dateline"] = {"place": "X", "agency": None, "start": 0, "end": 10_000}
    return obj


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("mention offset", "mentions/m1"),
        ("mention past the end", "outside the text"),
        ("claim speaker text", "claims/c1.speaker"),
        ("event trigger offset", "events/v1.trigger"),
        ("start after end", "relations/r1.subject"),
        ("duplicate mention id", "duplicate id m1"),
        ("duplicate entity id", "duplicate id e1"),
        ("dangling mention entity", "'e99' does not resolve"),
        ("dangling entity mention", "'m42' does not resolve"),
        ("dangling event claim", "'c9' does not resolve"),
        ("dangling relation entity", "'e77' does not resolve"),
        ("dangling claim reporter", "'e55' does not resolve"),
        ("missing field", "document"),
        ("unknown mention type", "mentions/0/type"),
        ("dateline offsets", "document.dateline"),
    ],
)
def test_problems_catches_broken_extractions(change: str, expected: str) -> None:
    found = problems(broken(change))
    assert found, f"{change} went unnoticed"
    assert any(expected in p for p in found), found
