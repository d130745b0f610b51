"""Stage: the entities the mentions of one document refer to.

Mentions are grouped into one entity when they

1. share a gazetteer or acronym key (``Lashkar-e-Taiba``/``LeT``; ``Pakistan``/``Pakistani``: a
   demonym is linked to its state, its mention keeps the NORP type);
2. read the same, up to case and a leading article, with compatible types;
3. are a person's surname (or the end of the name) used alone, with a single fuller name to match
   (``Sharif`` -> ``Shehbaz Sharif``);
4. are an organisation's initials (``BoP`` for ``Board of Peace``) or a transliteration variant
   of it (same consonant skeleton).

Each entity gets the fullest form as its name, the other forms as aliases, a kind (person,
organization, state, place, group, igo, media, other) from the gazetteer (a country's name is
always a state, even on a span the gazetteer did not mark), the words around the
mentions ("terror groups ...", "news agency ...") and the name itself, and the attributes the
text states next to a person's name: ``role`` (the title before it), ``nationality`` (ISO code of
the state or demonym before the title) and ``description`` ("senior Hamas representative").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from newsgraph.annotate.gazetteer import entry_for_key, entry_named, skeleton
from newsgraph.annotate.lexicon import LEXICON_DIR, word_list
from newsgraph.annotate.parsed import Annotation, Token
from newsgraph.annotate.roles import load_roles
from newsgraph.extract.mentions import Found, find_mentions
from newsgraph.extract.modality import token_range
from newsgraph.extract.place_index import place_index
from newsgraph.records import Document, Entity, Mention

FAMILY = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "norp"}
KIND_OF_ENTRY = {
    "state": "state",
    "place": "place",
    "igo": "igo",
    "media": "media",
    "group": "group",
    "organization": "organization",
}
ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
DESCRIPTION_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})


@dataclass(frozen=True)
class KindCues:
    before: re.Pattern[str]
    """Matches a cue at the end of the text before a name; group ``cue``."""
    after: re.Pattern[str]
    """Matches an appositive cue after a name (``Hamas, the militant group``); group ``cue``."""
    kind_of: dict[str, str]


@lru_cache(maxsize=1)
def kind_cues(path: Path = LEXICON_DIR / "kind_cues.tsv") -> KindCues:
    kind_of: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cue, kind = line.split("\t")[:2]
            kind_of[cue.lower()] = kind
    alternation = "|".join(re.escape(c) for c in sorted(kind_of, key=len, reverse=True))
    return KindCues(
        before=re.compile(rf"(?:^|[^\w-])(?P<cue>{alternation})$"),
        after=re.compile(rf"^\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<cue>{alternation})\b"),
        kind_of=kind_of,
    )


def find_entities(annotation: Annotation, document: Document) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """The document's named mentions and the entities they refer to, ids ``m1..`` and ``e1..``."""
    found = _given_names_as_people(find_mentions(annotation), annotation)
    groups = _group(found, annotation.text)
    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    by_end = {f.mention.end: f for f in found}
    for members in groups:
        eid = f"e{len(entities) + 1}"
        entity = _entity(eid, [found[i] for i in members], annotation, by_end)
        if entity.kind == "other":
            continue  # a bare demonym ("Kurdish"), a title or a law is no actor: its mentions stay unlinked
        entities.append(entity)
        for mid in entity.mentions:
            entity_of[mid] = eid
    mentions = tuple(replace(f.mention, entity=entity_of.get(f.mention.id)) for f in found)
    return mentions, tuple(entities)


# --- grouping -------------------------------------------------------------------------------


