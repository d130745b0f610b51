"""Loaders: UN XML (safely parsed), OFAC CSV trio, OpenSanctions JSON lines; bad files refused whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from newsgraph.errors import WatchlistError
from newsgraph.store.watchlist import EntryStream, LoadedList, WatchlistEntry
from newsgraph.watchlist.ofac import OfacFiles, load_ofac
from newsgraph.watchlist.opensanctions import load_opensanctions
from newsgraph.watchlist.sources import read_lists, sniff
from newsgraph.watchlist.storage import load_entries, replace_list
from newsgraph.watchlist.un import load_un

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "sanctions"

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><FIRST_NAME>AMIR</FIRST_NAME><SECOND_NAME>KHALIDI</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER>
      <LISTED_ON>2010-05-04</LISTED_ON><COMMENTS1>Financier of a made-up front.</COMMENTS1>
      <NATIONALITY><VALUE>Pakistan</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Amir Khaledi</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Amir</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-02-03</DATE></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>2</DATAID><FIRST_NAME>HARAKAT-UL-FARZI</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDe.900</REFERENCE_NUMBER><LISTED_ON>2011-01-02</LISTED_ON>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>HuF</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY>Pakistan</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol4;</FIRST_NAME>
<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME>
<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>
"""

SDN = (
    '101,"KHALIDI, Amir",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    "\"DOB 03 Feb 1970; nationality Pakistan; a.k.a. 'ABU AMIR'.\"\n"
    "102,HARAKAT UL-FARZI,-0- ,FTO] [SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
    "103,SEA BREEZE,vessel,IRAN,-0- ,-0- ,Tanker,-0- ,-0- ,Iran,-0- ,-0- \n"
)
ALT = '101,1,aka,"KHALEDI, Amir",-0- \n102,2,fka,FARZI FRONT,-0- \n999,3,aka,NOBODY,-0- \n'
ADD = '102,1,-0- ,"Lahore","Pakistan",-0- \n\x1a\n'


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("xml", [UN_XML])
def test_un_loader_reads_people_entities_aliases_and_dates(tmp_path: Path, xml: str) -> None:
    loaded = load_un(write(tmp_path, "un.xml", xml))
    person, group = loaded.entries
    assert (person.entry_id, person.name, person.type) == ("QDi.900", "AMIR KHALIDI", "person")
    assert [(a.name, a.quality) for a in person.aliases] == [("Amir Khaledi", "good"), ("Abu Amir", "low")]
    assert person.birth_dates == ("1970-02-03",) and person.nationalities == ("Pakistan",)
    assert person.listed_on == "2010-05-04" and person.regime == "Al-Qaida"
    assert person.reason == "Financier of a made-up front."
    assert (group.entry_id, group.type, group.countries) == ("QDe.900", "organization", ("Pakistan",))


@pytest.mark.parametrize(("name", "xml"), [("billion-laughs", BILLION_LAUGHS), ("xxe", XXE)])
def test_un_loader_refuses_entity_expansion_and_external_entities(tmp_path: Path, name: str, xml: str) -> None:
    with pytest.raises(WatchlistError, match="unsafe XML"):
        load_un(write(tmp_path, f"{name}.xml", xml))


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_un_loader_refuses_truncated_file(tmp_path: Path, cut: float) -> None:
    with pytest.raises(WatchlistError, match="malformed or truncated"):
        load_un(write(tmp_path, "un.xml", UN_XML[: int(len(UN_XML) * cut)]))


