"""Rules and deliveries as watch.yaml gives them: accepted as written, or refused with a message
that names the rule (or delivery) and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.alerts import load_config, parse_deliveries, parse_rules
from newsgraph.alerts.rules import DEFAULT_MODALITIES
from newsgraph.errors import AlertConfigError
from newsgraph.extract.confidence import DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ([{"name": "r1", "kind": "actor_events", "actors": ["Hamas"]}], "rule 'r1', key 'kind'"),
        ([{"name": "r1", "kind": "actor_event"}], "rule 'r1', key 'actors'"),
        ([{"kind": "actor_event", "actors": ["Hamas"]}], "rule #1, key 'name'"),
        ([{"name": "r1", "kind": "actor_event", "actors": "Hamas", "types": ["MEETING"]}], "rule 'r1', key 'types'"),
        ([{"name": "r1", "kind": "new_tie", "actors": "Hamas", "types": ["friends"]}], "rule 'r1', key 'types'"),
        ([{"name": "r1", "kind": "actor_event", "actors": "Hamas", "min_confidence": 1.5}], "key 'min_confidence'"),
        ([{"name": "r1", "kind": "actor_event", "actors": "Hamas", "modality": ["sure"]}], "rule 'r1', key 'modality'"),
        ([{"name": "r1", "kind": "actor_event", "actors": "Hamas", "factor": 3}], "rule 'r1', key 'factor'"),
        ([{"name": "r1", "kind": "surge", "actors": "Hamas", "min_count": 0}], "rule 'r1', key 'min_count'"),
        ([{"name": "r1", "kind": "actor_claim", "actors": "Hamas", "role": "author"}], "rule 'r1', key 'role'"),
        ([{"name": "r", "kind": "surge", "actors": "A"}, {"name": "r", "kind": "surge", "actors": "B"}], "'r'"),
        ({"name": "r1"}, "rules"),
    ],
)
def test_a_wrong_rule_is_refused_naming_the_rule_and_the_key(raw: Any, where: str) -> None:
    with pytest.raises(AlertConfigError) as err:
        parse_rules(raw)
    assert where in str(err.value), str(err.value)


@pytest.mark.parametrize("unused", [None])
def test_rules_as_written_with_their_defaults(unused: None) -> None:
    rules = parse_rules(
        [
            {"name": "groups", "kind": "actor_event", "actors": ["Hamas", "LeT", "#12"], "types": ["consult"]},
            {"name": "ties", "kind": "new_tie", "actors": "Hamas", "with": ["LeT"], "types": ["says", "member_of"]},
            {"name": "surge", "kind": "surge", "actors": "JeM", "factor": 2.5, "min_count": 4, "weeks": 6},
            {"name": "lists", "kind": "watchlist_match", "lists": ["un"], "modality": ["asserted", "negated"]},
        ]
    )
    assert [r.kind for r in rules] == ["actor_event", "new_tie", "surge", "watchlist_match"]
    groups, ties, surge, lists = rules
    assert groups.actors == ("Hamas", "LeT", "#12") and groups.types == ("CONSULT",)
    assert groups.min_confidence == DEFAULT_THRESHOLD and groups.modality == DEFAULT_MODALITIES
    assert "negated" not in DEFAULT_MODALITIES and "question" not in DEFAULT_MODALITIES
    assert ties.other == ("LeT",) and ties.types == ("says", "member_of")
    assert (surge.factor, surge.min_count, surge.weeks) == (2.5, 4, 6)
    assert lists.lists == ("un",) and lists.modality == ("asserted", "negated")


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ([{"type": "pager"}], "delivery #1, key 'type'"),
        ([{"type": "jsonl"}], "delivery 'jsonl', key 'path'"),
        ([{"type": "webhook", "url": "ftp://x"}], "delivery 'webhook', key 'url'"),
        ([{"type": "webhook", "url": "http://127.0.0.1/h", "secret": "s3cret"}], "key 'secret'"),
        ([{"type": "email", "host": "h", "from": "a@b", "to": ["c@d"], "password": "pw"}], "key 'password'"),
        ([{"type": "email", "host": "h", "from": "a@b", "to": "nobody"}], "delivery 'email', key 'to'"),
        ([{"type": "jsonl", "path": "a"}, {"type": "jsonl", "path": "b"}], "delivery 'jsonl'"),
        ([{"type": "terminal", "colour": True}], "delivery 'terminal', key 'colour'"),
    ],
)
def test_a_wrong_delivery_is_refused_naming_it_and_the_key(raw: Any, where: str) -> None:
    with pytest.raises(AlertConfigError) as err:
        parse_deliveries(raw)
    assert where in str(err.value), str(err.value)
    assert "s3cret" not in str(err.value) and "pw" not in str(err.value).split("key")[0]


@pytest.mark.parametrize("unused", [None])
def test_a_watch_file_with_rules_and_deliveries(tmp_path: Path, unused: None) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(
        "sources: []\n"
        "rules:\n"
        "  - name: groups in events\n"
        "    kind: actor_event\n"
        "    actors: [Hamas, Lashkar-e-Taiba, Jaish-e-Mohammed]\n"
        "deliver:\n"
        "  - type: jsonl\n"
        "    path: alerts.jsonl\n"
        "  - type: email\n"
        "    host: 127.0.0.1\n"
        "    port: 2525\n"
        "    from: newsgraph@example.org\n"
        "    to: analyst@example.org\n"
        "    password_env: SMTP_PASSWORD\n",
        encoding="utf-8",
    )
    rules, deliveries = load_config(path)
    assert [r.name for r in rules] == ["groups in events"]
    assert [(d.name, d.type) for d in deliveries] == [("jsonl", "jsonl"), ("email", "email")]
    assert deliveries[1].to == ("analyst@example.org",) and deliveries[1].password_env == "SMTP_PASSWORD"
    path.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(AlertConfigError, match="not valid YAML"):
        load_config(path)


@pytest.mark.parametrize("unused", [None])
def test_the_readme_example_is_a_valid_watch_file(unused: None) -> None:
    """The README's watch.yaml example (mail when Hamas, LeT or JeM appear in a new event) loads
    as written."""
    import re

    import yaml

    from newsgraph.alerts import parse_config

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Alerts", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, "the Alerts section has a yaml block"
    rules, deliveries = parse_config(yaml.safe_load(block.group(1)))
    assert [(r.kind, r.actors) for r in rules] == [("actor_event", ("Hamas", "LeT", "JeM"))]
    assert {d.type for d in deliveries} == {"email", "jsonl"}
    email = next(d for d in deliveries if d.type == "email")
    assert email.starttls and email.password_env and email.username_env