def _given_names_as_people(found: list[Found], annotation: Annotation | None = None) -> list[Found]:
    """ "Shamima" after "Shamima Begum", read by the tagger as a place: a one-word name tagged
    GPE or LOC that opens or closes exactly one person's full name in the document, and that no
    gazetteer knows as a place, is that person's name (it joins them). So is such a name tagged
    ORG where it stands as a noun of its own ("Begum was 15", "Begum's lawyer"), not as the
    modifier of a body's name ("the Trump campaign", "the Trump administration": the body)."""
    people: dict[str, set[str]] = {}
    for f in found:
        words = _words(f.mention.text)
        if f.mention.type == "PERSON" and len(words) >= 2:
            for w in (words[0], words[-1]):
                people.setdefault(w, set()).add(" ".join(words))
    if not people:
        return found
    out = []
    for f in found:
        words = _words(f.mention.text)
        if (
            (f.mention.type in ("GPE", "LOC") or (f.mention.type == "ORG" and _stands_alone(annotation, f)))
            and len(words) == 1
            and len(people.get(words[0], ())) == 1
            and not f.span.kb_id
            and entry_named(f.mention.text) is None
            and not place_index().lookup(f.mention.text)
        ):
            f = replace(f, mention=replace(f.mention, type="PERSON"))
        out.append(f)
    return out


def _stands_alone(annotation: Annotation | None, f: Found) -> bool:
    """Whether a one-word mention is a noun phrase of its own or a possessor, not a modifier
    of the noun after it ("Trump" in "the Trump administration")."""
    if annotation is None:
        return False
    first, last = token_range(annotation, f.mention.start, f.mention.end)
    if last - first != 1:
        return False
    t = annotation.tokens[first]
    return t.dep not in ("compound", "amod", "nmod", "nummod") and not (
        first + 1 < len(annotation.tokens)
        and annotation.tokens[first + 1].pos in ("NOUN", "PROPN")
        and annotation.tokens[first + 1].dep != "appos"
        and t.dep != "poss"
    )


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", ARTICLE.sub("", text)).strip().lower()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text) if w]


def _initials(text: str) -> str:
    fw = word_list("function_words")
    return "".join(w[0] for w in re.split(r"[\s-]+", text) if w and w.lower() not in fw and w[0].isalpha()).upper()


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|Al|El)[-‐](?=\w{3})")


