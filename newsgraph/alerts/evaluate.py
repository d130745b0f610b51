"""Alert rules evaluated on the facts of new documents.

:func:`evaluate` reads the events, claims and ties of the documents just stored (through
:mod:`newsgraph.store.alerts`), keeps those a rule asks about (its actors, types, confidence and
modalities) and gives each as a :class:`~newsgraph.store.alerts.NewAlert` with its evidence: the
sentence, the document, the outlet, the speaker. What is "new" is judged against everything
stored before: a tie is new when no document stored earlier states it, a speaker when no claim
stored earlier about the same actor is theirs. Each alert carries a key made of the rule and the
fact's identity, so recording it twice is impossible (:func:`newsgraph.store.alerts.record`).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsgraph.alerts.rules import Rule
from newsgraph.errors import AmbiguousActor, NotFound, StoreError
from newsgraph.network import Actor, find_actor
from newsgraph.resolve import aliases
from newsgraph.resolve.forms import form
from newsgraph.store import Engine, Tx, connect
from newsgraph.store import alerts as store
from newsgraph.store.alerts import DocumentInfo, NewAlert, fact_key
from newsgraph.watchlist.actors import SCREENED_KINDS
from newsgraph.watchlist.matcher import MATCH_THRESHOLD
from newsgraph.watchlist.screen import NO_LIST, Hit, screen_stored

log = logging.getLogger("newsgraph.alerts")

SCREEN_CACHE = 50_000
"""Names whose screening a process keeps (a watcher screens the same actors batch after batch);
a cached result holds only while the loaded lists are the same (their names and load times)."""
_SCREENED: dict[tuple[object, ...], list[Hit]] = {}

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) holding ``[start, end)``: from the boundary before to the one
    after (a full stop, question or exclamation mark and a space, or a line break)."""
    lo, hi = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


@dataclass(frozen=True)
class Context:
    """What every rule reads: the new documents (in store order) and the time of the run."""

    docs: dict[str, DocumentInfo]
    order: tuple[str, ...]
    now: datetime

    def evidence(self, doc_id: str, start: int | None, end: int | None) -> dict[str, object]:
        doc = self.docs[doc_id]
        fields: dict[str, object] = {
            "doc_id": doc_id,
            "title": doc.title,
            "url": doc.url,
            "outlet": doc.source,
            "published": doc.published,
        }
        if start is not None and end is not None and 0 <= start < end <= len(doc.text):
            fields.update(sentence=doc.text[start:end].strip(), sentence_start=start, sentence_end=end)
        return fields


def watched(conn: Tx, names: Iterable[str]) -> dict[int, str]:
    """Actor id -> name for the watched ``names`` found in the store, through the actor lookup
    (a name, an alias or ``#ID``), else through the other names the alias table gives it (``JeM``
    finds Jaish-e-Mohammed where the texts never write the acronym). A name no actor answers to
    yet is left out (it may appear in a later document); a name that fits several actors raises
    :class:`~newsgraph.errors.AmbiguousActor` listing them, to be named by ``#ID``."""
    out: dict[int, str] = {}
    for name in names:
        try:
            actor = find_actor(conn, name)
        except NotFound:
            found = _by_reference_names(conn, name)
            if found is None:
                continue
            actor = found
        out[actor.id] = actor.name
    return out


def _by_reference_names(conn: Tx, name: str) -> Actor | None:
    """The stored actor that another name the field's references give ``name`` answers to: an
    acronym the texts never spell out (``JeM``, ``LeT``) or another spelling, through the alias
    table (:mod:`newsgraph.resolve.aliases`); None when no such name is stored."""
    f = form(name)
    for gid in dict.fromkeys((*aliases.name_groups(f), *aliases.acronym_groups(f))):
        for other in aliases.group(gid).names:
            try:
                return find_actor(conn, other)
            except (NotFound, AmbiguousActor):
                continue
    return None


def _keeps(rule: Rule, modality: str | None, confidence: float | None) -> bool:
    if rule.modality and (modality or "asserted") not in rule.modality:
        return False
    return confidence is None or rule.min_confidence <= 0 or confidence >= rule.min_confidence


