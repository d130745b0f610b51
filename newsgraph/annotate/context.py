"""Type and boundary corrections from the words around a span, and consistency across a document.

- ``non-NATO``, ``non-Muslim``: a negated modifier, not a mention;
- a leading title (``President Donald Trump``) is not part of a person's name;
- a "person" followed by a member noun (``JeM operatives``, ``Hezbollah fighters``) is an
  organisation: people do not have operatives; an acronym "person" followed by a staff noun
  (``TLP spokesman``) too;
- a "person" right after an organisation noun (``the militant group X``) is an organisation;
- a one-word "person" right after ``in``/``near`` is a place (``a rally in Rawalakot``), and so is
  a name the model read with its preposition (``Near Ar Raqqah``), or one followed by a comma and
  a state (``Raqqah, Syria``) or described as a place (``Daquq, a Kurdish-controlled town``);
- one name, one type: a surname used alone is the person named in full elsewhere (``Sharif``
  after ``Shehbaz Sharif``), the same words get the type most of their uses have (a gazetteer's or
  an acronym's type first), and later uses the model missed are marked too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from newsgraph.annotate.entity_spans import NAME_LABELS, current, make, relabel, store
from newsgraph.annotate.gazetteer import compass_part, entry_named
from newsgraph.annotate.lexicon import word_list
from newsgraph.annotate.roles import load_roles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
LEADING_PREPOSITIONS = frozenset({"Near", "Outside", "Inside", "Around", "Across", "Throughout"})
"""Capitalised prepositions that open a sentence or a bulleted line and are no part of a name."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss"})
"""Titles that only people have: ``Mr Ebbers`` is a person whatever the model says."""
TRUSTED = frozenset({"gazetteer", "acronym"})


OPENING_QUOTES = {"“": "”", '"': '"', "‘": "’"}


def apply_context(doc: Doc) -> None:
    spans = [s for s in (_correct(s) for s in current(doc)) if s is not None]
    spans = _signatures(doc, spans)
    spans = _athletes(doc, spans)
    spans = _places_in_states(doc, spans)
    spans = _described_places(spans)
    spans = _places_by_use(doc, spans)
    spans = _places_after_nouns(doc, spans)
    spans = _people_by_role(doc, _people_read_as_places(doc, spans))
    for title in _quoted_events(doc):
        spans = [s for s in spans if not (s.start < title.end and title.start < s.end)] + [title]
    store(doc, _parts_of_states(doc, _named_by_people(doc, _consistent(doc, spans))))


UNSURE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
"""Labels the model gives places it misreads ("Hama" a person, "Erbil" an organisation, "Aleppo" a
nationality)."""
PLACE_LABELS = frozenset({"GPE", "LOC"})
LOCATIVES = frozenset({
    "in", "near", "from", "to", "outside", "around", "across", "at", "into", "towards", "toward", "via",
    "through", "inside", "nearby",
})  # fmt: skip
NOT_LOCATIVE = frozenset({"according", "thanks", "due", "owing", "addition", "contrary", "compared", "prior"})
"""Words that make the ``to`` after them no place: "according to Hassan"."""
DIRECTIONS = frozenset({
    "east", "eastern", "west", "western", "north", "northern", "south", "southern", "central",
    "rural", "greater", "-", "north-east", "north-west", "south-east", "south-west", "northeast",
    "northwest", "southeast", "southwest", "north-eastern", "north-western", "south-eastern",
    "south-western", "northeastern", "northwestern", "southeastern", "southwestern",
})  # fmt: skip
"""Words between a locative preposition and a place: "from eastern Aleppo", "near north-western Idlib"."""
PLACE_AFTER = frozenset({
    "province", "governorate", "countryside", "plains", "plain", "mountains", "mountain", "valley",
    "district", "city", "town", "village", "camp", "outskirts", "suburbs",
})  # fmt: skip
"""Common nouns after a name that make it a place: "the Hama countryside", "the Sinjar mountains"."""
NAME_PARTICLES = frozenset({
    "de", "di", "da", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el", "le", "la", "du",
    "-", "‐", "abu", "bint",
})  # fmt: skip
"""Lower-case words inside people's names: "Staffan de Mistura", "Hamza bin Laden"."""
SEPARATORS = frozenset({"•", "|", "·", "▪", "►"})


