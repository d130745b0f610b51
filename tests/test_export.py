"""Exports, each read back by a real consumer: GEXF and GraphML by networkx, FollowTheMoney
entities by the followthemoney library (the published schema), the GDELT tables and CSV by
pyarrow's CSV reader."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow.csv as pacsv
import pytest
from sqlalchemy import insert

from newsgraph.export import export
from newsgraph.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from newsgraph.export.graph import csv_paths
from newsgraph.store import Store
from newsgraph.store.stories import stories, story_articles
from tests.actor_records import Doc, nexus_documents, save


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "export.db") as s:
        save(s, *nexus_documents())
        yield s


@pytest.mark.parametrize(("fmt", "read"), [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_graph_formats_read_back_with_networkx(store: Store, tmp_path: Path, fmt: str, read: object) -> None:
    out = tmp_path / f"net.{fmt}"
    written = export(store.engine, fmt, out)
    g = read(out)  # type: ignore[operator]
    assert g.number_of_nodes() == written.actors
    assert g.number_of_edges() == written.edges
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Hamas", "Lashkar-e-Taiba", "Naji Zaheer"} <= labels
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    assert set(kinds) == {"event", "relation", "claim"}
    met = next(d for _, _, d in g.edges(data=True) if d["label"] == "met")
    assert int(met["weight"]) == 1
    evidence = json.loads(met["evidence"])
    assert evidence[0]["location"] == "Gujranwala"
    assert "Naji Zaheer met" in evidence[0]["sentence_text"]


def test_an_actor_neighbourhood_exports_only_its_part(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "hamas.gexf"
    export(store.engine, "gexf", out, actor="Hamas", depth=1)
    labels = {d["label"] for _, d in nx.read_gexf(out).nodes(data=True)}
    assert "Hamas" in labels
    assert "India" not in labels


def test_csv_has_a_nodes_file_and_an_edges_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "net.csv"
    written = export(store.engine, "csv", out)
    nodes_path, edges_path = csv_paths(out)
    assert written.paths == (nodes_path, edges_path)
    nodes = pacsv.read_csv(nodes_path).to_pylist()
    edges = pacsv.read_csv(edges_path).to_pylist()
    assert len(nodes) == written.actors and len(edges) == written.edges
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    with edges_path.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:2] == ["source", "target"]


def test_followthemoney_entities_validate_against_the_published_schema(store: Store, tmp_path: Path) -> None:
    ftm = pytest.importorskip("followthemoney")
    model = ftm.model
    out = tmp_path / "net.ftm.json"
    export(store.engine, "ftm", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = {x["id"] for x in lines}
    assert len(ids) == len(lines)
    schemata = Counter(x["schema"] for x in lines)
    assert {"Person", "Organization", "PublicBody", "Address", "Article", "Event", "Membership", "Representation",
            "UnknownLink", "Mention"} <= set(schemata)  # fmt: skip
    for data in lines:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        schema.validate(data)  # raises InvalidData
        proxy = model.get_proxy(data, cleaned=False)
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            assert proxy.get(name) == [prop.type.clean(v) for v in values], name
            if prop.type.name == "entity":
                assert all(v in ids for v in values), (data["schema"], name)
                targets = [next(x for x in lines if x["id"] == v) for v in values]
                assert all(model.get(t["schema"]).is_a(prop.range) for t in targets), (data["schema"], name)
    membership = next(x for x in lines if x["schema"] == "Membership")
    assert membership["properties"]["startDate"] == ["2026-01-27"]
    event = next(x for x in lines if x["schema"] == "Event" and "Gujranwala" in x["properties"].get("location", []))
    assert len(event["properties"]["involved"]) == 2


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, object]]:
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=list(columns)),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
        convert_options=pacsv.ConvertOptions(column_types={c: "string" for c in columns}),
    )
    return table.to_pylist()


def test_the_gdelt_tables_have_their_columns_and_count_a_storys_articles(store: Store, tmp_path: Path) -> None:
    second = Doc(
        "nexus-5",
        "Karachi, Feb 21 (Dawn) India asked the United Nations on Friday to act, diplomats said.",
        published="2026-02-21",
        source="Dawn",
    )
    second.entity("India", "state", country="IN", feature="PCLI")
    second.entity("United Nations", "igo")
    second.event("REQUEST", "asked", source=("India",), target=("United Nations",), date="2026-02-20", cameo="020")
    save(store, second)
    with store.engine.begin() as conn:
        story = conn.execute(
            insert(stories).values(title="India at the UN", articles=2, centroid={})
        ).inserted_primary_key
        assert story is not None
        conn.execute(
            insert(story_articles),
            [{"doc_id": d, "story_id": story[0], "similarity": 0.9} for d in ("nexus-3", "nexus-5")],
        )
    out = tmp_path / "events.tsv"
    written = export(store.engine, "gdelt", out)
    mentions_path = tmp_path / "events.mentions.tsv"
    assert written.paths == (out, mentions_path)
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    rows = _read_tsv(out, EVENT_COLUMNS)
    request = next(r for r in rows if r["EventCode"] == "020")
    assert (request["NumArticles"], request["NumSources"], request["NumMentions"]) == ("2", "2", "2")
    assert (request["Actor1Name"], request["Actor1CountryCode"], request["Actor2Name"]) == (
        "INDIA",
        "IND",
        "UNITED NATIONS",
    )
    assert (request["SQLDATE"], request["QuadClass"], request["GoldsteinScale"]) == ("20260220", "1", "3.0")
    meeting = next(r for r in rows if r["Actor1Name"] == "NAJI ZAHEER")
    assert meeting["ActionGeo_FullName"] == "Gujranwala" and meeting["ActionGeo_Type"] == "4"
    mentions = _read_tsv(mentions_path, MENTION_COLUMNS)
    about = [m for m in mentions if m["GLOBALEVENTID"] == request["GLOBALEVENTID"]]
    assert len(about) == 2
    texts = {"nexus-3": nexus_documents()[2].text, "nexus-5": second.text}
    for m in about:
        doc_id = str(m["Extras"]).split("<DOC>")[1].split("</DOC>")[0]
        action = int(str(m["ActionCharOffset"]))
        assert texts[doc_id][action : action + len("asked")] == "asked"
        actor1 = int(str(m["Actor1CharOffset"]))
        assert texts[doc_id][actor1 : actor1 + len("India")] == "India"


@pytest.mark.parametrize(
    ("stored", "event_type", "expected"),
    [("04", "CONSULT", "040"), (None, "CONSULT", "040"), ("0231", "REQUEST", "0231"), (None, "ESTABLISH", None)],
)
def test_cameo_codes_come_from_the_event_or_the_ontology(
    stored: str | None, event_type: str, expected: str | None
) -> None:
    from newsgraph.export.gdelt import cameo_code

    assert cameo_code(stored, event_type, None) == expected
