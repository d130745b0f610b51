"""The actor network as GEXF, GraphML (through networkx) or CSV (a nodes file and an edges file).

Attributes are plain values (the formats hold no lists): an edge keeps its kind, type, label,
weight, first and last dates, modality, and its evidence as compact JSON text, so a reader such
as Gephi or networkx gets the sentences back.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from newsgraph.network import Network, evidence_dict


def to_graph(network: Network) -> nx.MultiDiGraph:
    """A networkx multigraph with string node ids (``a12``) and plain attributes only."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for a in network.actors.values():
        g.add_node(
            f"a{a.id}",
            label=a.name,
            kind=a.kind,
            country=a.country or "",
            documents=a.documents,
            aliases="; ".join(a.aliases[:20]),
            first_seen=a.first_seen or "",
            last_seen=a.last_seen or "",
        )
    for e in network.edges:
        g.add_edge(
            f"a{e.source}",
            f"a{e.target}",
            key=f"{e.kind}:{e.type}",
            kind=e.kind,
            type=e.type,
            label=e.label,
            directed=e.directed,
            weight=e.weight,
            first=e.first or "",
            last=e.last or "",
            modality=e.modality,
            evidence=json.dumps([evidence_dict(x) for x in e.evidence], ensure_ascii=False),
        )
    return g


def write_gexf(network: Network, path: Path) -> None:
    nx.write_gexf(to_graph(network), path)


def write_graphml(network: Network, path: Path) -> None:
    nx.write_graphml(to_graph(network), path)


NODE_COLUMNS = ("id", "name", "kind", "country", "documents", "aliases", "first_seen", "last_seen")
EDGE_COLUMNS = (
    "source",
    "target",
    "source_name",
    "target_name",
    "kind",
    "type",
    "label",
    "directed",
    "weight",
    "first",
    "last",
    "modality",
    "evidence_documents",
    "evidence_sentence",
)


def csv_paths(path: Path) -> tuple[Path, Path]:
    """``out.csv`` -> ``out-nodes.csv`` and ``out-edges.csv``."""
    stem = path.name[: -len(".csv")] if path.name.endswith(".csv") else path.name
    return path.with_name(f"{stem}-nodes.csv"), path.with_name(f"{stem}-edges.csv")


def write_csv(network: Network, path: Path) -> tuple[Path, Path]:
    nodes_path, edges_path = csv_paths(path)
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_COLUMNS)
        for a in network.actors.values():
            w.writerow(
                [
                    a.id,
                    a.name,
                    a.kind,
                    a.country or "",
                    a.documents,
                    "; ".join(a.aliases[:20]),
                    a.first_seen or "",
                    a.last_seen or "",
                ]
            )
    with edges_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_COLUMNS)
        for e in network.edges:
            first = e.evidence[0] if e.evidence else None
            w.writerow(
                [
                    e.source,
                    e.target,
                    network.actors[e.source].name if e.source in network.actors else "",
                    network.actors[e.target].name if e.target in network.actors else "",
                    e.kind,
                    e.type,
                    e.label,
                    "true" if e.directed else "false",
                    e.weight,
                    e.first or "",
                    e.last or "",
                    e.modality,
                    " ".join(sorted(e.documents)),
                    first.sentence if first else "",
                ]
            )
    return nodes_path, edges_path
