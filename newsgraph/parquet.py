"""Extractions as partitioned Parquet tables, and back.

``DIR/<table>/part-NNNNN.parquet`` for the tables documents, mentions, entities, dates, claims,
events and relations; part N of every table holds the same documents, so a part can be read
back whole. Every table has a fixed Arrow schema (below) with ``doc_id`` on each record row,
so DuckDB or Spark can query the directory directly (entities, claims, events and relations
carry ``confidence``; folders written before it read back with none)::

    SELECT type, count(*) FROM 'out/events/*.parquet' GROUP BY type;
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.errors import NewsgraphError
from newsgraph.records import SCHEMA_ID, Extraction, as_plain

FORMAT = "newsgraph/parquet@1"

_span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
_arg = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("entity", pa.string())])
_offsets = pa.struct([("start", pa.int64()), ("end", pa.int64())])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("published", pa.string()),
            (
                "dateline",
                pa.struct(
                    [("place", pa.string()), ("agency", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
                ),
            ),
            ("text", pa.string()),
            ("origin", pa.string()),
            ("slug", pa.string()),
            ("key", pa.string()),
        ]
    ),
    "mentions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("type", pa.string()),
            ("entity", pa.string()),
        ]
    ),
    "entities": pa.schema(
        [
            ("doc_id", pa.string()),
            ("id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("mentions", pa.list_(pa.string())),
            (
                "place",
                pa.struct(
                    [
                        ("lat", pa.float64()),
                        ("lon", pa.float64()),
                        ("country", pa.string()),
                        ("geonames_id", pa.int64()),
                        ("feature", pa.string()),
                    ]
                ),
            ),
            ("attributes", pa.map_(pa.string(), pa.string())),
            ("confidence", pa.float64()),
        ]
    ),
    "dates": pa.schema(
        [
            ("doc_id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("value", pa.string()),
            ("granularity", pa.string()),
        ]
    ),
    "claims": pa.schema(
        [
            ("doc_id", pa.string()),
            ("id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("kind", pa.string()),
            ("speaker", _arg),
            ("cue", _span),
            ("modality", pa.string()),
            ("reported_by", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("id", pa.string()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("cameo", pa.string()),
            ("trigger", _span),
            ("sentence", _offsets),
            ("source", pa.list_(_arg)),
            ("target", pa.list_(_arg)),
            ("participants", pa.list_(_arg)),
            ("date", pa.struct([("start", pa.int64()), ("end", pa.int64()), ("value", pa.string())])),
            ("location", _arg),
            ("modality", pa.string()),
            ("claim", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "relations": pa.schema(
        [
            ("doc_id", pa.string()),
            ("id", pa.string()),
            ("type", pa.string()),
            ("subject", _arg),
            ("object", _arg),
            ("evidence", _offsets),
            ("modality", pa.string()),
            ("claim", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
}
RECORD_TABLES = ("mentions", "entities", "dates", "claims", "events", "relations")


class ParquetError(NewsgraphError):
    exit_code = 2


def _rows(x: Extraction) -> dict[str, list[dict[str, Any]]]:
    d = x.document
    doc = {
        "id": d.id,
        "title": d.title,
        "url": d.url,
        "source": d.source,
        "published": d.published,
        "dateline": as_plain(d.dateline),
        "text": d.text,
        "origin": d.origin,
        "slug": d.slug,
        "key": d.key,
    }
    out: dict[str, list[dict[str, Any]]] = {"documents": [doc]}
    plain = x.to_dict()
    for table in RECORD_TABLES:
        rows = []
        for rec in plain[table]:
            row = {"doc_id": d.id, **rec}
            if table == "entities":
                row["attributes"] = list(rec["attributes"].items())
            rows.append(row)
        out[table] = rows
    return out


class ParquetWriter:
    """Write extractions to ``directory``, one part file per table every ``part_size`` documents."""

    def __init__(self, directory: Path, part_size: int = 1000) -> None:
        self.directory = directory
        self.part_size = part_size
        self.part = 0
        self.documents = 0
        self._buffer: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._buffered = 0
        directory.mkdir(parents=True, exist_ok=True)
        for table in SCHEMAS:
            (directory / table).mkdir(exist_ok=True)
        existing = sorted((directory / "documents").glob("part-*.parquet"))
        if existing:
            raise ParquetError(f"{directory} already holds Parquet parts: write to an empty folder")
        manifest = {"format": FORMAT, "contract": SCHEMA_ID, "tables": list(SCHEMAS)}
        (directory / "_newsgraph.json").write_text(json.dumps(manifest, indent=2) + "\n")

    def add(self, x: Extraction) -> None:
        for table, rows in _rows(x).items():
            self._buffer[table].extend(rows)
        self._buffered += 1
        self.documents += 1
        if self._buffered >= self.part_size:
            self.flush()

    def flush(self) -> None:
        if not self._buffered:
            return
        name = f"part-{self.part:05d}.parquet"
        for table, schema in SCHEMAS.items():
            data = pa.Table.from_pylist(self._buffer.get(table, []), schema=schema)
            tmp = self.directory / table / f".{name}.tmp"
            pq.write_table(data, tmp, compression="zstd")
            tmp.rename(self.directory / table / name)  # a part appears whole or not at all
        self._buffer.clear()
        self._buffered = 0
        self.part += 1

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_parquet(extractions: Iterable[Extraction], directory: Path, part_size: int = 1000) -> int:
    with ParquetWriter(directory, part_size) as writer:
        for x in extractions:
            writer.add(x)
    return writer.documents


def read_parquet(directory: Path) -> Iterator[Extraction]:
    """The extractions stored in a Parquet directory written by :class:`ParquetWriter`."""
    manifest = directory / "_newsgraph.json"
    if not manifest.exists():
        raise ParquetError(f"{directory} is not a newsgraph Parquet folder (no _newsgraph.json)")
    fmt = json.loads(manifest.read_text()).get("format")
    if fmt != FORMAT:
        raise ParquetError(f"{directory} has format {fmt!r}; this newsgraph reads {FORMAT}")
    for part in sorted((directory / "documents").glob("part-*.parquet")):
        tables = {
            table: pq.read_table(directory / table / part.name, schema=SCHEMAS[table]).to_pylist() for table in SCHEMAS
        }
        by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for table in RECORD_TABLES:
            for row in tables[table]:
                doc_id = row.pop("doc_id")
                if table == "entities":
                    row["attributes"] = dict(row["attributes"] or [])
                by_doc[doc_id][table].append(row)
        for doc in tables["documents"]:
            records = by_doc.get(doc["id"], {})
            x = Extraction.from_dict({"document": doc, **{t: records.get(t, []) for t in RECORD_TABLES}})
            from dataclasses import replace

            yield replace(x, document=replace(x.document, origin=doc["origin"], slug=doc["slug"], key=doc["key"]))