def _names(ids: Iterable[int], known: dict[int, str]) -> str:
    return ", ".join(known[i] for i in dict.fromkeys(ids))


def _actor_event(conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str]) -> list[NewAlert]:
    rows = store.event_actors(conn, list(ctx.order))
    events: dict[tuple[str, str], list[store.EventActor]] = defaultdict(list)
    for r in rows:
        events[(r.doc_id, r.event_id)].append(r)
    speakers = store.claim_sources(conn, [(d, r[0].claim) for (d, _), r in events.items() if r[0].claim])
    out = []
    for (doc_id, event_id), args in events.items():
        first = args[0]
        if rule.types and first.type not in rule.types:
            continue
        if not _keeps(rule, first.modality, first.confidence):
            continue
        hit = [a for a in args if a.actor_id in ids]
        if not hit:
            continue
        span = first.sentence or {}
        source = speakers.get((doc_id, first.claim)) if first.claim else None
        names = _names((a.actor_id for a in hit), ids)
        out.append(
            NewAlert(
                key=fact_key(rule.name, "event", doc_id, event_id),
                rule=rule.name,
                rule_kind=rule.kind,
                fact_kind="event",
                fact_type=first.type,
                summary=f"{names} in a new {first.type} event",
                record_id=event_id,
                speaker=(source.actor_name or source.speaker_text) if source else None,
                confidence=first.confidence,
                modality=first.modality,
                actors=tuple(dict.fromkeys((a.actor_id, a.actor_name) for a in hit)),
                detail={"arguments": [{"role": a.role, "actor": a.actor_id, "actor_name": a.actor_name} for a in args]},
                **ctx.evidence(doc_id, span.get("start"), span.get("end")),  # type: ignore[arg-type]
            )
        )
    return out


def _claim_span(ctx: Context, c: store.ClaimActor) -> tuple[int, int]:
    start, end = c.start, c.end
    if c.speaker:
        start, end = min(start, int(c.speaker["start"])), max(end, int(c.speaker["end"]))
    return sentence_around(ctx.docs[c.doc_id].text, start, end)


def _actor_claim(conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str]) -> list[NewAlert]:
    claims: dict[tuple[str, str], list[store.ClaimActor]] = defaultdict(list)
    for r in store.claim_actors(conn, list(ctx.order)):
        claims[(r.doc_id, r.claim_id)].append(r)
    sources = store.claim_sources(conn, claims)
    out = []
    for (doc_id, claim_id), found in claims.items():
        first = found[0]
        if not _keeps(rule, first.modality, first.confidence):
            continue
        hit = [c for c in found if c.actor_id in ids and (rule.role == "any" or c.role == rule.role)]
        if not hit:
            continue
        source = sources.get((doc_id, claim_id))
        speaker = (source.actor_name or source.speaker_text) if source else None
        names = _names((c.actor_id for c in hit), ids)
        said = ctx.docs[doc_id].text[first.start : first.end]
        roles = {c.role for c in hit}
        what = f"{names} says" if roles == {"speaker"} else f"{speaker or 'someone'} on {names}"
        start, end = _claim_span(ctx, first)
        out.append(
            NewAlert(
                key=fact_key(rule.name, "claim", doc_id, claim_id),
                rule=rule.name,
                rule_kind=rule.kind,
                fact_kind="claim",
                fact_type=first.kind,
                summary=f"new claim: {what}",
                record_id=claim_id,
                speaker=speaker,
                confidence=first.confidence,
                modality=first.modality,
                actors=tuple(dict.fromkeys((c.actor_id, c.actor_name) for c in hit)),
                detail={"claim_text": said, "roles": sorted(roles)},
                **ctx.evidence(doc_id, start, end),  # type: ignore[arg-type]
            )
        )
    return out


def _tie_type_matches(rule: Rule, t: store.TieRow) -> bool:
    if not rule.types:
        return True
    wanted = {x.lower() for x in rule.types}
    return t.type.lower() in wanted or t.kind in wanted


