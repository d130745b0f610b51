"""CPU cost of annotating and extracting one long document of capitalised words (issue 16).

Generated text: N random capitalised tokens ("Alpha Bravo ..."), without punctuation or with a
period every few words. Prints the CPU seconds of annotation and extraction per N; with
``--profile`` writes a cProfile dump per N to compare how each function's cost grows.

    python bench/long_text.py 10000 30000 100000
    python bench/long_text.py 5000 10000 20000 --profile /tmp/prof
    python bench/long_text.py 100000 --kind numbered        # "Word0 Word1 ...", as scripts/campaign.py
    python bench/long_text.py 198000 --kind word-line       # one 990 KB line of "word word ..."
    python bench/long_text.py 3300 --kind wire-paragraph    # a wire story 3,300 times: 990 KB of sentences

Run it from the repository root as ``python -m bench.long_text`` (or with ``PYTHONPATH=.``) so
the checkout's ``newsgraph`` is the one measured.
"""

from __future__ import annotations

import argparse
import cProfile
import random
import time
from pathlib import Path

from newsgraph.annotate import annotate, load_pipeline
from newsgraph.extract import extract
from newsgraph.records import Document

SYLLABLES = ("al", "bra", "char", "del", "ec", "fox", "gol", "ho", "in", "ju", "ki", "li", "mi", "no", "os", "pa")


def words(n: int, periods: bool, seed: int = 7) -> str:
    """``n`` random capitalised words; with ``periods``, a period after every 6 to 14 words."""
    rng = random.Random(seed)
    out = []
    gap = rng.randint(6, 14)
    for _ in range(n):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        gap -= 1
        if periods and gap == 0:
            word += "."
            gap = rng.randint(6, 14)
        out.append(word)
    return " ".join(out)


WIRE = (
    "LIMA, March 3 (NWS) - Peru and Chile resumed talks on fishing rights on Monday, the foreign "
    'ministry said. "We expect an agreement within weeks," minister Ana Torres told reporters.'
)
"""The story scripts/campaign.py repeats into a 990 KB paragraph."""


def text_of(kind: str, n: int, periods: bool) -> str:
    """The generated text: ``n`` words (or ``n`` copies of the wire story for ``wire-paragraph``)."""
    if kind == "numbered":
        return " ".join(f"Word{i}" for i in range(n))
    if kind == "word-line":
        return "word " * n
    if kind == "wire-paragraph":
        return (WIRE + " ") * n
    return words(n, periods)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sizes", nargs="+", type=int)
    ap.add_argument("--periods", action="store_true", help="a period every 6 to 14 words")
    ap.add_argument("--profile", metavar="DIR", help="write DIR/N.prof (cProfile) for each size")
    ap.add_argument(
        "--kind",
        choices=["random", "numbered", "word-line", "wire-paragraph"],
        default="random",
        help="random capitalised words (default), Word0 Word1 ..., 'word' repeated, or the wire story repeated",
    )
    args = ap.parse_args()
    load_pipeline()
    warm = "Warm up in Islamabad with Hamas on Monday."
    extract(Document(id="warm", text=warm), annotate(warm))  # the word lists and place index load once
    for n in args.sizes:
        text = text_of(args.kind, n, args.periods)
        doc = Document(id=f"long-{n}", text=text)
        prof = cProfile.Profile() if args.profile else None
        t0 = time.process_time()
        if prof:
            prof.enable()
        ann = annotate(text)
        t1 = time.process_time()
        extract(doc, ann)
        t2 = time.process_time()
        if prof:
            prof.disable()
            Path(args.profile).mkdir(parents=True, exist_ok=True)
            prof.dump_stats(f"{args.profile}/{n}{'p' if args.periods else ''}.prof")
        print(
            f"{args.kind} {n} ({len(text) / 1000:.0f} KB){' with periods' if args.periods else ''}: "
            f"annotate {t1 - t0:.1f} s, extract {t2 - t1:.1f} s CPU",
            flush=True,
        )


if __name__ == "__main__":
    main()