def _group(found: list[Found], text: str = "") -> list[list[int]]:
    sets = _Sets(len(found))
    _bracketed_names(sets, found, text)
    first_of: dict[tuple[str, str], int] = {}
    for i, f in enumerate(found):
        key = f.span.kb_id
        if key:
            sets.union(i, first_of.setdefault(("key", key), i))
        family = FAMILY.get(f.mention.type, f.mention.type)
        sets.union(i, first_of.setdefault((family, _norm(f.mention.text)), i))
    people = [i for i, f in enumerate(found) if f.mention.type == "PERSON"]
    words_of = {i: _words(found[i].mention.text) for i in people}
    full = [i for i in people if len(words_of[i]) >= 2]
    # the fuller names by each of their shorter endings, case aside: "De Mistura" opening a
    # sentence is the end of "Staffan de Mistura", "Bin Salman" of "Mohammed bin Salman"
    ending: dict[tuple[str, ...], list[int]] = {}
    for j in full:
        for k in range(1, len(words_of[j])):
            ending.setdefault(tuple(w.lower() for w in words_of[j][-k:]), []).append(j)
        bare = _ARABIC_ARTICLE.sub("", words_of[j][-1])  # "Assad" alone for "Bashar al-Assad"
        if bare != words_of[j][-1]:
            ending.setdefault((bare.lower(),), []).append(j)
    for i in people:
        fuller = {sets.find(j) for j in ending.get(tuple(w.lower() for w in words_of[i]), ())}
        if len(fuller) == 1:
            sets.union(i, fuller.pop())
    _first_names(sets, people, full, words_of)
    orgs = [i for i, f in enumerate(found) if f.mention.type == "ORG"]
    long_orgs = [i for i in orgs if len(_words(found[i].mention.text)) >= 2 or "-" in found[i].mention.text]
    by_initials: dict[str, list[int]] = {}
    for j in long_orgs:
        by_initials.setdefault(_initials(found[j].mention.text), []).append(j)
    for i in orgs:
        text = found[i].mention.text
        letters = re.sub(r"[^A-Za-z]", "", text)
        if " " not in text and 2 <= len(letters) <= 6 and sum(c.isupper() for c in letters) >= 2:
            owners = {sets.find(j) for j in by_initials.get(letters.upper(), ())}
            if len(owners) == 1:
                sets.union(i, owners.pop())
    by_skeleton: dict[str, int] = {}
    for i in long_orgs + full:
        sk = skeleton(found[i].mention.text)
        if len(sk) >= 6:
            sets.union(i, by_skeleton.setdefault(FAMILY[found[i].mention.type] + sk, i))
    groups: dict[int, list[int]] = {}
    for i in range(len(found)):
        groups.setdefault(sets.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _bracketed_names(sets: _Sets, found: list[Found], text: str) -> None:
    """``the Tahrir al-Sham (HTS)``: a listed name and, in brackets right after it, a listed name
    of the same kind are one thing, though the lists give them two keys (the curated
    ``Hayat Tahrir al-Sham``/``HTS`` and a sanctions list's ``Tahrir al-Sham``)."""
    by_start = {f.mention.start: i for i, f in enumerate(found)}
    for i, f in enumerate(found):
        j = by_start.get(f.mention.end + 2)
        if (
            j is None
            or text[f.mention.end : f.mention.end + 2] != " ("
            or text[found[j].mention.end : found[j].mention.end + 1] != ")"
        ):
            continue
        a, b = entry_for_key(f.span.kb_id), entry_for_key(found[j].span.kb_id)
        if a is not None and b is not None and a.kind == b.kind and a.kind in ("group", "organization", "igo", "media"):
            sets.union(i, j)


def _first_names(sets: _Sets, people: list[int], full: list[int], words_of: dict[int, list[str]]) -> None:
    """``Brett`` after ``Brett McGurk``: a one-word name that opens exactly one fuller name in the
    document, and is no word of any other person's name, is that person. The fuller names are
    indexed by their words once, so the cost grows with the names, not with their pairs."""
    opening: dict[str, list[int]] = {}
    inside: dict[str, list[int]] = {}
    for j in full:
        opening.setdefault(words_of[j][0], []).append(j)
        for w in set(words_of[j][1:]):
            inside.setdefault(w, []).append(j)
    for i in people:
        words = words_of[i]
        if len(words) != 1:
            continue
        opens = {sets.find(j) for j in opening.get(words[0], ())}
        elsewhere = {sets.find(j) for j in inside.get(words[0], ())}
        if len(opens) == 1 and not (elsewhere - opens):
            sets.union(i, opens.pop())


# --- one entity -----------------------------------------------------------------------------


def _entity(eid: str, members: list[Found], annotation: Annotation, by_end: dict[int, Found]) -> Entity:
    types = Counter(f.mention.type for f in members)
    named = [f for f in members if f.mention.type != "NORP"] or members
    keys = [f.span.kb_id for f in members if f.span.kb_id]
    state = next((e for e in (entry_for_key(k) for k in keys) if e and e.key.startswith("iso:")), None)
    if named is members and types["NORP"] == len(members) and state is not None:
        name = state.name
    else:
        name = max((f.mention.text for f in named), key=lambda t: (len(_words(t)), len(t)))
    aliases: list[str] = []
    for f in members:
        if f.mention.text != name and f.mention.text not in aliases:
            aliases.append(f.mention.text)
    kind = _kind(members, named, keys, name, annotation, by_end)
    attributes = (
        _attributes(members, annotation, by_end) if kind == "person" else _org_attributes(members, annotation, kind)
    )
    return Entity(
        id=eid,
        name=name,
        kind=kind,
        aliases=tuple(aliases),
        mentions=tuple(f.mention.id for f in members),
        attributes=attributes,
    )


def _kind(
    members: list[Found],
    named: list[Found],
    keys: list[str],
    name: str,
    annotation: Annotation,
    by_end: dict[int, Found],
) -> str:
    main = Counter(f.mention.type for f in named).most_common(1)[0][0]
    known = ""
    for key in keys:
        entry = entry_for_key(key)
        if entry is None:
            continue
        if entry.kind == "nationality":
            known = known or ("state" if entry.key.startswith("iso:") else "")
        else:
            known = KIND_OF_ENTRY.get(entry.kind, known)
            break
    if not known and _doctrine(name):
        return "other"  # "Bin Ladenism", "neo-Ottomanism": a doctrine is no actor
    if main != "PERSON" and known != "state" and _names_a_state(named):
        return "state"  # a country is a state whatever span the model drew for it
    if known in ("state", "igo", "media", "group", "place"):
        return known
    if main == "PERSON":
        # "the state news agency Sana": a name the tagger read as a person's, cued as an outlet
        # "the rock band Pink Floyd", "the legal nonprofit Reprieve": no person is cued so
        cued = _cued_kind(members, annotation, by_end)
        return cued or "person"
    if main in ("GPE", "LOC", "FAC"):
        return "place"
    if main != "ORG":
        return "other"
    cued = _cued_kind(members, annotation, by_end)
    if cued and cued != "organization":
        return cued
    if known == "organization":
        return known
    if _outlet_named(name):
        return "media"
    if any(_outlet_noun_after(annotation.text, f.mention.end) for f in members):
        return "media"
    if _given_name_first(name):
        return "person"  # "Kirsty Rosse-Emile": a name the tagger read as an organisation's
    words = {w.lower() for w in re.split(r"[\s-]+", name)}
    if words & word_list("armed_group_words"):
        return "group"
    last = re.split(r"[\s-]+", name)[-1].lower()
    if last in word_list("media_words"):
        return "media"
    return "organization"


_NEXT_WORD = re.compile(r"^[ \t]+([a-z]+)\b")


def _outlet_noun_after(text: str, end: int) -> bool:
    """Whether the word right after a name makes it an outlet's ("a Guardian reporter")."""
    m = _NEXT_WORD.match(text[end : end + 24])
    return m is not None and m.group(1) in word_list("media_after")


def _doctrine(name: str) -> bool:
    """A doctrine or movement named after a person, a people or a place (``Bin Ladenism``,
    ``neo-Ottomanism``, ``Gaullism``): one or two words, the last ending in ``-ism``."""
    words = [w for w in re.split(r"[\s-]+", ARTICLE.sub("", name)) if w]
    return 1 <= len(words) <= 2 and len(words[-1]) >= 6 and words[-1].lower().endswith(("ism", "isms"))


def _outlet_named(name: str) -> bool:
    """``Guardian`` for ``The Guardian``: an outlet the gazetteer lists with its article, written
    without it (the gazetteer's names match as written)."""
    bare = ARTICLE.sub("", name)
    entry = entry_named(f"The {bare}") if bare == name else None
    return entry is not None and entry.kind == "media"


def _given_name_first(name: str) -> bool:
    """A person's name the tagger typed an organisation: two or three capitalised words, the first
    a given name (``given_names_*``), none an organisation's, group's or outlet's word."""
    words = [w for w in re.split(r"\s+", ARTICLE.sub("", name)) if w]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    first = words[0].lower()
    if first not in word_list("given_names_male") and first not in word_list("given_names_female"):
        return False
    parts = {p.lower() for w in words for p in w.split("-")}
    return not any(parts & word_list(k) for k in ("org_heads", "armed_group_words", "media_words"))


def _names_a_state(named: list[Found]) -> bool:
    """A mention reads as a country's name (``Turkey``) though its span carries no state key."""
    for f in named:
        if f.span.kb_id:
            continue
        entry = entry_named(ARTICLE.sub("", f.mention.text))
        if entry is not None and entry.kind == "state":
            return True
    return False


def _cued_kind(members: list[Found], annotation: Annotation, by_end: dict[int, Found]) -> str:
    cues = kind_cues()
    text = annotation.text
    for f in members:
        sentence = annotation.sentence_at(f.mention.start)
        start = sentence.start if sentence else 0
        before = _left_of(text, f.mention.start, start, by_end).lower()
        m = cues.before.search(before)
        if m:
            return cues.kind_of[m.group("cue")]
        after = text[f.mention.end : f.mention.end + 80].lower()
        m = cues.after.search(after)
        if m:
            return cues.kind_of[m.group("cue")]
    return ""


_LIST_LINK = re.compile(r"(?:\s*\([^()]{1,16}\))?\s*(?:,|and|or|&)?\s*$")


def _left_of(text: str, pos: int, floor: int, by_end: dict[int, Found]) -> str:
    """Text before ``pos`` in its sentence, skipping back over a list of names
    (``groups X (X1) and Y``: Y's left context is ``groups``)."""
    while True:
        before = text[floor:pos]
        m = _LIST_LINK.search(before)
        cut = floor + (m.start() if m else len(before))
        prev = by_end.get(cut)
        if prev is not None and m is not None and m.group(0).strip() and prev.mention.start < pos:
            pos = prev.mention.start
            continue
        return before.rstrip()


def _attributes(members: list[Found], annotation: Annotation, by_end: dict[int, Found]) -> dict[str, str]:
    """Role, nationality and description written before (or beside) a person's name."""
    roles = load_roles()
    text = annotation.text
    out: dict[str, str] = {}
    for f in members:
        m = f.mention
        sentence = annotation.sentence_at(m.start)
        floor = sentence.start if sentence else 0
        before = text[floor : m.start]
        title = roles.before.search(before)
        nation_end = floor + len(before.rstrip())
        if title:
            role = roles.role(title.group("title"))
            if role:
                out.setdefault("role", role)
            nation_end = floor + len(before[: title.start()].rstrip())
        nation = by_end.get(nation_end)
        if nation is not None and nation.span.kb_id.startswith("iso:"):
            entry = entry_for_key(nation.span.kb_id)
            if entry and entry.country:
                out.setdefault("nationality", entry.country)
        if "description" not in out and not title:
            description = _premodifier(annotation, f)
            if description:
                out["description"] = description
    return out


def _org_attributes(members: list[Found], annotation: Annotation, kind: str) -> dict[str, str]:
    if kind not in ("organization", "group", "igo", "media"):
        return {}
    for f in members:
        description = _premodifier(annotation, f, singular_only=True)
        if description:
            return {"description": description}
    return {}


def _premodifier(annotation: Annotation, f: Found, singular_only: bool = False) -> str:
    """``senior Hamas representative`` before ``Naji Zaheer``: the words of the noun phrase before
    a name, when they end in a common noun (a capitalised title is a role, not a description)."""
    tokens = annotation.tokens
    first = f.span.token_start
    if first == 0:
        return ""
    sent = tokens[first].sent
    k = first - 1
    head = tokens[k]
    nounish = head.pos == "NOUN" or head.lemma.lower() in word_list("member_nouns")
    if head.sent != sent or not nounish or not head.text.islower() or (singular_only and head.tag == "NNS"):
        return ""
    start = k
    while k >= 0 and tokens[k].sent == sent and first - k <= 6 and _modifier(tokens, k):
        start = k
        k -= 1
    while start < first - 1 and tokens[start].text in ("-", "‐"):
        start += 1
    return annotation.text[tokens[start].start : tokens[first - 1].end]


def _modifier(tokens: tuple[Token, ...], k: int) -> bool:
    t = tokens[k]
    glued = k + 1 < len(tokens) and t.end == tokens[k + 1].start and tokens[k + 1].text in ("-", "‐")
    compound_tail = k > 0 and tokens[k - 1].end == t.start and tokens[k - 1].text in ("-", "‐")
    return t.pos in DESCRIPTION_POS or t.text in ("-", "‐") or glued or compound_tail
