"""Claims on PolNeAR: content P/R/F1 and attribution F1, overall and for direct quotations.

The gold is the PolNeAR dev split in BRAT standoff (``quotes/polnear-dev/text/*.txt`` and
``attributions/*.ann``). Each ``Attribution`` relation (``E`` line) joins a ``Content`` span (one
or more fragments; a second ``Content2`` is folded in), a ``Cue`` and, unless it is an
``Attribution-no-source``, a ``Source``. Some texts were annotated by several annotators
(``NAME_<annotator>.ann``); the first annotation file in sorted order is the gold for that text.

The real pipeline runs on each text (``annotate_many`` + ``extract``, no reference date).

- ``content_*``: predicted claims against gold contents, matched one to one (largest overlap
  first). A claim matches a gold content when its span covers at least half of the gold
  content's word tokens (``\\w+`` runs and single punctuation marks, quotation marks left out).
- ``attribution_*``: a matched pair whose speaker is right. The speaker is right when the claim's
  speaker span overlaps the gold ``Source`` span; when the gold attribution has no source, it is
  right when the claim has no speaker either. (Pronoun sources are judged by their span too: the
  contract keeps the speaker as written, and its resolution to an entity is not in the gold.)
- ``anaphor_*``: speakers written as a pronoun or a description ("he", "it", "the ministry",
  "the spokesman") of attributions whose speaker span is right. PolNeAR does not link a source to
  its antecedent, so the reference is a proxy: the nearest named gold ``Source`` before the claim
  (one with a capitalised word after its first). ``anaphor_resolved`` is the share given an
  entity at all; ``anaphor_antecedent`` the share whose entity's name or an alias shares a
  capitalised word with that antecedent (only where the document has one).
- ``direct_*``: the same on direct quotations only. A gold content is direct when its first
  fragment starts at a double quotation mark (or just after one) and its last fragment ends at
  one (or just before one). The predicted side is the claims of kind ``direct``; a direct claim
  that matches a gold content that is not direct is left out of the direct precision rather
  than counted wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DESCRIPTION = "PolNeAR attributions: claim content P/R/F1 and attribution F1 (speaker right), overall and direct"
REQUIRES = ["eval/quotes/polnear-dev"]
BASELINE = {
    "content_f1": 0.278,
    "attribution_f1": 0.240,
    "direct_content_f1": 0.653,
    "direct_attribution_f1": 0.578,
}

_WORD = re.compile(r"\w+|[^\w\s]")
_QUOTES = "\"“”«»„"


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    """Fragments of the content, in text order."""
    source: tuple[int, int] | None
    direct: bool


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    speaker: tuple[int, int] | None
    direct: bool
    speaker_names: tuple[str, ...] = ()
    """The name and aliases of the entity the speaker was resolved to (empty: unresolved)."""


def _fragments(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def _is_direct(text: str, fragments: tuple[tuple[int, int], ...]) -> bool:
    start, end = fragments[0][0], fragments[-1][1]
    inner = text[start:end].strip()
    opens = inner[:1] in _QUOTES or text[max(0, start - 1) : start] in tuple(_QUOTES)
    closes = (
        inner[-1:] in _QUOTES
        or inner[-2:-1] in _QUOTES
        or text[end : end + 1] in tuple(_QUOTES)
        or text[end : end + 2].strip()[:1] in tuple(_QUOTES)
    )
    return bool(inner) and opens and closes


def read_ann(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one BRAT file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            relations.append(args)
    gold = []
    for rel in relations:
        fragments: list[tuple[int, int]] = []
        for role in ("Content", "Content2"):
            if rel.get(role) in spans:
                fragments.extend(spans[rel[role]][1])
        if not fragments:
            continue
        frags = tuple(sorted(fragments))
        source = None
        if rel.get("Source") in spans:
            src = spans[rel["Source"]][1]
            source = (src[0][0], src[-1][1])
        gold.append(GoldAttribution(content=frags, source=source, direct=_is_direct(text, frags)))
    return tuple(gold)


def read_gold(root: Path) -> Iterator[GoldDocument]:
    """One gold document per text, with the first annotator's attributions."""
    anns = sorted((root / "attributions").glob("*.ann"))
    for txt in sorted((root / "text").glob("*.txt")):
        own = [p for p in anns if p.name.rsplit("_", 1)[0] == txt.stem]
        if not own:
            continue
        text = txt.read_text(encoding="utf-8")
        yield GoldDocument(name=txt.stem, text=text, attributions=read_ann(own[0], text))


def _word_spans(text: str, fragments: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    out = []
    for a, b in fragments:
        for m in _WORD.finditer(text, a, b):
            if m.group() not in _QUOTES:
                out.append((m.start(), m.end()))
    return out


def _covered(words: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for a, b in words if a >= start and b <= end)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_ANAPHOR = re.compile(
    r"(?i)^(he|she|it|they|we|i|the|this|that|these|those|his|her|its|their)\b"
)
_CAPITAL = re.compile(r"\b[A-Z][\w'-]+")


def _named(text: str) -> bool:
    """A source span that names someone: a capitalised word after its first word."""
    return bool(_CAPITAL.search(text, len(text.split()[0]) if text.split() else 0))


def _anaphor(text: str) -> bool:
    return bool(_ANAPHOR.match(text.strip())) and not _named(text.strip())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attr_tp: int = 0
    anaphors: int = 0
    anaphors_resolved: int = 0
    anaphors_with_antecedent: int = 0
    anaphors_antecedent_right: int = 0

    def anaphor_scores(self) -> dict[str, float]:
        return {
            "anaphor_resolved": self.anaphors_resolved / self.anaphors if self.anaphors else 0.0,
            "anaphor_antecedent": (
                self.anaphors_antecedent_right / self.anaphors_with_antecedent
                if self.anaphors_with_antecedent
                else 0.0
            ),
        }

    def scores(self, prefix: str) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        ap = self.attr_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        ar = self.attr_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            f"{prefix}content_precision": p,
            f"{prefix}content_recall": r,
            f"{prefix}content_f1": 2 * p * r / (p + r) if p + r else 0.0,
            f"{prefix}attribution_f1": 2 * ap * ar / (ap + ar) if ap + ar else 0.0,
        }