@pytest.mark.parametrize("sdn", [SDN])
def test_ofac_trio_joins_aliases_weak_akas_addresses(tmp_path: Path, sdn: str) -> None:
    files = OfacFiles(write(tmp_path, "sdn.csv", sdn), write(tmp_path, "alt.csv", ALT), write(tmp_path, "add.csv", ADD))
    loaded = load_ofac(files)
    person, group, vessel = loaded.entries
    assert person.entry_id == "101" and person.type == "person" and person.regime == "SDGT"
    assert [(a.name, a.quality) for a in person.aliases] == [("KHALEDI, Amir", "good"), ("ABU AMIR", "low")]
    assert person.birth_dates == ("1970-02-03",) and person.nationalities == ("Pakistan",)
    assert group.type == "organization" and group.regime == "FTO; SDGT" and group.countries == ("Pakistan",)
    assert group.aliases[0].kind == "fka"
    assert vessel.type == "vessel" and vessel.countries == ("Iran",)
    assert any("unknown entity 999" in w for w in loaded.warnings)


@pytest.mark.parametrize(
    ("sdn", "reason"),
    [
        (SDN + '104,"UNFINISHED, Name,individual,SDGT\n', "malformed CSV|fields"),
        (SDN + "105,SHORT ROW,-0- \n", "fields"),
        ("ABC,NAME,-0- ,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "not a number"),
    ],
)
def test_ofac_refuses_truncated_or_malformed_rows(tmp_path: Path, sdn: str, reason: str) -> None:
    with pytest.raises(WatchlistError, match=reason):
        load_ofac(OfacFiles(write(tmp_path, "sdn.csv", sdn)))


FTM = [
    {
        "id": "os-1",
        "schema": "Person",
        "properties": {
            "name": ["Amir Khalidi"],
            "alias": ["Amir Khaledi"],
            "weakAlias": ["Abu Amir"],
            "country": ["pk"],
            "birthDate": ["1970-02-03"],
            "topics": ["sanction"],
        },
    },
    {
        "id": "os-2",
        "schema": "Sanction",
        "properties": {"entity": ["os-1"], "program": ["SDGT"], "listingDate": ["2010-05-04"], "reason": ["Financier"]},
    },
    {"id": "os-3", "schema": "Address", "properties": {"full": ["Lahore"]}},
]


@pytest.mark.parametrize("records", [FTM])
def test_opensanctions_entities_with_their_sanction(tmp_path: Path, records: list[dict[str, object]]) -> None:
    path = write(tmp_path, "os.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    assert sniff(path) == "opensanctions"
    (entry,) = load_opensanctions(path).entries
    assert (entry.entry_id, entry.type, entry.regime, entry.listed_on) == ("os-1", "person", "SDGT", "2010-05-04")
    assert [(a.name, a.quality) for a in entry.aliases] == [("Amir Khaledi", "good"), ("Abu Amir", "low")]
    assert entry.reason == "Financier"


@pytest.mark.parametrize("records", [FTM])
def test_opensanctions_refuses_truncated_line(tmp_path: Path, records: list[dict[str, object]]) -> None:
    text = "\n".join(json.dumps(r) for r in records)
    with pytest.raises(WatchlistError, match="line 3"):
        load_opensanctions(write(tmp_path, "os.jsonl", text[:-10]))


@pytest.mark.parametrize("xml", [UN_XML])
def test_refused_list_leaves_stored_list_usable(tmp_path: Path, xml: str) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    (good,) = read_lists([write(tmp_path, "un.xml", xml)])
    replace_list(engine, good)
    with pytest.raises(WatchlistError):
        read_lists([write(tmp_path, "un2.xml", xml[: len(xml) // 2])])
    assert [e.entry_id for e in load_entries(engine)] == ["QDi.900", "QDe.900"]
    replace_list(engine, good)
    assert len(load_entries(engine)) == 2


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/sanctions is absent")
def test_real_lists_load_with_references() -> None:
    un, ofac = read_lists(sorted(SHARED.iterdir()))
    assert len(un.entries) > 900 and len(ofac.entries) > 9000
    refs = {e.entry_id: e for e in un.entries}
    assert refs["QDe.118"].name == "LASHKAR-E-TAYYIBA" and any(a.name == "LET" for a in refs["QDe.118"].aliases)
    assert any(e.entry_id == "4695" and e.name == "HAMAS" for e in ofac.entries)


# --- issue 16: malformed files give one clear error, never a traceback; the stored list stays ---

PERSON = '{"id": "os-1", "schema": "Person", "properties": {"name": ["Amir Khalidi"]}}\n'
SDN_ROW = "1,NAME,individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            PERSON + '{"id": "b", "schema": "Person", "properties": {}, "n": ' + "9" * 5000 + "}\n",
            "line 2 .*4300 digits",
        ),
        (PERSON + '{"id": "b", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "line 2 .*nested too deeply"),
        ('{"id": {"x": 1}, "schema": "Person", "properties": {"name": ["A"]}}\n', "line 1: id is dict"),
        ('{"id": "a", "schema": ["Person"], "properties": {"name": ["A"]}}\n', "line 1: schema is list"),
        ('{"id": null, "schema": "Person", "properties": {"name": ["A"]}}\n', "line 1: id is NoneType"),
        ('{"id": "a", "schema": "Person", "properties": {"name": 5}}\n', "entity a has no name"),
        (PERSON + "[1, 2]\n", "line 2 is not a FollowTheMoney entity"),
        (PERSON + PERSON[:30] + "\n", "line 2 is not JSON"),
    ],
    ids=[
        "5000-digit number",
        "nesting 100,000 deep",
        "id an object",
        "schema a list",
        "id null",
        "name a number",
        "top-level array",
        "truncated line",
    ],
)
def test_opensanctions_malformed_file_is_one_clear_error(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(WatchlistError, match=reason) as refused:
        read_lists([write(tmp_path, "os.jsonl", text)])
    assert "\n" not in str(refused.value) and "os.jsonl" in str(refused.value)


@pytest.mark.parametrize(
    ("record", "warning"),
    [
        ({"id": "b", "schema": "Person", "properties": {"name": ["X\ud800"]}}, "lone surrogate"),
        ({"id": "b", "schema": "Person", "properties": {"name": ["X\x00Y"]}}, "NUL"),
        ({"id": "b" * 201, "schema": "Person", "properties": {"name": ["Y"]}}, "reference of 201 characters"),
    ],
)
def test_entry_the_store_cannot_keep_is_a_warning(tmp_path: Path, record: dict[str, object], warning: str) -> None:
    path = tmp_path / "os.jsonl"
    path.write_text(PERSON + json.dumps(record) + "\n", encoding="utf-8", errors="surrogatepass")
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    (loaded,) = read_lists([path])
    assert [e.entry_id for e in loaded.entries] == ["os-1"]
    assert len(loaded.warnings) == 1 and warning in loaded.warnings[0]
    replace_list(engine, loaded)
    assert [e.entry_id for e in load_entries(engine)] == ["os-1"]


@pytest.mark.parametrize("where", ["first row", "second row"])
def test_ofac_field_over_the_csv_limit_is_one_clear_error(tmp_path: Path, where: str) -> None:
    big = '1,"' + "A" * 140_000 + '",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    text = big if where == "first row" else SDN_ROW + big.replace("1,", "2,", 1)
    with pytest.raises(WatchlistError, match="a field of over 131,072 characters"):
        read_lists([write(tmp_path, "sdn.csv", text)])


@pytest.mark.parametrize("remarks", ["DOB 1970" + " to 1971" * 5_000])
def test_ofac_date_of_many_ranges_is_not_a_date(tmp_path: Path, remarks: str) -> None:
    (loaded,) = read_lists([write(tmp_path, "sdn.csv", SDN_ROW.replace(",-0- \n", f',"{remarks}"\n'))])
    assert loaded.entries[0].birth_dates == ()


@pytest.mark.parametrize("name", ["x" * 41, ""])
def test_list_name_the_store_cannot_keep_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(WatchlistError, match="a list name has 1 to 40 characters"):
        read_lists([write(tmp_path, "os.jsonl", PERSON)], name)


@pytest.mark.parametrize("text", [PERSON + '{"id": 7, "schema": "Person", "properties": {}}\n'])
def test_refused_opensanctions_file_leaves_stored_list_unchanged(tmp_path: Path, text: str) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    (good,) = read_lists([write(tmp_path, "good.jsonl", PERSON)])
    replace_list(engine, good)
    with pytest.raises(WatchlistError):
        read_lists([write(tmp_path, "bad.jsonl", text)])
    assert [e.entry_id for e in load_entries(engine)] == ["os-1"]


def _peak_loading(tmp_path: Path, rows: int) -> tuple[int, int]:
    """Peak traced bytes of reading and storing an OFAC file of ``rows`` rows, and the file's size."""
    import tracemalloc

    path = tmp_path / f"sdn-{rows}.csv"
    with path.open("w", encoding="utf-8") as fh:
        for k in range(1, rows + 1):
            fh.write(f'{k},"NAME{k}, GIVEN{k % 97}",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."\n')
    engine = create_engine(f"sqlite:///{tmp_path / f'w-{rows}.db'}")
    replace_list(engine, LoadedList("x", (WatchlistEntry("x", "1", "X"),)))  # tables made before measuring
    tracemalloc.start()
    try:
        (loaded,) = read_lists([path])
        assert replace_list(engine, loaded) == rows
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(load_entries(engine, ["ofac"])) == rows
    return peak, path.stat().st_size


@pytest.mark.slow
@pytest.mark.parametrize(("small", "large"), [(2_000, 8_000)])
def test_loading_a_large_list_holds_neither_its_rows_nor_its_entries(tmp_path: Path, small: int, large: int) -> None:
    (peak_small, size_small), (peak_large, size_large) = _peak_loading(tmp_path, small), _peak_loading(tmp_path, large)
    # what the larger file costs more is a few times its size (the text, the entity numbers, and each
    # new word in the normaliser's caches as the screening keys are made: bounded at 100,000 words),
    # not the rows and entries of the whole file (some 15 times its size)
    assert peak_large - peak_small < 10 * (size_large - size_small), f"{peak_large - peak_small:,} bytes more"


@pytest.mark.parametrize("text", [PERSON + PERSON.replace("os-1", "os-2")])
def test_entry_stream_gives_the_same_entries_on_each_pass(tmp_path: Path, text: str) -> None:
    entries = load_opensanctions(write(tmp_path, "os.jsonl", text)).entries
    assert isinstance(entries, EntryStream)
    assert [e.entry_id for e in entries] == [e.entry_id for e in entries] == ["os-1", "os-2"]
    assert len(entries) == 2 and entries[1].entry_id == "os-2"
    assert [e.entry_id for e in entries.without([0])] == ["os-2"]


@pytest.mark.parametrize("text", [PERSON])
def test_opensanctions_byte_order_mark_is_not_part_of_line_1(tmp_path: Path, text: str) -> None:
    path = tmp_path / "os.jsonl"
    path.write_text(text, encoding="utf-8-sig")
    (loaded,) = read_lists([path])
    assert [e.entry_id for e in loaded.entries] == ["os-1"]


def test_ofac_field_limit_holds_when_another_library_raised_the_csv_limit(tmp_path: Path) -> None:
    import csv
    import sys

    before = csv.field_size_limit(sys.maxsize)  # what some libraries do for the whole process
    try:
        test_ofac_field_over_the_csv_limit_is_one_clear_error(tmp_path, "first row")
        test_ofac_field_over_the_csv_limit_is_one_clear_error(tmp_path, "second row")
    finally:
        csv.field_size_limit(before)


@pytest.mark.parametrize("bom", ["\ufeff"])
def test_ofac_byte_order_mark_is_not_part_of_the_first_id(tmp_path: Path, bom: str) -> None:
    """Found by scripts/campaign.py: an OFAC CSV saved with a byte-order mark was refused
    ("entity number '\\ufeff1' is not a number")."""
    (loaded,) = read_lists([write(tmp_path, "sdn.csv", bom + SDN_ROW)])
    assert [e.entry_id for e in loaded.entries] == [SDN_ROW.split(",")[0]]