def _known_place(text: str) -> bool:
    """The gazetteer knows the words as a place (a city, a region), not a state or a people."""
    entry = entry_named(text)
    return entry is not None and entry.kind == "place"


def _after_locative(doc: Doc, s: Span) -> bool:
    """``in Erbil``, ``from eastern Aleppo``, ``near north-western Idlib``."""
    k = s.start - 1
    while k >= 0 and s.start - k <= 4 and doc[k].lower_ in DIRECTIONS:
        k -= 1
    if k < 0 or doc[k].lower_ not in LOCATIVES:
        return False
    return not (k > 0 and doc[k].lower_ == "to" and doc[k - 1].lower_ in NOT_LOCATIVE)


def _place_noun_after(doc: Doc, s: Span) -> bool:
    """``Hama countryside``, ``Nineveh plains``; not a person's camp ("the Trump camp")."""
    if s.end >= len(doc) or not doc[s.end].is_lower or doc[s.end].lower_ not in PLACE_AFTER:
        return False
    return not (s.label_ == "PERSON" and doc[s.end].lower_ == "camp")


def _places_by_use(doc: Doc, spans: list[Span]) -> list[Span]:
    """Places the model read as people, organisations or peoples, from how the text uses them: a
    place the gazetteer knows after a locative preposition (``in Erbil``, ``from eastern Aleppo``) or
    listed with other places (``Aleppo, Hama and Homs``); any name before a place noun (``the Hama
    countryside``, ``the Sinjar mountains``)."""
    out: list[Span] = []
    for s in spans:
        if (
            s.label_ in UNSURE_LABELS
            and s.id_ not in TRUSTED
            and (_place_noun_after(doc, s) or (_known_place(s.text) and _after_locative(doc, s)))
        ):
            s = relabel(s, "GPE", "context", "")
        out.append(s)
    # lists: "nearby Aleppo, Hama and Homs"
    for _ in range(2):
        ends = {s.end: s for s in out}
        starts = {s.start: s for s in out}
        changed = False
        for n, s in enumerate(out):
            if s.label_ not in UNSURE_LABELS or s.id_ in TRUSTED or not _known_place(s.text):
                continue
            links = (",", "and", "or")
            before = ends.get(s.start - 1) if s.start > 0 and doc[s.start - 1].text in links else None
            if before is None and s.start > 1 and doc[s.start - 1].lower_ in links and doc[s.start - 2].text == ",":
                before = ends.get(s.start - 2)
            nxt = doc[s.end] if s.end < len(doc) else None
            after = starts.get(s.end + 1) if nxt is not None and nxt.text in (",", "and", "or") else None
            if any(x is not None and x.label_ in PLACE_LABELS for x in (before, after)):
                out[n] = relabel(s, "GPE", "context", "")
                changed = True
        if not changed:
            break
    return out


def _places_after_nouns(doc: Doc, spans: list[Span]) -> list[Span]:
    """``the town of Baghuz``, ``the Aleppo district of Sheikh Maqsood``: the capitalised name after
    a place noun (``place_nouns.txt``) and ``of`` is a place, whole from its first word (the model
    reads ``Sheikh`` as a title and ``Maqsood`` as a person) or where the model tagged nothing.
    A name the gazetteer or an acronym gave stays as it is."""
    nouns = word_list("place_nouns")
    out = list(spans)
    for i in range(1, len(doc) - 1):
        if doc[i].lower_ != "of" or not doc[i - 1].is_lower or doc[i - 1].lower_ not in nouns:
            continue
        end = _name_run(doc, i + 1)
        if end == i + 1 or any(t.lower_ in word_list("org_heads") for t in doc[i + 1 : end]):
            continue  # no name, or an organisation's ("the city of London Corporation")
        inside = [s for s in out if s.start < end and i + 1 < s.end]
        if any(s.id_ in TRUSTED or s.start < i + 1 or s.end > end for s in inside):
            continue  # a known name, or a longer one
        if inside and all(s.label_ in PLACE_LABELS and s.start == i + 1 for s in inside):
            continue
        out = [s for s in out if s not in inside] + [make(doc, i + 1, end, "GPE", "context", "")]
    return sorted(out, key=lambda s: s.start)