def _speaker_right(gold: GoldAttribution, pred: Predicted) -> bool:
    if gold.source is None:
        return pred.speaker is None
    return pred.speaker is not None and _overlaps(gold.source, pred.speaker)


def _antecedent(text: str, gold: tuple[GoldAttribution, ...], before: int) -> str | None:
    """The nearest named gold source that ends before ``before``."""
    best: tuple[int, str] | None = None
    for g in gold:
        if g.source is None or g.source[1] > before:
            continue
        src = text[g.source[0] : g.source[1]]
        if _named(src) and (best is None or g.source[1] > best[0]):
            best = (g.source[1], src)
    return best[1] if best else None


def _score_anaphor(
    text: str, gold: tuple[GoldAttribution, ...], g: GoldAttribution, p: Predicted, counts: Counts
) -> None:
    assert g.source is not None
    if not _anaphor(text[g.source[0] : g.source[1]]):
        return
    counts.anaphors += 1
    counts.anaphors_resolved += bool(p.speaker_names)
    antecedent = _antecedent(text, gold, min(g.source[0], g.content[0][0]))
    if antecedent is None:
        return
    counts.anaphors_with_antecedent += 1
    words = set(_CAPITAL.findall(antecedent))
    counts.anaphors_antecedent_right += any(words & set(_CAPITAL.findall(n)) for n in p.speaker_names)


def score_document(
    text: str, gold: tuple[GoldAttribution, ...], predicted: list[Predicted], overall: Counts, direct: Counts
) -> None:
    """Add one document's matches to the overall and the direct counts."""
    words = [_word_spans(text, g.content) for g in gold]
    pairs = []
    for gi, w in enumerate(words):
        if not w:
            continue
        for pi, p in enumerate(predicted):
            c = _covered(w, p.start, p.end)
            if 2 * c >= len(w):
                pairs.append((c / len(w), c, gi, pi))
    pairs.sort(reverse=True)
    gold_of: dict[int, int] = {}
    pred_of: dict[int, int] = {}
    for _share, _c, gi, pi in pairs:
        if gi in gold_of or pi in pred_of:
            continue
        gold_of[gi] = pi
        pred_of[pi] = gi
    for gi, g in enumerate(gold):
        if not words[gi]:
            continue
        pi_match = gold_of.get(gi)
        right = pi_match is not None and _speaker_right(g, predicted[pi_match])
        overall.tp += pi_match is not None
        overall.fn += pi_match is None
        overall.attr_tp += right
        if right and g.source is not None and pi_match is not None:
            _score_anaphor(text, gold, g, predicted[pi_match], overall)
        if g.direct:
            matched_direct = pi_match is not None and predicted[pi_match].direct
            direct.tp += matched_direct
            direct.fn += not matched_direct
            direct.attr_tp += matched_direct and right
    for pi, p in enumerate(predicted):
        if pi not in pred_of:
            overall.fp += 1
            if p.direct:
                direct.fp += 1


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from newsgraph.annotate import annotate_many
    from newsgraph.extract import extract
    from newsgraph.records import Document

    docs = list(read_gold(shared / "eval" / "quotes" / "polnear-dev"))
    if limit is not None:
        docs = docs[:limit]
    overall, direct = Counts(), Counts()
    for doc, annotation in zip(docs, annotate_many(d.text for d in docs), strict=True):
        x = extract(Document(id=doc.name, text=doc.text), annotation)
        entities = {e.id: e for e in x.entities}
        predicted = [
            Predicted(
                start=c.start,
                end=c.end,
                speaker=(c.speaker.start, c.speaker.end) if c.speaker else None,
                direct=c.kind == "direct",
                speaker_names=_names(entities.get(c.speaker.entity)) if c.speaker and c.speaker.entity else (),
            )
            for c in _joined(x.claims)
        ]
        score_document(doc.text, doc.attributions, predicted, overall, direct)
    return {**overall.scores(""), **direct.scores("direct_"), **overall.anaphor_scores()}


def _joined(claims: Any) -> list[Any]:
    """PolNeAR's convention, mapped here: a quotation broken by its cue (“...,” he said, “...”)
    is one content span, where newsgraph (and the newsfacts guide) gives two claims with one cue
    and speaker; the parts are joined back into one span for this gold."""
    out: list[Any] = []
    last: dict[tuple[Any, Any], int] = {}
    for c in sorted(claims, key=lambda c: c.start):
        key = (c.cue, c.speaker)
        if c.kind == "direct" and c.cue is not None and key in last:
            k = last[key]
            out[k] = replace(out[k], end=max(out[k].end, c.end))
            continue
        if c.kind == "direct":
            last[key] = len(out)
        out.append(c)
    return out


def _names(entity: Any) -> tuple[str, ...]:
    if entity is None:
        return ()
    return (entity.name, *entity.aliases)