def _first_ties(found: dict[tuple[int, int, str], int]) -> dict[tuple[int, int, str], int]:
    """(lower actor, higher actor, type) and (lower, higher, "") for any type -> the first
    document (its order in the store) that ties them, either way."""
    out: dict[tuple[int, int, str], int] = {}
    for (a, b, kind), seq in found.items():
        for key in ((min(a, b), max(a, b), kind), (min(a, b), max(a, b), "")):
            out[key] = min(seq, out.get(key, seq))
    return out


def _tie_span(ctx: Context, t: store.TieRow) -> tuple[int, int]:
    """A tie's evidence: its sentence; for a claim (stored as what is said), the sentence around it."""
    if t.kind == "claim":
        return sentence_around(ctx.docs[t.doc_id].text, t.sentence_start, t.sentence_end)
    return t.sentence_start, t.sentence_end


def _new_tie(conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str], others: dict[int, str] | None) -> list[NewAlert]:
    seq = {d: ctx.docs[d].seq for d in ctx.order}
    out = []
    done: set[tuple[int, int, str]] = set()
    firsts: dict[tuple[int, int, str], int] | None = None
    for t in store.ties_of(conn, list(ctx.order)):
        if not _tie_type_matches(rule, t) or not _keeps(rule, t.modality, t.confidence):
            continue
        ends = []
        if t.actor_a in ids and (others is None or t.actor_b in others):
            ends.append((t.actor_a, t.actor_b))
        if t.actor_b in ids and (others is None or t.actor_a in others):
            ends.append((t.actor_b, t.actor_a))
        if not ends:
            continue
        watched_end, other_end = ends[0]
        by_type = t.type if rule.types else ""
        pair = (min(t.actor_a, t.actor_b), max(t.actor_a, t.actor_b), by_type)
        if pair in done:
            continue
        done.add(pair)
        if firsts is None:
            firsts = _first_ties(store.first_tie_seqs(conn, list(ids), rule.min_confidence, rule.modality))
        first = firsts.get(pair)
        if first != seq[t.doc_id]:
            continue  # stated before, in a document stored earlier
        name = {t.actor_a: t.name_a, t.actor_b: t.name_b}
        arrow = f"-{t.type}->" if t.directed else f"-{t.type}-"
        a, b = (t.actor_a, t.actor_b)
        out.append(
            NewAlert(
                key=fact_key(rule.name, "tie", t.doc_id, t.kind, t.record_id, t.entity_a, t.entity_b, by_type),
                rule=rule.name,
                rule_kind=rule.kind,
                fact_kind="tie",
                fact_type=t.type,
                summary=f"new tie: {name[a]} {arrow} {name[b]} ({t.kind}, '{t.label}')",
                record_id=t.record_id,
                speaker=t.speaker,
                confidence=t.confidence,
                modality=t.modality,
                actors=((watched_end, name[watched_end]), (other_end, name[other_end])),
                detail={
                    "tie_kind": t.kind,
                    "label": t.label,
                    "source_actor": a,
                    "target_actor": b,
                    "directed": t.directed,
                },
                **ctx.evidence(t.doc_id, *_tie_span(ctx, t)),  # type: ignore[arg-type]
            )
        )
    return out


def _speaker_key(speaker_actor: int | None, speaker_text: str | None) -> str | None:
    if speaker_actor is not None:
        return f"#{speaker_actor}"
    text = " ".join((speaker_text or "").lower().split())
    return text or None


