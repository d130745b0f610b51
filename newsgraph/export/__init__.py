"""Exports of the actor network and its events: GEXF, GraphML, CSV, FollowTheMoney, GDELT."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BadRequest
from newsgraph.export.ftm import write_ftm
from newsgraph.export.gdelt import write_gdelt
from newsgraph.export.graph import write_csv, write_gexf, write_graphml
from newsgraph.network import Filters, Network, neighbourhood, whole
from newsgraph.store import Engine

FORMATS = ("gexf", "graphml", "ftm", "gdelt", "csv")


@dataclass(frozen=True)
class Written:
    paths: tuple[Path, ...]
    actors: int
    edges: int
    records: int
    """Rows or entities written (events for gdelt, entities for ftm, edges otherwise)."""


def export(
    engine: Engine,
    fmt: str,
    path: Path,
    *,
    actor: str | None = None,
    depth: int = 1,
    filters: Filters | None = None,
    max_nodes: int = 500,
) -> Written:
    """Write the network (all of it, or ``depth`` ties around ``actor``) in format ``fmt``."""
    if fmt not in FORMATS:
        raise BadRequest(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    network: Network = (
        neighbourhood(engine, actor, depth=depth, filters=filters, max_nodes=max_nodes, max_evidence=100)
        if actor
        else whole(engine, filters=filters, max_evidence=100)
    )
    n_actors, n_edges = len(network.actors), len(network.edges)
    if fmt == "gexf":
        write_gexf(network, path)
        return Written((path,), n_actors, n_edges, n_edges)
    if fmt == "graphml":
        write_graphml(network, path)
        return Written((path,), n_actors, n_edges, n_edges)
    if fmt == "csv":
        nodes, edges = write_csv(network, path)
        return Written((nodes, edges), n_actors, n_edges, n_edges)
    if fmt == "ftm":
        n = write_ftm(engine, network, path)
        return Written((path,), n_actors, n_edges, n)
    mentions, n_events, _ = write_gdelt(engine, path, list(network.actors) if actor else None)
    return Written((path, mentions), n_actors, n_edges, n_events)


__all__ = ["FORMATS", "Written", "export"]