def _name_run(doc: Doc, start: int) -> int:
    """The end of the capitalised name that begins at token ``start`` (at most six tokens; lower-case
    particles and hyphens inside it: ``Maarat al-Numan``), ``start`` when none does."""
    end = k = start
    while k < len(doc) and k - start < 6:
        t = doc[k]
        if t.is_alpha and t.text[:1].isupper() and not (t.is_sent_start and k > start):
            end = k = k + 1
        elif k > start and t.lower_ in NAME_PARTICLES:
            k += 1  # kept only when a capitalised word follows
        else:
            break
    return end


def _name_like(s: Span) -> bool:
    """Two to five words, each capitalised or a particle of a name, none an organisation's word."""
    heads = word_list("org_heads") | word_list("armed_group_words") | word_list("media_words")
    words = [t for t in s if t.text not in ("-", "‐")]
    if not 2 <= len(words) <= 5 or not s[0].text[:1].isupper() or not s[-1].text[:1].isupper():
        return False
    for t in words:
        if t.lower_ in heads or any(ch.isdigit() for ch in t.text):
            return False
        capitalised = t.text[:1].isupper() and all(ch.isalpha() or ch in "’'-" for ch in t.text)
        if not capitalised and t.lower_ not in NAME_PARTICLES and "-" not in t.text:
            return False
    return True


def _role_beside(doc: Doc, s: Span) -> bool:
    """A name in apposition to a noun for a person: ``the Turkish president, Recep Tayyip
    Erdoğan``, ``the UN special envoy for Syria, Staffan de Mistura``, ``Jürgen Stock, the Interpol
    chief``."""
    nouns = word_list("person_nouns")
    if s.start >= 2 and doc[s.start - 1].text == "," and doc[s.start - 2].lower_ in nouns:
        return True
    if _noun_of_name_before(doc, s, nouns):
        return True
    root = s.root
    head = root.head
    if root.dep_ == "appos" and head.i < s.start and head.lemma_.lower() in nouns and head.pos_ == "NOUN":
        return True
    after = [c for c in root.children if c.dep_ == "appos" and c.i > s.end]
    if s.end < len(doc) and doc[s.end].text == "," and any(c.lemma_.lower() in nouns for c in after):
        return True
    return _apposed(doc, s, nouns)


ROLE_PREPOSITIONS = frozenset({"for", "to", "of", "at", "in", "on"})
"""Prepositions that tie a person noun to the name it serves (``envoy for Syria``, ``ambassador to
the US``, ``director of Human Rights Watch``)."""


def _noun_of_name_before(doc: Doc, s: Span, nouns: frozenset[str]) -> bool:
    """``the UN special envoy for Syria, Staffan de Mistura``: before the comma a person noun with
    its complement, a preposition and a capitalised name (``the`` allowed before it)."""
    k = s.start - 2
    if k < 1 or doc[s.start - 1].text != ",":
        return False
    first = k
    while first >= 0 and s.start - 1 - first <= 6 and doc[first].text[:1].isupper() and doc[first].is_alpha:
        first -= 1
    if first == k:
        return False
    if doc[first].lower_ == "the":
        first -= 1
    return (
        first >= 1
        and doc[first].lower_ in ROLE_PREPOSITIONS
        and doc[first - 1].lower_ in nouns
        and doc[first - 1].pos_ == "NOUN"
    )