def _new_speaker(conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str]) -> list[NewAlert]:
    rows = [r for r in store.claim_actors(conn, list(ctx.order)) if r.role == "about" and r.actor_id in ids]
    sources = store.claim_sources(conn, [(r.doc_id, r.claim_id) for r in rows])
    seq = {d: ctx.docs[d].seq for d in ctx.order}
    earlier: dict[int, set[str]] = {}
    out = []
    done: set[tuple[str, str, int]] = set()
    rows.sort(key=lambda r: (seq[r.doc_id], r.start))
    for r in rows:
        if (r.doc_id, r.claim_id, r.actor_id) in done or not _keeps(rule, r.modality, r.confidence):
            continue
        done.add((r.doc_id, r.claim_id, r.actor_id))
        source = sources.get((r.doc_id, r.claim_id))
        if source is None or source.actor_id == r.actor_id:
            continue  # no speaker, or the actor speaking of itself
        key = _speaker_key(source.actor_id, source.speaker_text)
        if key is None:
            continue
        if r.actor_id not in earlier:
            earlier[r.actor_id] = {
                k
                for c in store.claims_about(conn, r.actor_id, before_seq=min(seq.values()))
                if (k := _speaker_key(c.speaker_actor, c.speaker_text))
            }
        if key in earlier[r.actor_id]:
            continue
        earlier[r.actor_id].add(key)
        speaker = source.actor_name or source.speaker_text or key
        start, end = _claim_span(ctx, r)
        out.append(
            NewAlert(
                key=fact_key(rule.name, "speaker", r.doc_id, r.claim_id, r.entity_id),
                rule=rule.name,
                rule_kind=rule.kind,
                fact_kind="claim",
                fact_type=r.kind,
                summary=f"new speaker on {ids[r.actor_id]}: {speaker}",
                record_id=r.claim_id,
                speaker=speaker,
                confidence=r.confidence,
                modality=r.modality,
                actors=((r.actor_id, r.actor_name),),
                detail={"claim_text": ctx.docs[r.doc_id].text[r.start : r.end], "speaker_actor": source.actor_id},
                **ctx.evidence(r.doc_id, start, end),  # type: ignore[arg-type]
            )
        )
    return out


def _surge(conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str]) -> list[NewAlert]:
    latest: dict[int, store.EventActor] = {}
    seq = {d: ctx.docs[d].seq for d in ctx.order}
    for r in store.event_actors(conn, list(ctx.order)):
        if r.actor_id not in ids or (rule.types and r.type not in rule.types):
            continue
        if not _keeps(rule, r.modality, r.confidence):
            continue
        if r.actor_id not in latest or seq[r.doc_id] >= seq[latest[r.actor_id].doc_id]:
            latest[r.actor_id] = r
    today = ctx.now.date()
    week_start = today - timedelta(days=6)
    since = week_start - timedelta(days=7 * rule.weeks)
    iso = today.isocalendar()
    out = []
    for actor_id, r in latest.items():
        days = store.event_days(conn, actor_id, rule.types, since.isoformat(), today.isoformat())
        now_count = len({k for k, d in days if d >= week_start.isoformat()})
        before = len({k for k, d in days if d < week_start.isoformat()})
        mean = before / rule.weeks
        if now_count < rule.min_count or now_count < rule.factor * mean:
            continue
        what = "/".join(rule.types) if rule.types else "events"
        span = r.sentence or {}
        out.append(
            NewAlert(
                key=fact_key(
                    rule.name, "surge", ids[actor_id].lower(), ",".join(rule.types), f"{iso.year}-W{iso.week:02d}"
                ),
                rule=rule.name,
                rule_kind=rule.kind,
                fact_kind="surge",
                fact_type=",".join(rule.types) or None,
                summary=(
                    f"surge: {now_count} {what} involving {ids[actor_id]} in the 7 days to {today.isoformat()} "
                    f"(usual {mean:.1f} a week over {rule.weeks} weeks)"
                ),
                record_id=r.event_id,
                confidence=r.confidence,
                modality=r.modality,
                actors=((actor_id, ids[actor_id]),),
                detail={"count": now_count, "weekly_mean": round(mean, 3), "weeks": rule.weeks, "until": str(today)},
                **ctx.evidence(r.doc_id, span.get("start"), span.get("end")),  # type: ignore[arg-type]
            )
        )
    return out


