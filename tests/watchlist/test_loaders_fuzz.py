"""Property tests for every list loader: any input gives entries (with warnings) or one clear error.

The invariant of issue 16: a :class:`WatchlistError` naming the file, never another exception,
and a list that loads can be stored. Each test runs a small fixed number of examples.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import LoadedList, unstorable
from newsgraph.watchlist.ofac import OfacFiles, parse_ofac
from newsgraph.watchlist.opensanctions import parse_opensanctions
from newsgraph.watchlist.sources import read_lists
from newsgraph.watchlist.storage import load_entries, replace_list
from newsgraph.watchlist.un import parse_un

BUDGET = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
schemas = st.sampled_from(["Person", "Organization", "Company", "Vessel", "Sanction", "Address", "Thing"])
keys = st.sampled_from(["name", "alias", "weakAlias", "entity", "program", "country", "birthDate", "notes"])
entities = st.fixed_dictionaries(
    {
        "id": st.text(min_size=1, max_size=8) | json_values,
        "schema": schemas | json_values,
        "properties": st.dictionaries(keys, st.lists(st.text(max_size=12), max_size=3) | json_values, max_size=4)
        | json_values,
    }
)
csv_cells = st.sampled_from(["-0- ", "", '"', '""', "a,b", "\x1a", "\n", "12", "X" * 5]) | st.text(max_size=12)


def _loaded_or_refused(parse: object, origin: str) -> LoadedList | None:
    try:
        loaded = parse()  # type: ignore[operator]
    except WatchlistError as refused:
        assert origin in str(refused) and "\n" not in refused.reason
        return None
    assert isinstance(loaded, LoadedList) and loaded.entries
    return loaded


@BUDGET
@given(st.lists(entities | json_values, min_size=1, max_size=6))
def test_opensanctions_any_json_lines(records: list[object]) -> None:
    text = "\n".join(json.dumps(r) for r in records)
    _loaded_or_refused(lambda: parse_opensanctions(text, "os.jsonl"), "os.jsonl")


@BUDGET
@given(st.text(max_size=300))
def test_opensanctions_any_text(text: str) -> None:
    _loaded_or_refused(lambda: parse_opensanctions(text, "os.jsonl"), "os.jsonl")


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in rows)


@BUDGET
@given(
    st.lists(st.lists(csv_cells, min_size=11, max_size=13), max_size=4),
    st.lists(st.lists(csv_cells, min_size=4, max_size=6), max_size=3) | st.none(),
    st.lists(st.lists(csv_cells, min_size=5, max_size=7), max_size=3) | st.none(),
    st.lists(st.integers(0, 20), max_size=4),
)
def test_ofac_any_rows(
    sdn: list[list[str]], alt: list[list[str]] | None, add: list[list[str]] | None, numbers: list[int]
) -> None:
    for row, n in zip(sdn, numbers, strict=False):  # some rows with a valid entity number, to get further
        row[0] = str(n)
    files = OfacFiles(Path("sdn.csv"), Path("alt.csv"), Path("add.csv"))
    alt_text = None if alt is None else _csv(alt)
    add_text = None if add is None else _csv(add)
    _loaded_or_refused(lambda: parse_ofac(_csv(sdn), alt_text, add_text, files), ".csv")


UN_TEMPLATE = (
    "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>{0}</DATAID><FIRST_NAME>{1}</FIRST_NAME>"
    "<REFERENCE_NUMBER>{2}</REFERENCE_NUMBER><INDIVIDUAL_ALIAS><QUALITY>{3}</QUALITY><ALIAS_NAME>{4}</ALIAS_NAME>"
    "</INDIVIDUAL_ALIAS><INDIVIDUAL_DATE_OF_BIRTH><YEAR>{5}</YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
    "</INDIVIDUALS><ENTITIES>{6}</ENTITIES></CONSOLIDATED_LIST>"
)


@BUDGET
@given(st.lists(st.text(max_size=15), min_size=7, max_size=7), st.integers(0, 400))
def test_un_any_field_text_or_cut(fields: list[str], cut: int) -> None:
    xml = UN_TEMPLATE.format(*fields).encode("utf-8", errors="surrogatepass")
    data = xml[: len(xml) - cut] if cut else xml
    _loaded_or_refused(lambda: parse_un(data, "un.xml"), "un.xml")


@BUDGET
@given(st.binary(max_size=300))
def test_un_any_bytes(data: bytes) -> None:
    _loaded_or_refused(lambda: parse_un(b"<CONSOLIDATED_LIST>" + data, "un.xml"), "un.xml")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"", b"{", b"<CONSOLIDATED_LIST>", b"1,", b"\xef\xbb\xbf"]),
    st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
def test_any_file_through_read_lists_is_stored_whole_or_refused(head: bytes, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list"
        path.write_bytes(head + body)
        try:
            lists = read_lists([path])
        except WatchlistError as refused:
            assert str(path) in str(refused) and "\n" not in refused.reason
            return
        engine = create_engine(f"sqlite:///{Path(folder) / 'w.db'}")
        for loaded in lists:
            assert all(unstorable(e) is None for e in loaded.entries)
            assert replace_list(engine, loaded) == len(loaded.entries)
        assert len(load_entries(engine)) == sum(len(x.entries) for x in lists)
        engine.dispose()


@pytest.mark.parametrize("text", ['{"id": "a", "schema": "Person", "properties": {"name": 5}}'])
def test_property_of_the_wrong_type_reads_as_absent(text: str) -> None:
    with pytest.raises(WatchlistError, match="has no name"):
        parse_opensanctions(text, "os.jsonl")