def _people_read_as_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Jamal Khashoggi`` read as two places (``Jamal``, ``Khashoggi``) or as one: two or three
    capitalised words, tagged place by the model alone, side by side on one line, the first a given
    name (``given_names_*``), that the gazetteer knows as no place (whole or in part), are a
    person's name."""
    given = word_list("given_names_male") | word_list("given_names_female")
    by_start = {s.start: s for s in spans}
    out: list[Span] = []
    skip: set[int] = set()
    for s in sorted(spans, key=lambda x: x.start):
        if s.start in skip:
            continue
        run = [s]
        while run[-1].end in by_start and len(by_start[run[-1].end]) + sum(len(r) for r in run) <= 3:
            run.append(by_start[run[-1].end])
        end = run[-1].end
        words = doc[s.start : end]
        if (
            2 <= len(words) <= 3
            and all(r.label_ in PLACE_LABELS and r.id_ not in TRUSTED and not r.kb_id_ for r in run)
            and s[0].lower_ in given
            and all(t.is_alpha and t.text[:1].isupper() and t.whitespace_ in (" ", "") for t in words[:-1])
            and all(t.text[:1].isupper() for t in words)
            and not any(_known_place(x) for x in (words.text, *(r.text for r in run)))
        ):
            out.append(make(doc, s.start, end, "PERSON", "context"))
            skip.update(r.start for r in run[1:])
            continue
        out.append(s)
    return out


def _apposed(doc: Doc, s: Span, nouns: frozenset[str]) -> bool:
    """The noun phrase after the comma that follows ``s`` ends in one of ``nouns``: ``Idlib, the
    north-western Syrian province``; ``Jürgen Stock, the Interpol chief``."""
    k = s.end + 1
    if s.end >= len(doc) or doc[s.end].text != "," or k >= len(doc) or doc[k].pos_ not in ("DET", "PROPN", "ADJ"):
        return False
    while (
        k < len(doc)
        and k - s.end <= 8
        and (doc[k].pos_ in ("DET", "PROPN", "ADJ", "PART", "NOUN") or doc[k].text in ("-", "‐"))
    ):
        if doc[k].lower_ in nouns and doc[k].pos_ == "NOUN":
            return k + 1 >= len(doc) or doc[k + 1].pos_ != "NOUN"
        k += 1
    return False


def _people_by_role(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model read as organisations that the text shows are people: a name in apposition
    to a noun for a person (:func:`_role_beside`), after a title (``President Trump``), or ending in
    a word the document uses alone as a person's name (``Recep Tayyip Erdoğan`` beside
    ``Erdoğan``)."""
    roles = load_roles()
    people = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    people |= {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) >= 2 and s[-1].is_alpha}
    text = doc.text  # spaCy joins every token's text for each read of it: once, not once per name
    out: list[Span] = []
    for s in spans:
        if s.label_ in ("ORG", "PRODUCT", "WORK_OF_ART", "NORP", "FAC", "GPE") and s.id_ not in TRUSTED:
            titled = roles.before.search(text[s.sent.start_char : s.start_char]) is not None
            single = len(s) == 1 and s[0].is_alpha and s[0].text[:1].isupper()
            named = _name_like(s)
            if (named and (_role_beside(doc, s) or s[-1].text in people)) or (titled and (named or single)):
                s = relabel(s, "PERSON", "context", "")
        out.append(s)
    return out


def _signatures(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Margaret Owen London •``, ``Clive Stafford Smith Bridport, Dorset •``: a letter's
    signature, the writer's name then the town, before the bullet that ends it."""
    out: list[Span] = []
    for s in spans:
        k = s.end
        signed = k < len(doc) and (
            doc[k].text in SEPARATORS
            or (
                doc[k].text == ","
                and k + 2 < len(doc)
                and doc[k + 1].text[:1].isupper()
                and doc[k + 2].text in SEPARATORS
            )
        )
        if s.label_ == "PERSON" and len(s) >= 3 and signed and s[-1].is_alpha and s[-1].text[:1].isupper():
            out.extend([relabel(s[:-1], "PERSON", "context"), make(doc, s.end - 1, s.end, "GPE", "context")])
            continue
        out.append(s)
    return out