def _watchlist_match(engine: Engine, conn: Tx, ctx: Context, rule: Rule, ids: dict[int, str] | None) -> list[NewAlert]:
    state = store.watchlist_state(conn)
    if not state:
        log.warning("alert rule %r: %s", rule.name, NO_LIST)
        return []
    rows = store.entities_of_documents(conn, list(ctx.order), list(SCREENED_KINDS))
    out: list[NewAlert] = []
    screened: dict[tuple[str, str], list[Hit]] = {}
    threshold = rule.threshold or MATCH_THRESHOLD
    done: set[str] = set()
    for e in rows:
        if ids is not None and e.actor_id not in ids:
            continue
        if e.confidence is not None and rule.min_confidence > 0 and e.confidence < rule.min_confidence:
            continue
        name = e.actor_name or e.name
        query = (name, e.kind)
        if query not in screened:
            cached = (str(engine.url), state, name, e.kind, threshold, rule.lists)
            if cached not in _SCREENED:
                if len(_SCREENED) >= SCREEN_CACHE:
                    _SCREENED.clear()
                try:
                    _SCREENED[cached] = screen_stored(
                        engine,
                        name,
                        kind=SCREENED_KINDS.get(e.kind),
                        threshold=threshold,
                        lists=list(rule.lists) or None,
                        limit=3,
                    )
                except StoreError as exc:  # none of the rule's lists is loaded: nothing can match
                    log.warning("alert rule %r: %s", rule.name, exc)
                    return out
            screened[query] = _SCREENED[cached]
        for hit in screened[query]:
            entry = hit.entry
            key = fact_key(rule.name, "match", entry.list, entry.entry_id, name.lower())
            if key in done:
                continue
            done.add(key)
            start = e.first_mention if e.first_mention is not None else 0
            lo, hi = sentence_around(ctx.docs[e.doc_id].text, start, start + 1)
            out.append(
                NewAlert(
                    key=key,
                    rule=rule.name,
                    rule_kind=rule.kind,
                    fact_kind="match",
                    fact_type=entry.list,
                    summary=f"{name} matches {entry.list} {entry.entry_id} {entry.name} (score {hit.score:.2f})",
                    record_id=e.entity_id,
                    confidence=e.confidence,
                    actors=((e.actor_id, name),) if e.actor_id is not None else (),
                    detail={
                        "list": entry.list,
                        "reference": entry.entry_id,
                        "entry_name": entry.name,
                        "matched_name": hit.matched_name,
                        "score": round(hit.score, 4),
                        "explanation": hit.explain(),
                    },
                    **ctx.evidence(e.doc_id, lo, hi),  # type: ignore[arg-type]
                )
            )
    return out


def evaluate(
    engine: Engine, rules: Sequence[Rule], document_ids: Sequence[str], *, now: datetime | None = None
) -> list[NewAlert]:
    """The alerts ``rules`` raise on the facts of ``document_ids`` (documents not stored, or no
    longer current, are skipped), in rule order then document order. Nothing is recorded."""
    when = now or datetime.now(UTC)
    with connect(engine) as conn:
        docs = store.documents_info(conn, document_ids)
        if not docs or not rules:
            return []
        order = tuple(sorted(docs, key=lambda d: docs[d].seq))
        ctx = Context(docs, order, when)
        out: list[NewAlert] = []
        for rule in rules:
            ids = watched(conn, rule.actors) if rule.actors else {}
            if rule.kind == "watchlist_match":
                out += _watchlist_match(engine, conn, ctx, rule, ids if rule.actors else None)
                continue
            if not ids:
                continue
            if rule.kind == "actor_event":
                out += _actor_event(conn, ctx, rule, ids)
            elif rule.kind == "actor_claim":
                out += _actor_claim(conn, ctx, rule, ids)
            elif rule.kind == "new_tie":
                others = watched(conn, rule.other) if rule.other else None
                if others is not None and not others:
                    continue
                out += _new_tie(conn, ctx, rule, ids, others)
            elif rule.kind == "new_speaker":
                out += _new_speaker(conn, ctx, rule, ids)
            elif rule.kind == "surge":
                out += _surge(conn, ctx, rule, ids)
        return out