def _athletes(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Tanja Damaske ( Germany ) 66.60``: a full name followed by a bracketed state, as
    results lists write competitors, is a person."""
    state_at = _states(spans)
    out = []
    for s in spans:
        state = _state_after(doc, state_at, s, "(")
        if (
            state is not None
            and state.end < len(doc)
            and doc[state.end].text == ")"
            and s.label_ in ("ORG", "GPE", "LOC", "NORP", "FAC")
            and s.id_ not in TRUSTED
            and 2 <= len(s) <= 4
            and all(t.text[:1].isupper() for t in s)
        ):
            s = relabel(s, "PERSON", "context")
        out.append(s)
    return out


def _states(spans: list[Span]) -> dict[int, Span]:
    """The spans the gazetteer knows as states (countries, US states), by first token."""
    return {s.start: s for s in spans if s.kb_id_.startswith("iso:")}


def _state_after(doc: Doc, state_at: dict[int, Span], s: Span, opener: str) -> Span | None:
    """The state named right after span ``s`` and the token ``opener`` ("(" or ","), if any."""
    k = s.end
    return state_at.get(k + 1) if k + 1 < len(doc) and doc[k].text == opener else None


PLACE_DESCRIPTIONS = frozenset({
    "town", "city", "village", "area", "district", "province", "region", "suburb", "neighbourhood",
    "neighborhood", "capital", "port", "island", "governorate", "municipality", "stronghold",
})  # fmt: skip
"""Nouns that, in apposition to a name, say it is a place: ``Daquq, a Kurdish-controlled town``."""


def _described_places(spans: list[Span]) -> list[Span]:
    """``Sabboura, an area west of Damascus``: a "person" described by a place noun in apposition
    is a place; so is a name after "the town of", "the port of" ..."""
    out = []
    for s in spans:
        doc = s.doc
        named_as_place = (  # "the port of Tema", "the town of Azaz"
            s.start >= 2
            and doc[s.start - 1].lower_ == "of"
            and doc[s.start - 2].lower_ in PLACE_DESCRIPTIONS
            and doc[s.start - 2].is_lower
        )
        described = s.label_ in UNSURE_LABELS and any(
            c.dep_ == "appos" and c.lemma_.lower() in PLACE_DESCRIPTIONS and c.i >= s.end for c in s.root.children
        )
        described = described or (s.label_ in UNSURE_LABELS and _apposed(doc, s, PLACE_DESCRIPTIONS))
        if s.label_ in UNSURE_LABELS and s.id_ not in TRUSTED and (named_as_place or described):
            s = relabel(s, "GPE", "context", "")
        out.append(s)
    return out


def _places_in_states(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Raqqah, Syria``, ``Cibolo, Texas``: a "person" (or "product") followed by a comma and a
    state (and no possessive: ``Assad, Syria's president``) is a place in that state."""
    state_at = _states(spans)
    out = []
    for s in spans:
        state = _state_after(doc, state_at, s, ",")
        if (
            state is not None
            and s.label_ in ("PERSON", "PRODUCT", "WORK_OF_ART")
            and s.id_ not in TRUSTED
            and (state.end == len(doc) or doc[state.end].text not in ("'s", "’s"))
            and (s.start == 0 or doc[s.start - 1].text != ",")  # not a list of people and states
        ):
            s = relabel(s, "GPE", "context", "")
        out.append(s)
    return out


def _parts_of_states(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Northern Syria``, ``North-East Syria``: a capitalised compass word right before a state's
    name (:func:`_compass_start`) makes the two one named place, a part of that state, not the
    state itself (the compass word the model tagged alone, ``Northern``, goes into it). Not a
    name the gazetteer knows whole (``South Korea``) or a state of the past (``East Germany``,
    ``former_states.txt``), nor a compass word inside a longer capitalised name (``the
    Federation of Northern Syria``) or another span."""
    parts: dict[int, Span] = {}
    for s in spans:
        entry = entry_named(s.text) if s.label_ == "GPE" else None
        start = _compass_start(doc, s.start) if entry is not None and entry.kind == "state" else None
        if start is None or entry_named(doc[start : s.end].text) is not None:
            continue
        if " ".join(doc[start : s.end].text.lower().split()) in word_list("former_states"):
            continue  # "East Germany": a state of its own
        inside = [o for o in spans if o is not s and o.start < s.start and start < o.end]
        if all(o.start >= start and compass_part(o.text) is not None for o in inside):
            parts[s.start] = make(doc, start, s.end, "LOC", "context", "")
    if not parts:
        return spans
    absorbed = {i for p in parts.values() for i in range(p.start, p.end)}
    return [parts.get(s.start, s) for s in spans if s.start in parts or s.start not in absorbed]


def _compass_start(doc: Doc, start: int) -> int | None:
    """Where the capitalised compass word right before token ``start`` begins (``Northern``,
    ``North-East`` written as one token or three), or None. A compass word in lower case
    (``northern Syria``) or opening a sentence describes, it does not name: the state stays."""
    for width in (3, 1):
        k = start - width
        if k < 0 or compass_part(doc[k:start].text) is None or any(t.whitespace_ for t in doc[k : start - 1]):
            continue
        if not doc[k].text[:1].isupper() or doc[k].is_sent_start:
            return None
        before = doc[k - 1] if k > 0 else None
        in_name = before is not None and (
            (before.lower_ == "of" and k > 1 and doc[k - 2].text[:1].isupper())
            or (before.is_alpha and before.text[:1].isupper() and not before.is_sent_start)
        )
        return None if in_name or not doc[start - 1].whitespace_ else k
    return None


STATE_WORDS = frozenset({"state", "government", "guard", "guards", "navy", "police", "caliphate"})
"""Heads that, after a demonym, name an organisation though they are no organisation noun."""


def _named_by_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """``Islamic State``, ``Iraqi Army``: the model often splits a demonym from the one-word
    organisation name after it (NORP ``Islamic`` + ORG ``State``) or leaves that word untagged; a
    demonym right before a capitalised organisation noun is one organisation name. A longer name
    keeps its demonym apart (``Syrian`` + ``Democratic Forces``): the demonym still places it."""
    heads = word_list("org_heads") | STATE_WORDS
    out: list[Span] = []
    skip: set[int] = set()
    by_start = {s.start: s for s in spans}
    for s in spans:
        if s.start in skip:
            continue
        org = by_start.get(s.end)
        if (
            org is not None
            and s.label_ == "NORP"
            and org.label_ == "ORG"
            and org.id_ not in TRUSTED
            and "\n" not in doc[s.end - 1].whitespace_
            and len(org) == 1
            and org[-1].lower_ in heads
            and org[0].text[:1].isupper()
        ):
            out.append(make(doc, s.start, org.end, "ORG", "context"))
            skip.add(org.start)
            continue
        if s.label_ == "NORP" and org is None:
            # "the Islamic State killed ...": the capitalised words after the demonym, untagged
            end = s.end
            while end < len(doc) and end - s.end < 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            if end > s.end and doc[end - 1].lower_ in heads and end not in by_start and not _tagged(spans, s.end, end):
                out.append(make(doc, s.start, end, "ORG", "context"))
                continue
        out.append(s)
    return out


def _tagged(spans: list[Span], start: int, end: int) -> bool:
    return any(x.start < end and start < x.end for x in spans)


def _quoted_events(doc: Doc) -> list[Span]:
    """Quoted capitalised titles ending in an event noun: “Kashmir Solidarity Conference”."""
    heads = word_list("event_heads")
    skip = word_list("function_words")
    out: list[Span] = []
    for i, token in enumerate(doc):
        close = OPENING_QUOTES.get(token.text)
        if close is None:
            continue
        for j in range(i + 2, min(i + 17, len(doc))):
            if doc[j].text == close and (close != "’" or doc[j - 1].text[:1].isupper()):
                inner = doc[i + 1 : j]
                words = [t for t in inner if t.is_alpha]
                if (
                    inner[-1].lower_ in heads
                    and inner[0].text[:1].isupper()
                    and all(t.text[:1].isupper() or t.lower_ in skip for t in words)
                ):
                    out.append(make(doc, i + 1, j, "EVENT", "context"))
                break
            if doc[j].sent.start != token.sent.start:
                break
    return out


def _correct(span: Span) -> Span | None:
    doc = span.doc
    if span.label_ not in NAME_LABELS:
        return span
    # non-NATO, non-Muslim: negated modifiers
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ == "non":
        return None
    if span[0].lower_ == "non" and len(span) > 2 and span[1].text == "-":
        return None
    if len(span) > 1 and span[0].text in LEADING_PREPOSITIONS and span.id_ not in TRUSTED:
        # "Near Ar Raqqah, 15 strikes ...": the model took the preposition into a "person"
        return relabel(span[1:], "GPE", "context", "")
    if (
        span.label_ in ("PERSON", "PRODUCT")
        and span.start > 0
        and doc[span.start - 1].text in LEADING_PREPOSITIONS
        and span.id_ not in TRUSTED
    ):
        return relabel(span, "GPE", "context", "")  # "Near Al Shadaddi, one strike ...": no person is near
    if span.id_ not in TRUSTED:
        trimmed = _without_count_or_day(span)
        if trimmed is not span:
            return trimmed
        named = _described_person(span)
        if named is not None:
            return named
    roles = load_roles()
    if roles.role_of.get(span.text.lower()) is not None:
        return None  # a title alone ("Mr", "President") is not a name
    honorific = roles.leading.match(span.text)
    if honorific and honorific.group("title").lower().rstrip(".") in HONORIFICS:
        cut = doc.char_span(span.start_char + honorific.end(), span.end_char, alignment_mode="contract")
        return relabel(cut, "PERSON", "context", "") if cut is not None and len(cut) else None
    if span.label_ == "PERSON":
        m = roles.leading.match(span.text)
        if m:
            cut = doc.char_span(span.start_char + m.end(), span.end_char, alignment_mode="contract")
            if cut is None or len(cut) == 0:
                return None
            span = relabel(cut, "PERSON")
        preceding = doc[span.start - 1] if span.start > 0 else None
        if preceding is not None and preceding.is_lower and preceding.text in word_list("org_heads"):
            return relabel(span, "ORG", "context")  # "the militant group Tora Sangar Khel"
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        if span.id_ not in TRUSTED and (
            following in word_list("member_nouns") or (following in word_list("staff_nouns") and _acronym(span))
        ):
            return relabel(span, "ORG", "context")
        if (
            len(span) == 1
            and span.start > 0
            and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS
            and (span.end == len(doc) or doc[span.end].text not in ("'s", "’s"))
        ):
            return relabel(span, "GPE", "context")
    return span


def _described_person(span: Span) -> Span | None:
    """``Dutch national Yago Riedijk`` read as one organisation: a demonym and a lower-case noun
    for a person (``person_descriptions``: national, citizen ...) before a capitalised name open
    the model's span; the name alone is the person's."""
    doc = span.doc
    people = entry_named(span[0].text) if len(span) >= 3 else None
    if people is None or people.kind != "nationality":
        return None
    noun = span[1]
    if not noun.is_lower or noun.lower_ not in word_list("person_descriptions"):
        return None
    end = max(span.end, _name_run(doc, span.start + 2))
    if end <= span.start + 2 or not doc[span.start + 2].text[:1].isupper():
        return None
    return make(doc, span.start + 2, end, "PERSON", "context")


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
DAY_PREPOSITIONS = frozenset({"on", "by", "until", "since", "from", "last", "this", "next"})


def _without_count_or_day(span: Span) -> Span:
    """The model's name with a count or a day taken in: ``850 Britons`` is a people (the number
    counts them, no organisation is so named), ``the Commons on Monday`` names the Commons."""
    doc = span.doc
    if len(span) >= 2 and span[0].like_num:
        entry = entry_named(span[1:].text)
        if entry is not None and entry.kind == "nationality":
            return make(doc, span.start + 1, span.end, "NORP", "context", entry.key)
    for k in range(span.start + 1, span.end - 1):
        if doc[k].lower_ in DAY_PREPOSITIONS and doc[k + 1].lower_ in WEEKDAYS:
            return relabel(doc[span.start : k], span.label_, "context")
    return span


def _acronym(span: Span) -> bool:
    """``JeM``, ``TLP``: one word with two or more capitals."""
    return len(span) == 1 and span.text.isalpha() and sum(ch.isupper() for ch in span.text) >= 2


def _consistent(doc: Doc, spans: list[Span]) -> list[Span]:
    # surnames of people named in full
    surnames: set[str] = set()
    titles = load_roles().role_of
    for s in spans:
        last = s[-1]
        named = s.label_ == "PERSON" and len(s) >= 2 and last.is_alpha and last.text[:1].isupper()
        if named and last.lower_ not in titles:
            surnames.add(last.text)
    # the type each text gets: trusted producers first, then the majority of the model's uses
    trusted: dict[str, Span] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s in spans:
        if s.label_ not in NAME_LABELS:
            continue
        if s.id_ in TRUSTED and not s.kb_id_.startswith("gn:"):
            trusted.setdefault(s.text, s)
        else:
            votes[s.text][s.label_] += 1
    # names some use shows to be a place: the gazetteer's place the model also read as one, or a
    # place by the words around it (one name, one kind: "Kobane" is a town in every sentence)
    placed = {
        s.text
        for s in spans
        if s.label_ in PLACE_LABELS and (s.id_ == "context" or s.kb_id_.startswith("gn:") or _known_place(s.text))
    }
    out: list[Span] = []
    for s in spans:
        if s.label_ not in NAME_LABELS or (s.text in trusted and s.id_ in TRUSTED):
            out.append(s)
        elif s.text in trusted:
            t = trusted[s.text]
            out.append(relabel(s, t.label_, "context", t.kb_id_))
        elif len(s) == 1 and s.text in surnames and s.label_ != "PERSON":
            out.append(relabel(s, "PERSON", "context", ""))
        elif s.text in placed and s.label_ in PLACE_LABELS:
            out.append(s)
        elif s.text in placed and s.label_ in UNSURE_LABELS and s.text not in surnames:
            out.append(relabel(s, "GPE", "context", ""))
        else:
            label, n = votes[s.text].most_common(1)[0]
            out.append(relabel(s, label, "context") if label != s.label_ and n > votes[s.text][s.label_] else s)
    return out + _missed(doc, out, surnames)


def _missed(doc: Doc, spans: list[Span], surnames: set[str]) -> list[Span]:
    """Uses of a name the document already marks elsewhere that no span covers."""
    names: dict[str, list[tuple[tuple[str, ...], Span | None]]] = defaultdict(list)
    for s in spans:
        if s.label_ in NAME_LABELS and s[0].text[:1].isupper() and len(s.text) > 1:
            names[s[0].text].append((tuple(t.text for t in s), s))
    for name in surnames:
        names[name].append(((name,), None))
    covered = [False] * len(doc)
    for s in spans:
        for i in range(s.start, s.end):
            covered[i] = True
    found: list[Span] = []
    i = 0
    while i < len(doc):
        options = names.get(doc[i].text) if not covered[i] else None
        if not options:
            i += 1
            continue
        best: tuple[int, Span | None] | None = None
        for words, model in options:
            end = i + len(words)
            fits = end <= len(doc) and not any(covered[i:end])
            if fits and all(doc[i + k].text == w for k, w in enumerate(words)) and (best is None or end > best[0]):
                best = (end, model)
        if best is None:
            i += 1
            continue
        end, model = best
        if model is None:
            found.append(make(doc, i, end, "PERSON", "context"))
        else:
            found.append(make(doc, i, end, model.label_, "context", model.kb_id_))
        i = end
    return found
