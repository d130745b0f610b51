"""The hostile-input campaign of issue 16: every reader, the list loaders, the faults, the API
injection sweep and a load test, run against the real code, with a table of what went wrong.

    python scripts/campaign.py                      # every kind, the default scale (~15 min on 2 busy cores)
    python scripts/campaign.py --scale 4 --only api load
    python scripts/campaign.py --scale 0.2          # a quick look (a couple of minutes)

Kinds:

- ``readers``: corrupt and odd files (text, HTML, JSON Lines, RSS/Atom; truncated, bit-flipped,
  NULs, byte-order marks, bad UTF-8, deep nesting, huge numbers, entity bombs, FIFOs, link
  loops, unreadable folders, ``/dev/zero``, an endless stdin) through ``read_inputs``, each in a
  process of its own;
- ``ingest``: odd documents read as a default read does (a line and a paragraph just under the
  default ``--max-chars``, 990 KB ones it refuses, a thousand names) through the real pipeline,
  each in a process of its own; and one real ``newsgraph ingest`` over every hostile file at once;
- ``lists``: malformed UN XML, OFAC CSV and OpenSanctions JSON lines through ``read_lists`` and
  the store;
- ``faults``: ``kill -9`` during ingest (then the store is checked and the run completed), a
  read-only store, corrupted stores, another program's database, a full disk
  (``RLIMIT_FSIZE``);
- ``api``: every query parameter and path parameter of every route of the OpenAPI document,
  with hostile values (huge numbers, NUL, 65k strings, SQL and markup fragments, bad UTF-8),
  the writes with hostile bodies, against ``newsgraph serve`` on loopback;
- ``load``: concurrent clients on every read route while an ingest writes to the same store.

Columns: inputs tried; tracebacks (an exception that is not one of newsgraph's own errors, or a
``Traceback`` printed); hangs over 60 s; HTTP 500s; reads over the limits (a process that grew by
more than :data:`MEMORY_LIMIT_MB`, a document larger than the size limit, a body read past its
cap); the worst time of one input; the peak memory of one process. Each finding is listed under
the table with its input, for a regression test. Exit status 1 when anything was found.

Runs from a checkout (``.venv/bin/python scripts/campaign.py``); writes only under ``--workdir``
(a temporary folder by default, removed at the end unless ``--keep``).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import os
import random
import resource
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"

HANG_SECONDS = 60.0
"""An input that takes longer than this is a hang (the process is killed): CPU seconds for the
work run in a process of its own (a busy machine's wall time says little), wall seconds for a
request."""
WAIT_FACTOR = 10
"""A process is also a hang when its wall time passes this many times :data:`HANG_SECONDS`
(one that waits on something, using no CPU)."""
MEMORY_LIMIT_MB = 400
"""A process growing by more than this for one input has read past the limits."""
TOKEN = "campaign-token"


# -- results ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one kind of the campaign found."""

    kind: str
    tried: int = 0
    tracebacks: int = 0
    hangs: int = 0
    errors_500: int = 0
    over_limits: int = 0
    worst_s: float = 0.0
    worst_input: str = ""
    peak_mb: float = 0.0
    findings: list[str] = field(default_factory=list)

    def took(self, name: str, seconds: float) -> None:
        self.tried += 1
        if seconds > self.worst_s:
            self.worst_s, self.worst_input = seconds, name

    def memory(self, mb: float) -> None:
        self.peak_mb = max(self.peak_mb, mb)

    def found(self, what: str, name: str, detail: str) -> None:
        setattr(self, what, getattr(self, what) + 1)
        if len(self.findings) < 40:
            self.findings.append(f"{what}: {name}: {detail[:300]}")

    def row(self) -> list[str]:
        return [
            self.kind,
            f"{self.tried:,}",
            str(self.tracebacks),
            str(self.hangs),
            str(self.errors_500),
            str(self.over_limits),
            f"{self.worst_s:.2f} s",
            f"{self.peak_mb:,.0f} MB",
        ]


HEADER = [
    "kind",
    "inputs tried",
    "tracebacks",
    "hangs > 60 s",
    "500s",
    "reads over the limits",
    "worst time",
    "peak memory",
]


def table(tallies: list[Tally]) -> str:
    rows = [HEADER, *(t.row() for t in tallies)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(rows[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows[1:])])


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- running one input in a process of its own -------------------------------------------------


@dataclass
class Outcome:
    seconds: float
    """CPU seconds (user and system) of the child."""
    wall: float
    peak_mb: float
    grew_mb: float
    hung: bool
    traceback: str | None
    result: Any


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a running process (/proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_child(
    work: Callable[[], Any], timeout: float = HANG_SECONDS, limit_fsize: int | None = None, as_nobody: bool = False
) -> Outcome:
    """Run ``work`` in a forked child (the parent's loaded model and modules are shared): its
    CPU time, peak memory, growth over the parent's, a traceback if it raised something that is
    not a ``NewsgraphError``, and what it returned (JSON). Killed as hung past ``timeout`` CPU
    seconds or :data:`WAIT_FACTOR` times that in wall time. ``as_nobody``: as the user nobody
    when run as root (for whom no folder is unreadable)."""
    read_end, write_end = os.pipe()
    base = rss_mb()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            if limit_fsize is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))
            if as_nobody and os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            out: dict[str, Any] = {"result": work()}
        except BaseException as exc:
            from newsgraph.errors import NewsgraphError

            if isinstance(exc, NewsgraphError):
                out = {"result": {"error": str(exc)}}
            else:
                out = {"traceback": "".join(traceback.format_exception(exc))[-3000:]}
        try:
            os.write(write_end, json.dumps(out, default=str).encode())
        except Exception:
            code = 3
        os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read_end, 65536), b"")))
    reader.start()
    hung = False
    deadline = started + timeout * WAIT_FACTOR
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline or cpu_seconds(pid) > timeout:
            hung = True
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    wall = time.monotonic() - started
    seconds = usage.ru_utime + usage.ru_stime
    reader.join()
    os.close(read_end)
    peak = usage.ru_maxrss / 1024
    try:
        out = json.loads(b"".join(chunks) or b"{}")
    except ValueError:
        out = {}
    tb = out.get("traceback")
    if not hung and not out and os.WIFSIGNALED(status):
        tb = f"killed by signal {os.WTERMSIG(status)}"
    return Outcome(seconds, wall, peak, max(0.0, peak - base), hung, tb, out.get("result"))


def judge(tally: Tally, name: str, outcome: Outcome) -> None:
    tally.took(name, outcome.seconds)
    tally.memory(outcome.peak_mb)
    if outcome.hung:
        tally.found("hangs", name, f"killed, still running after {outcome.seconds:.0f} s of CPU ({outcome.wall:.0f} s)")
    elif outcome.seconds > HANG_SECONDS:
        tally.found("hangs", name, f"ended, but after {outcome.seconds:.0f} s of CPU ({outcome.wall:.0f} s)")
    if outcome.traceback:
        tally.found("tracebacks", name, outcome.traceback.strip().splitlines()[-1])
    if outcome.grew_mb > MEMORY_LIMIT_MB:
        tally.found("over_limits", name, f"grew by {outcome.grew_mb:,.0f} MB")


# -- hostile files -----------------------------------------------------------------------------

GOOD_TEXT = (
    "LIMA, March 3 (NWS) - Peru and Chile resumed talks on fishing rights on Monday, the foreign "
    'ministry said. "We expect an agreement within weeks," minister Ana Torres told reporters.'
)


def good_files() -> dict[str, bytes]:
    record = {"id": "c1", "title": "Talks", "published": "2026-03-03", "source": "NWS", "text": GOOD_TEXT}
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>NWS</title>'
        "<item><title>Talks resume</title><guid>g1</guid><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{GOOD_TEXT}</p>]]></description></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>NWS</title>'
        f'<entry><id>a1</id><title>Talks</title><updated>2026-03-03T08:00:00Z</updated><content type="html">'
        f"&lt;p&gt;{GOOD_TEXT}&lt;/p&gt;</content></entry></feed>"
    )
    html = (
        "<!doctype html><html><head><title>Talks</title></head>"
        f"<body><article><p>{GOOD_TEXT}</p></article></body></html>"
    )
    return {
        "good.txt": GOOD_TEXT.encode(),
        "good.html": html.encode(),
        "good.jsonl": (json.dumps(record) + "\n" + json.dumps({**record, "id": "c2"}) + "\n").encode(),
        "good.rss": feed.encode(),
        "good.atom": atom.encode(),
    }


def crafted_files() -> dict[str, bytes]:
    """Hand-made hostile inputs: the kinds the first campaign met, and more."""
    t = GOOD_TEXT.encode()
    big_line = (b"word " * 198_000)[:990_000]
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
        b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
        b'&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
        b"<rss><channel><item><title>&lol4;</title><description>&lol4;</description></item></channel></rss>"
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>"
    )
    files = {
        "empty.txt": b"",
        "spaces.txt": b" \n\t\r\n" * 100,
        "bom-only.txt": b"\xef\xbb\xbf",
        "bom.jsonl": b"\xef\xbb\xbf" + good_files()["good.jsonl"],
        "utf16.txt": "\ufeff".encode("utf-16-le") + GOOD_TEXT.encode("utf-16-le"),
        "utf16be.jsonl": good_files()["good.jsonl"].decode().encode("utf-16"),
        "utf32.txt": GOOD_TEXT.encode("utf-32"),
        "latin1.txt": "Café à Lima, señor Núñez.".encode("latin-1"),
        "bad-utf8.txt": t + b"\xff\xfe\xc0\xaf\xed\xa0\x80",
        "overlong.txt": b"\xc0\xaf\xe0\x80\xaf" * 100,
        "nul-start.txt": b"\x00" + t,
        "nul-8k.txt": t * 60 + b"\x00" + t,
        "nul-100k.txt": t * 600 + b"\x00",
        "control.txt": bytes(range(1, 32)) * 10 + t,
        "cr-only.txt": t.replace(b" ", b"\r"),
        "rtl.txt": ("\u202e" + GOOD_TEXT + "\u200b\u2028\u2029\ufeff").encode(),
        "emoji.txt": ("🇵🇪🤝🇨🇱 " * 2000 + GOOD_TEXT).encode(),
        "combining.txt": ("e" + "\u0301" * 5000 + " " + GOOD_TEXT).encode(),
        "one-line-990k.txt": big_line,
        "one-word-990k.txt": b"x" * 990_000,
        "one-paragraph.txt": (t + b" ") * 3000,
        "many-lines.txt": b"\n" * 900_000,
        "over-limit.txt": b"a " * 600_000,
        "deep.html": b"<div>" * 100_000 + t + b"</div>" * 100_000,
        "unclosed.html": b"<html><body><p>" + t + b"<!-- never closed <script>" + b"x" * 50_000,
        "script-only.html": b"<script>" + b"var a=1;" * 10_000 + b"</script>",
        "entities.html": b"<p>" + b"&#0;&#xD800;&#x110000;&#99999999999;&amp;&lt;" * 2000 + b"</p>",
        "attr-huge.html": b'<p title="' + b"a" * 900_000 + b'">' + t + b"</p>",
        "charset.html": b'<meta charset="utf-7"><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>',
        "lone-surrogate.jsonl": b'{"id": "s", "text": "A lone \\ud800 here."}\n',
        "deep.jsonl": b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}\n",
        "digits.jsonl": b'{"text": "x", "n": ' + b"7" * 5000 + b"}\n",
        "float.jsonl": b'{"text": "x", "n": 1e999999, "m": NaN, "k": -Infinity}\n',
        "wrong-types.jsonl": b"\n".join(
            [
                b'{"id": {"a": 1}, "text": "x"}',
                b'{"id": "a", "text": 5}',
                b'{"id": "b", "text": ["a", "b"]}',
                b'{"id": "c", "text": null}',
                b'{"id": "d", "text": "t", "published": "99999-99-99"}',
                b'{"id": "e", "text": "t", "published": 20260101}',
                b'{"id": "f", "text": "t", "title": {"x": 1}}',
                b"[1, 2, 3]",
                b'"just a string"',
                b"null",
                b"{",
                b"",
            ]
        ),
        "long-id.jsonl": json.dumps({"id": "i" * 100_000, "text": GOOD_TEXT}).encode(),
        "dup-keys.jsonl": b'{"id": "d", "text": "one", "text": "two"}\n',
        "long-line.jsonl": b'{"text": "' + b"a" * 6_000_000 + b'"}\n' + good_files()["good.jsonl"],
        "crlf.jsonl": good_files()["good.jsonl"].replace(b"\n", b"\r\n"),
        "bomb.rss": bomb,
        "xxe.rss": xxe,
        "dtd-remote.xml": b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd"><rss/>',
        "not-xml.rss": b"this is not xml at all " * 100,
        "truncated.rss": good_files()["good.rss"][:150],
        "no-items.atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>',
        "many-items.rss": b"<rss><channel>"
        + b"".join(b"<item><title>%d</title><description>%s</description></item>" % (i, t) for i in range(3000))
        + b"</channel></rss>",
        "gzip.txt": gzip.compress(t * 100),
        "png.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(2000),
        "pdf.txt": b"%PDF-1.4\n" + os.urandom(2000),
        "random.bin": os.urandom(50_000),
        "name-[bold]x[red].txt": t,
        "name\nnewline.txt": t,
        "name-\x1b[31mred.txt": t,
        "name-ümlaut-\u202e.txt": t,
    }
    return files


def mutations(seed_files: dict[str, bytes], count: int, rng: random.Random) -> dict[str, bytes]:
    """``count`` random corruptions of the good files: truncations, bit flips, spliced bytes."""
    out: dict[str, bytes] = {}
    names = sorted(seed_files)
    splices = [b"\x00", b"\xff", b"<", b"]]>", b'"', b"\\u", b"\n", b"&", b"&#", b"\xef\xbb\xbf", b"{", b"[" * 50]
    for i in range(count):
        name = names[i % len(names)]
        data = bytearray(seed_files[name])
        how = rng.choice(["cut", "flip", "splice", "repeat"])
        if how == "cut":
            data = data[: rng.randrange(len(data) + 1)]
        elif how == "flip":
            for _ in range(rng.randint(1, 8)):
                pos = rng.randrange(len(data))
                data[pos] ^= 1 << rng.randrange(8)
        elif how == "splice":
            for _ in range(rng.randint(1, 4)):
                pos = rng.randrange(len(data) + 1)
                data[pos:pos] = rng.choice(splices)
        else:
            a = rng.randrange(len(data))
            b = min(len(data), a + rng.randint(1, 40))
            data[a:a] = data[a:b] * rng.randint(2, 2000)
        suffix = name.rsplit(".", 1)[1]
        out[f"mut-{i:05d}-{how}.{suffix}"] = bytes(data)
    return out


def special_paths(root: Path) -> list[str]:
    """Paths that are not plain files: a FIFO, a folder linking to itself, an unreadable folder,
    a broken link, a socket, /dev/zero."""
    paths = []
    root.mkdir(parents=True)
    fifo = root / "fifo.txt"
    os.mkfifo(fifo)
    paths.append(str(fifo))
    loop = root / "loop"
    (loop / "sub").mkdir(parents=True)
    (loop / "sub" / "a.txt").write_text(GOOD_TEXT)
    (loop / "sub" / "self").symlink_to(loop)
    (loop / "up").symlink_to(loop / "sub")
    paths += [str(loop), str(loop) + "/**/*.txt", str(loop) + "/**"]
    locked = root / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "x.txt").write_text(GOOD_TEXT)
    (locked / "inner").chmod(0)
    paths += [str(locked), str(locked / "inner" / "x.txt")]
    broken = root / "broken.txt"
    broken.symlink_to(root / "nowhere")
    paths.append(str(broken))
    sock = socket.socket(socket.AF_UNIX)
    sock_path = root / "sock.txt"
    sock.bind(str(sock_path))
    paths.append(str(sock_path))
    if Path("/dev/zero").exists():
        paths += ["/dev/zero", "/dev/urandom"]
    paths += [str(root / "missing.txt"), str(root / "*.none"), str(root / "[")]
    return paths


def read_all(patterns: list[str], max_bytes: int = 1_000_000) -> dict[str, Any]:
    """What the readers make of ``patterns``: documents and one-line errors, checked."""
    from newsgraph.errors import InputError
    from newsgraph.ingest import ReadOptions, read_inputs

    docs = errors = 0
    bad: list[str] = []
    for item in read_inputs(patterns, ReadOptions(max_bytes=max_bytes)):
        if isinstance(item, InputError):
            errors += 1
            said = str(item)
            if "\n" in said or "Traceback" in said or len(said) > 2000:
                bad.append(f"not a one-line error: {said[:200]!r}")
        else:
            docs += 1
            if len(item.text.encode()) > max_bytes:
                bad.append(f"a document of {len(item.text.encode()):,} bytes passed the limit of {max_bytes:,}")
            if "\x00" in item.text or any(0xD800 <= ord(c) <= 0xDFFF for c in item.text[:100_000]):
                bad.append("a document holds a NUL or a lone surrogate")
    return {"documents": docs, "errors": errors, "bad": bad}


def check_result(tally: Tally, name: str, outcome: Outcome) -> None:
    judge(tally, name, outcome)
    result = outcome.result if isinstance(outcome.result, dict) else {}
    for problem in result.get("bad", []):
        what = "over_limits" if "passed the limit" in problem else "tracebacks"
        tally.found(what, name, problem)


def endless_stdin(byte: bytes) -> Callable[[], Any]:
    """read_inputs(["-"]) on a stdin that never ends (a pipe fed forever)."""

    def work() -> Any:
        read_end, write_end = os.pipe()
        feeder = os.fork()
        if feeder == 0:
            os.close(read_end)
            block = byte * 65536
            try:
                while True:
                    os.write(write_end, block)
            except OSError:
                os._exit(0)
        os.close(write_end)
        os.dup2(read_end, 0)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        try:
            return read_all(["-"])
        finally:
            os.kill(feeder, signal.SIGKILL)
            os.waitpid(feeder, 0)

    return work


def hostile_files(work: Path, scale: float, rng: random.Random) -> dict[str, bytes]:
    """Write the hostile files under ``work/hostile`` (once): their names and bytes."""
    folder = work / "hostile"
    files = {**good_files(), **crafted_files()}
    files.update(mutations(good_files(), int(400 * scale), rng))
    if not folder.exists():
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
    return files


def kind_readers(work: Path, scale: float, rng: random.Random) -> Tally:
    tally = Tally("readers (files, feeds, streams)")
    folder = work / "hostile"
    files = hostile_files(work, scale, rng)
    special = special_paths(work / "special")
    read_all([str(folder / name) for name in good_files()])  # every lazy import done here, not as nobody
    say(f"readers: {len(files)} files, {len(special)} special paths, 3 endless streams")
    for name in sorted(files):
        check_result(tally, name, in_child(lambda n=name: read_all([str(folder / n)]), as_nobody=True))
    for path in special:
        check_result(tally, path, in_child(lambda p=path: read_all([p]), as_nobody=True))
    for byte in (b"\x00", b"a", b"\n"):
        check_result(tally, f"endless stdin of {byte!r}", in_child(endless_stdin(byte)))
    everything = in_child(lambda: read_all([str(folder)]), timeout=300, as_nobody=True)
    check_result(tally, "every file at once", everything)
    return tally


# -- ingest: the pipeline on odd documents ------------------------------------------------------


def odd_documents() -> dict[str, str]:
    from newsgraph.ingest.readers import MAX_CHARS

    t = GOOD_TEXT
    names = ", ".join(f"Minister Ana{i} Torres{i}" for i in range(1000))
    near = MAX_CHARS - 10_000  # the largest a default read accepts, less a margin
    return {
        "one 990 KB line (over the default limit: refused)": ("word " * 198_000)[:990_000],
        "one line just under the default limit": ("word " * (near // 5))[:near],
        "one 99 KB line (a tenth: the cost is linear)": ("word " * 19_800)[:99_000],
        "a paragraph of sentences just under the default limit": (t + " ") * (near // (len(t) + 1)),
        "990 KB without a space": "x" * 990_000,
        "a thousand names": f"LIMA (NWS) - {names} met on Monday.",
        "10,000 quotes": ' "Yes," he said.' * 10_000,
        "10,000 short lines": "\n".join(["Peru said no."] * 10_000),
        "nested brackets": "(" * 20_000 + t + ")" * 20_000,
        "digits": "1234567890 " * 50_000,
        "emoji and RTL": ("\u202e🇵🇪 " * 20_000) + t,
        "combining marks": "e" + "\u0301" * 50_000 + " " + t,
        "markup": "[/x] [bold]<script>alert(1)</script> {{7*7}} ${x} %s %n " * 2000 + t,
        "dateline only": "LIMA, March 3 (NWS) -",
        "one character": "x",
        "capitalised words (100,000: over the default limit, refused)": " ".join(f"Word{i}" for i in range(100_000)),
        "capitalised words just under the default limit": " ".join(f"Word{i}" for i in range(100_000))[:near],
    }


def ingest_one(db: str, text: str, doc_id: str) -> dict[str, Any]:
    """One document read as a JSON Lines record is (``read_record``: the readers' checks, as
    every input gets them, ``POST /api/documents`` too), then ingested."""
    from newsgraph.errors import InputError
    from newsgraph.ingest import read_record
    from newsgraph.ingest.readers import ReadOptions
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    try:
        doc = read_record(doc_id, {"id": doc_id, "title": doc_id[:80], "text": text}, ReadOptions())
    except InputError as refused:
        return {"new": 0, "failed": 1, "refused": refused.reason}
    with Store.open(db) as store:
        report = ingest([doc], store)
    return {"new": report.new, "failed": report.failed}


def warm_store(path: Path, docs: list[Any]) -> None:
    """Ingest ``docs`` into a new store at ``path`` in this process: the model is loaded here
    once, and every forked child shares it."""
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    with Store.open(path) as store:
        report = ingest(docs, store)
    say(f"store {path.name}: {report.new} documents ({report.failed} failed)")


def kind_ingest(work: Path, scale: float) -> Tally:
    tally = Tally("ingest (odd documents, the CLI)")
    docs = odd_documents()
    if scale < 1:  # the three largest, and a share of the others
        names = list(docs)
        docs = {n: docs[n] for n in names[:3] + names[3 :: max(1, round(1 / scale))]}
    say(f"ingest: {len(docs)} odd documents through the pipeline, then one `newsgraph ingest` of every hostile file")
    for i, (name, text) in enumerate(docs.items()):
        db = str(work / f"odd-{i}.db")
        outcome = in_child(lambda db=db, text=text, i=i: ingest_one(db, text, f"odd-{i}"), timeout=HANG_SECONDS * 5)
        judge(tally, name, outcome)
        say(f"  {name}: {outcome.seconds:.1f} s CPU ({outcome.wall:.0f} s), {outcome.peak_mb:.0f} MB: {outcome.result}")
        result = outcome.result if isinstance(outcome.result, dict) else {}
        if not outcome.hung and not outcome.traceback and result.get("new", 0) + result.get("failed", 0) != 1:
            tally.found("tracebacks", name, f"neither stored nor reported failed: {result}")
    # the real CLI over every hostile file under 100 KB (the larger ones are the odd documents
    # above) and every special path at once
    small = [str(p) for p in sorted((work / "hostile").iterdir()) if p.stat().st_size < 100_000]
    special = [p for p in special_paths(work / "special-cli") if not p.startswith("/dev/")]
    db = work / "cli.db"
    cmd = [str(NEWSGRAPH), "ingest", *small, *special, "--db", str(db)]
    run = timed_run(cmd, timeout=600)
    say(f"ingest: the CLI on {len(small)} files, {len(special)} paths: exit {run.code}, {run.seconds:.0f} s CPU")
    tally.took("`newsgraph ingest` of every hostile file", run.seconds)
    tally.memory(run.peak_mb)
    if run.hung:
        tally.found("hangs", "newsgraph ingest (every hostile file)", "did not end in 600 s")
    for line in run.stderr.splitlines():
        if "Traceback" in line or line.startswith("  File "):
            tally.found("tracebacks", "newsgraph ingest (every hostile file)", run.stderr[-500:])
            break
    if run.code not in (0, 1):
        tally.found("tracebacks", "newsgraph ingest (every hostile file)", f"exit {run.code}: {run.stderr[-300:]}")
    problems = integrity(db)
    if problems:
        tally.found("tracebacks", "the store after the CLI ingest", problems)
    return tally


@dataclass
class Run:
    code: int
    seconds: float
    peak_mb: float
    hung: bool
    stdout: str
    stderr: str


def timed_run(cmd: list[str], timeout: float = HANG_SECONDS, stdin: Any = subprocess.DEVNULL, **kwargs: Any) -> Run:
    """Run a command; its exit code, CPU time, peak memory (its own), output; killed as hung past
    ``timeout`` CPU seconds or :data:`WAIT_FACTOR` times that in wall time."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's newsgraph, not the one installed
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=stdin, cwd=ROOT, env=env, **kwargs)
        hung = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout * WAIT_FACTOR or cpu_seconds(proc.pid) > timeout:
                hung = True
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            hung,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def integrity(db: Path) -> str:
    """'' when the SQLite store at ``db`` is sound (integrity check, foreign keys, no document
    without its extraction run), else what is wrong."""
    if not db.exists():
        return ""
    try:
        con = sqlite3.connect(db)
    except sqlite3.Error as exc:
        return f"cannot open: {exc}"
    try:
        ok = con.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            return f"integrity_check: {ok[:3]}"
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            return f"foreign_key_check: {fk[:3]}"
    except sqlite3.Error as exc:
        return f"cannot read: {exc}"
    finally:
        con.close()
    return ""


# -- lists -------------------------------------------------------------------------------------

UN = (
    '<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>'
    "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ANA</FIRST_NAME><SECOND_NAME>TORRES</SECOND_NAME>"
    "<UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.991</REFERENCE_NUMBER><LISTED_ON>2020-01-02</LISTED_ON>"
    "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ana T</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL>"
    "</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
)
OFAC_SDN = '1,"TORRES, Ana","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."\n'
OPENSANCTIONS = json.dumps(
    {"id": "os-1", "schema": "Person", "properties": {"name": ["Ana Torres"], "alias": ["A. Torres"]}}
)


def list_files(rng: random.Random, count: int) -> dict[str, bytes]:
    base = {"un.xml": UN.encode(), "sdn.csv": OFAC_SDN.encode(), "os.jsonl": (OPENSANCTIONS + "\n").encode()}
    crafted = {
        "csv-huge-field.csv": b'1,"'
        + b"A" * 200_000
        + b'","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
        "csv-quote.csv": b'1,"unclosed,individual\n',
        "csv-nul.csv": OFAC_SDN.encode().replace(b"TORRES", b"TOR\x00RES"),
        "csv-columns.csv": b"1,2\n" * 100,
        "csv-empty.csv": b"",
        "csv-bom.csv": b"\xef\xbb\xbf" + OFAC_SDN.encode(),
        "csv-eof.csv": b"\x1a",
        "un-bomb.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&c;'
        b"</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        "un-xxe.xml": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&x;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
        b"</CONSOLIDATED_LIST>",
        "un-truncated.xml": UN.encode()[: len(UN) // 2],
        "un-deep.xml": b"<CONSOLIDATED_LIST>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</CONSOLIDATED_LIST>",
        "os-deep.jsonl": b"[" * 5000 + b"]" * 5000 + b"\n",
        "os-surrogate.jsonl": b'{"id": "x", "schema": "Person", "properties": {"name": ["\\ud800"]}}\n',
        "os-types.jsonl": b'{"id": 5, "schema": [], "properties": "no"}\n{"id": "a"}\nnull\n',
        "os-digits.jsonl": b'{"id": "x", "schema": "Person", "properties": {"name": [' + b"9" * 5000 + b"]}}\n",
        "os-long-name.jsonl": json.dumps(
            {"id": "x", "schema": "Person", "properties": {"name": ["N" * 500_000]}}
        ).encode(),
        "os-many-aliases.jsonl": json.dumps(
            {"id": "x", "schema": "Person", "properties": {"name": ["Ana"], "alias": [f"A{i}" for i in range(100_000)]}}
        ).encode(),
        "random.jsonl": os.urandom(20_000),
    }
    out = {**base, **crafted}
    out.update(mutations(base, count, rng))
    return out


def load_list(path: str, db: str) -> dict[str, Any]:
    from newsgraph.store import Store
    from newsgraph.watchlist.sources import read_lists
    from newsgraph.watchlist.storage import replace_list

    loaded = read_lists([Path(path)])
    with Store.open(db) as store:
        n = sum(replace_list(store.engine, one) for one in loaded)
    return {"entries": n}


def kind_lists(work: Path, scale: float, rng: random.Random) -> Tally:
    tally = Tally("lists (UN, OFAC, OpenSanctions)")
    folder = work / "lists"
    folder.mkdir()
    files = list_files(rng, int(150 * scale))
    say(f"lists: {len(files)} files")
    db = str(work / "lists.db")
    for name in ("un.xml", "sdn.csv", "os.jsonl"):  # every lazy import done here, once
        (folder / name).write_bytes(files[name])
        load_list(str(folder / name), db)
    for name, data in files.items():
        (folder / name).write_bytes(data)
        outcome = in_child(lambda p=str(folder / name), db=db: load_list(p, db))
        judge(tally, name, outcome)
        if os.environ.get("CAMPAIGN_VERBOSE"):
            say(f"  {name}: {outcome.seconds:.2f} s, {outcome.result}")
        problems = integrity(Path(db))
        if problems:
            tally.found("tracebacks", f"the store after {name}", problems)
    return tally


# -- faults ------------------------------------------------------------------------------------


def corpus(n: int, seed: int) -> list[Any]:
    """``n`` documents made from the samples' sentences (distinct, realistic text)."""
    from newsgraph.ingest import read_inputs
    from newsgraph.records import Document

    rng = random.Random(seed)
    sentences: list[str] = []
    for item in read_inputs([str(ROOT / "samples")]):
        if isinstance(item, Document):
            sentences += [s.strip() + "." for s in item.text.split(". ") if len(s) > 30]
    out = []
    for i in range(n):
        chosen = rng.sample(sentences, k=min(6, len(sentences)))
        out.append(Document(id=f"corpus-{seed}-{i}", text=" ".join(chosen), title=f"Story {i}", published="2026-03-01"))
    return out


def ingest_docs(db: str, docs: list[Any], batch_size: int = 4) -> dict[str, Any]:
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    with Store.open(db) as store:
        report = ingest(docs, store, batch_size=batch_size)
    return {"new": report.new, "failed": report.failed, "unchanged": report.unchanged}


def kind_faults(work: Path, scale: float, rng: random.Random, good_db: Path) -> Tally:
    tally = Tally("faults (kill -9, read-only, corrupt, full disk)")
    kills = max(2, int(15 * scale))
    docs = corpus(24, 1)
    say(f"faults: {kills} kill -9 during ingest, read-only, corrupted and foreign stores, a full disk")
    db = work / "killed.db"
    for k in range(kills):
        delay = rng.uniform(0.2, 4.0)
        pid = os.fork()
        if pid == 0:
            try:
                ingest_docs(str(db), docs)
            finally:
                os._exit(0)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        problems = integrity(db)
        tally.took(f"kill -9 #{k + 1} after {delay:.1f} s", delay)
        if problems:
            tally.found("tracebacks", f"the store after kill -9 #{k + 1}", problems)
    outcome = in_child(lambda: ingest_docs(str(db), docs), timeout=300)
    judge(tally, "the re-run after the kills", outcome)
    result = outcome.result if isinstance(outcome.result, dict) else {}
    if result and result.get("failed"):
        tally.found("tracebacks", "the re-run after the kills", f"{result}")
    check = timed_run([str(NEWSGRAPH), "documents", "--db", str(db), "--json", "--limit", "500"], timeout=120)
    tally.took("documents after the kills", check.seconds)
    try:
        listed = {d["id"] for d in json.loads(check.stdout)}
    except ValueError:
        listed = set()
    missing = {d.id for d in docs} - listed
    if missing:
        tally.found("tracebacks", "the store after the kills and the re-run", f"{len(missing)} documents missing")

    # read-only, corrupted and foreign stores, each read by the CLI's read commands and ingest
    stores = damaged_stores(work, good_db, rng)
    reads = [
        ["summary"],
        ["documents"],
        ["search", "talks"],
        ["actors"],
        ["show", "nws-2026-0311-santiago"],
        ["watchlist", "info"],
        ["ingest", str(ROOT / "samples" / "riga-cyber-drill.txt")],
    ]
    if scale < 1:  # the first read, a search and ingest
        reads = [reads[0], reads[2], reads[-1]]
    # root writes any file: without the capability to override file permissions it is held by them
    drop = "-dac_override,-dac_read_search"
    unprivileged = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"] if os.geteuid() == 0 else []
    for label, path in stores.items():
        before = path.read_bytes() if path.is_file() else b""
        for args in reads:
            prefix = unprivileged if label.startswith("read-only") else []
            if args[0] == "ingest" and not label.startswith(("read-only", "foreign database", "not a database")):
                timeout = 300.0  # may load the model
            else:
                timeout = HANG_SECONDS
            run = timed_run([*prefix, str(NEWSGRAPH), *args, "--db", str(path)], timeout=timeout)
            name = f"{label}: newsgraph {' '.join(args[:2])}"
            tally.took(name, run.seconds)
            tally.memory(run.peak_mb)
            if run.hung:
                tally.found("hangs", name, "no answer")
            if "Traceback" in run.stderr:
                tally.found("tracebacks", name, run.stderr.strip().splitlines()[-1])
            elif run.code != 0 and "newsgraph" not in run.stderr:
                tally.found("tracebacks", name, f"newsgraph did not run (exit {run.code}): {run.stderr[:200]}")
            elif run.code != 0 and len(run.stderr.strip().splitlines()) > 3:
                tally.found("tracebacks", name, f"a {len(run.stderr.splitlines())}-line error: {run.stderr[:200]}")
        if label.startswith(("foreign database", "read-only")) and path.read_bytes() != before:
            tally.found("tracebacks", label, "the file was changed by a command")
    # a full disk: the store may grow by 64 KB only
    full = work / "full.db"
    shutil.copy(good_db, full)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            shutil.copy(str(good_db) + suffix, str(full) + suffix)
    limit = full.stat().st_size + 65_536
    outcome = in_child(lambda: ingest_docs(str(full), corpus(12, 2)), limit_fsize=limit, timeout=300)
    judge(tally, "a full disk (RLIMIT_FSIZE) during ingest", outcome)
    problems = integrity(full)
    if problems:
        tally.found("tracebacks", "the store after a full disk", problems)
    outcome = in_child(lambda: ingest_docs(str(full), corpus(12, 2)), timeout=300)
    judge(tally, "the re-run after the disk was freed", outcome)
    run = timed_run(
        [str(NEWSGRAPH), "ingest", str(ROOT / "samples" / "riga-cyber-drill.txt"), "--db", str(work / "full-cli.db")],
        timeout=300,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000)),
    )
    tally.took("newsgraph ingest on a full disk", run.seconds)
    tally.memory(run.peak_mb)
    if "Traceback" in run.stderr or run.code < 0:
        tally.found("tracebacks", "newsgraph ingest on a full disk", f"exit {run.code}: {run.stderr[-300:]}")
    return tally


def damaged_stores(work: Path, good_db: Path, rng: random.Random) -> dict[str, Path]:
    """A read-only copy of a good store, corrupted copies, a foreign database, a text file."""
    out: dict[str, Path] = {}
    folder = work / "damaged"
    folder.mkdir()
    folder.chmod(0o755)
    con = sqlite3.connect(good_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = good_db.read_bytes()

    def put(label: str, content: bytes, mode: int = 0o644) -> None:
        path = folder / (label.replace(" ", "-") + ".db")
        path.write_bytes(content)
        path.chmod(mode)
        out[label] = path

    put("read-only file", data, 0o444)
    locked = work / "damaged-ro"
    locked.mkdir()
    (locked / "read-only-folder.db").write_bytes(data)
    (locked / "read-only-folder.db").chmod(0o444)
    locked.chmod(0o555)  # nothing can be created beside the store (SQLite's -shm and -wal)
    out["read-only folder"] = locked / "read-only-folder.db"
    flipped = bytearray(data)
    for _ in range(200):
        pos = rng.randrange(4096, len(flipped))
        flipped[pos] = rng.randrange(256)
    put("bytes flipped", bytes(flipped))
    put("truncated", data[: len(data) // 2])
    put("header only", data[:100])
    put("zeroed pages", data[:8192] + b"\x00" * (len(data) - 8192))
    put("not a database", b"this is not a database\n" * 100)
    foreign = folder / "foreign-database.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    con.commit()
    con.close()
    out["foreign database"] = foreign
    return out


# -- the API -----------------------------------------------------------------------------------

HOSTILE_VALUES: list[str] = [
    "",
    " ",
    "0",
    "-1",
    "1",
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    "-" + str(2**63 + 1),
    "9" * 5000,
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "%00",
    "a%00b",
    "%ff%fe",
    "%c0%af",
    "%ed%a0%80",
    "%e2%80%ae",
    "%0d%0aSet-Cookie:%20x=1",
    "' OR 1=1 --",
    '"; DROP TABLE documents; --',
    "1; SELECT pg_sleep(10)",
    "%25",
    "_",
    "\\",
    "*",
    "NEAR(",
    '"',
    "AND OR NOT",
    "a:b",
    "^x",
    "<script>alert(1)</script>",
    "[/x]",
    "{{7*7}}",
    "../../../../etc/passwd",
    "#1",
    "#" + "9" * 30,
    "2026-13-45",
    "9999-99-99",
    "2026",
    "0000-00-00",
    "true",
    "null",
    "[]",
    "{}",
    "😀" * 100,
    "a" * 65_000,
    "x " * 1200,
]


def percent(value: str) -> str:
    """The value as it goes on the wire: ours are written percent-encoded already when they
    carry a %XX (bad UTF-8 on purpose), others are encoded here."""
    if "%" in value and value not in ("%25", "%"):
        return value.replace(" ", "%20").replace("'", "%27").replace('"', "%22")
    return quote(value, safe="")


@dataclass
class Served:
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def peak_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0


@contextlib.contextmanager
def serving(db: Path, log: Path, *options: str) -> Iterator[Served]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSGRAPH_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [str(NEWSGRAPH), "serve", "--db", str(db), "--port", str(port), "--log-level", "info", *options],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {log.read_text()[-500:]}")
            time.sleep(0.2)
        yield Served(port, proc, log)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def request(
    port: int, method: str, target: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, float, bytes]:
    """One request on a fresh connection: status (0 on a dropped connection), seconds, body."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_SECONDS)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for k, v in {"Host": "127.0.0.1", **(headers or {})}.items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, time.monotonic() - started, data
    except TimeoutError:
        return -1, time.monotonic() - started, b""
    except (ConnectionError, http.client.HTTPException, OSError):
        return 0, time.monotonic() - started, b""
    finally:
        conn.close()


def api_targets(spec: dict[str, Any], sample: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(method, target, what is hostile) for every GET route: each query parameter, then each
    path parameter, takes every hostile value while the others keep a good one."""
    for path, methods in spec["paths"].items():
        get = methods.get("get")
        if get is None:
            continue
        params = get.get("parameters", [])
        path_params = [p["name"] for p in params if p["in"] == "path"]
        query_params = [p["name"] for p in params if p["in"] == "query"]

        def fill(overrides: dict[str, str], path: str = path, path_params: list[str] = path_params) -> str:
            out = path
            for name in path_params:
                out = out.replace("{" + name + "}", overrides.get(name, sample.get(name, "1")))
            return out

        yield "GET", fill({}), "(good)"
        for value in HOSTILE_VALUES:
            v = percent(value)
            for name in path_params:
                yield "GET", fill({name: v}), f"{name}={value[:40]!r}"
            for name in query_params:
                yield "GET", f"{fill({})}?{name}={v}", f"{name}={value[:40]!r}"
        for value in HOSTILE_VALUES[:20]:
            v = percent(value)
            if query_params:
                yield "GET", fill({}) + "?" + "&".join(f"{n}={v}" for n in query_params), f"every parameter={value!r}"
    raw_paths = ["/%00", "/static/%00", "/static/..%2f..%2fetc%2fpasswd", "/api/actors/%ff", "/" + "a" * 70_000]
    raw_paths += ["/api//actors", "/api/actors/", "/static/" + "a/" * 2000, "/api/documents/..%2F..%2F", "/%2e%2e/"]
    for raw in raw_paths:
        yield "GET", raw, "(path)"


POST_BODIES: list[tuple[str, bytes]] = [
    ("/api/documents", b""),
    ("/api/documents", b"{"),
    ("/api/documents", b"[]"),
    ("/api/documents", b'{"text": "\\ud800"}'),
    ("/api/documents", b'{"text": "a\\u0000b"}'),
    ("/api/documents", b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
    ("/api/documents", b'{"text": "x", "n": ' + b"9" * 5000 + b"}"),
    ("/api/documents", b'{"id": "' + b"i" * 70_000 + b'", "text": "x"}'),
    ("/api/documents", json.dumps([{"text": f"t{i}"} for i in range(500)]).encode()),
    ("/api/documents", b'{"text": 5}'),
    ("/api/documents", b"\xff\xfe\x00"),
    ("/api/reviews", b'{"screened_name": "\\u0000", "list": "x", "reference": "y", "decision": "confirm"}'),
    ("/api/reviews", b'{"screened_name": "' + b"a" * 70_000 + b'"}'),
    ("/api/reviews", b"null"),
    ("/api/actors/1/merge", b'{"into": 9223372036854775808}'),
    ("/api/actors/1/merge", b'{"into": "x"}'),
    ("/api/actors/9223372036854775808/split", b"{}"),
    ("/api/actors/1/split", b'{"names": ["' + b"n" * 70_000 + b'"]}'),
]


def kind_api(work: Path, db: Path, scale: float) -> Tally:
    tally = Tally("api (injection sweep)")
    log = work / "server-api.log"
    with serving(db, log, "--body-timeout", str(BODY_SECONDS)) as srv:
        status, _, body = request(srv.port, "GET", "/openapi.json")
        spec = json.loads(body)
        status, _, body = request(srv.port, "GET", "/api/actors?limit=1")
        first = json.loads(body)["items"]
        status, _, body = request(srv.port, "GET", "/api/documents?limit=1")
        doc = json.loads(body)["items"]
        sample = {
            "actor_id": str(first[0]["id"]) if first else "1",
            "document_id": doc[0]["id"] if doc else "x",
        }
        targets = list(api_targets(spec, sample))
        if scale < 1:
            targets = targets[:: max(1, round(1 / scale))]
        say(f"api: {len(targets)} GET requests, {len(POST_BODIES)} hostile bodies, 3 oversized bodies")
        auth = {"Host": "127.0.0.1", "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        good = json.dumps({"id": "campaign-warm", "text": GOOD_TEXT}).encode()
        request(srv.port, "POST", "/api/documents", good, auth)  # the server loads the model: not a finding
        for method, target, what in targets:
            status, seconds, body = request(srv.port, method, target, headers={"Host": "127.0.0.1"})
            api_judge(tally, f"{method} {target[:120]} ({what})", status, seconds, body)
        for path, payload in POST_BODIES:
            status, seconds, body = request(srv.port, "POST", path, payload, auth)
            api_judge(tally, f"POST {path} {payload[:60]!r}", status, seconds, body)
        before = srv.peak_mb()
        for label, sender, expected in oversized_bodies():
            status, seconds = sender(srv.port)
            api_judge(tally, label, status, seconds, b"")
            if status not in (0, expected):
                tally.found("over_limits", label, f"answered {status}, not {expected}")
        grew = srv.peak_mb() - before
        if grew > MEMORY_LIMIT_MB:
            tally.found("over_limits", "oversized bodies", f"the server grew by {grew:,.0f} MB")
        tally.memory(srv.peak_mb())
    server_log(tally, log)
    return tally


BODY_SECONDS = 5.0
"""The body deadline of the campaign's server (``--body-timeout``)."""


def oversized_bodies() -> list[tuple[str, Callable[[int], tuple[int, float]], int]]:
    def chunked(port: int, megabytes: int = 60) -> tuple[int, float]:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=HANG_SECONDS) as s:
            s.sendall(
                b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
            )
            chunk = b"a" * (1 << 20)
            try:
                for _ in range(megabytes):
                    s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                s.sendall(b"0\r\n\r\n")
            except OSError:
                pass
            try:
                head = s.recv(200)
            except OSError:
                head = b""
        return (int(head.split()[1]) if head.startswith(b"HTTP/") else 0), time.monotonic() - started

    def declared(port: int) -> tuple[int, float]:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=HANG_SECONDS) as s:
            s.sendall(
                b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999\r\n"
                + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
                + b"[" * 1000
            )
            head = s.recv(200)
        return (int(head.split()[1]) if head.startswith(b"HTTP/") else 0), time.monotonic() - started

    def stalled(port: int) -> tuple[int, float]:
        """Headers, part of the body, then nothing: the server's body deadline answers (408)."""
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=HANG_SECONDS) as s:
            s.sendall(
                b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
                + b'{"text": '
            )
            try:
                head = s.recv(200)
            except TimeoutError:
                return -1, time.monotonic() - started
        return (int(head.split()[1]) if head.startswith(b"HTTP/") else 0), time.monotonic() - started

    return [
        ("chunked body of 60 MB", chunked, 413),
        ("declared body of 1 TB", declared, 413),
        (f"a body stalled past the {BODY_SECONDS:g} s deadline", stalled, 408),
    ]


def api_judge(tally: Tally, name: str, status: int, seconds: float, body: bytes) -> None:
    tally.took(name, seconds)
    if status == -1:
        tally.found("hangs", name, f"no answer in {HANG_SECONDS:g} s")
    elif status >= 500:
        tally.found("errors_500", name, body[:200].decode("utf-8", "replace"))


def server_log(tally: Tally, log: Path) -> None:
    text = log.read_text(errors="replace")
    count = text.count("Traceback")
    for _ in range(count):
        tally.found("tracebacks", "the server's log", text[text.index("Traceback") :][:400])


# -- load --------------------------------------------------------------------------------------

LOAD_ROUTES = [
    "/api/summary",
    "/api/documents?limit=50",
    "/api/search?q=talks",
    "/api/search?q=Chile%20OR%20Peru",
    "/api/actors?limit=50",
    "/api/actors?q=min",
    "/api/events?min_confidence=0",
    "/api/claims",
    "/api/relations?min_confidence=0",
    "/api/network?min_confidence=0",
    "/api/network/communities",
    "/api/map",
    "/api/timeline",
    "/",
    "/search",
]


def kind_load(work: Path, db: Path, scale: float) -> Tally:
    tally = Tally("load (concurrent clients, ingest running)")
    clients = 8
    seconds = max(20.0, 90.0 * scale)
    log = work / "server-load.log"
    docs = corpus(int(60 * max(scale, 0.3)), 3)
    say(f"load: {clients} clients for {seconds:.0f} s while {len(docs)} documents are ingested into the same store")
    with serving(db, log) as srv:
        stop = threading.Event()
        lock = threading.Lock()
        statuses: dict[int, int] = {}

        def client(n: int) -> None:
            rng = random.Random(n)
            while not stop.is_set():
                route = rng.choice(LOAD_ROUTES)
                status, took, body = request(srv.port, "GET", route, headers={"Host": "127.0.0.1"})
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    api_judge(tally, f"GET {route}", status, took, body)
                    if status == 0:  # counted with the 500s: an answer the client never got
                        tally.found("errors_500", f"GET {route}", "the connection was dropped, no answer")

        writer = os.fork()
        if writer == 0:
            try:
                ingest_docs(str(db), docs)
            finally:
                os._exit(0)
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        stop.set()
        for t in threads:
            t.join()
        deadline = time.monotonic() + 60  # the ingest may finish; else it is stopped like a kill -9
        while not (done := os.wait4(writer, os.WNOHANG))[0]:
            if time.monotonic() > deadline:
                os.kill(writer, signal.SIGKILL)
                done = os.wait4(writer, 0)
                say("load: the ingest was still running after the clients stopped: killed")
                break
            time.sleep(0.2)
        tally.memory(done[2].ru_maxrss / 1024)
        tally.memory(srv.peak_mb())
        say(f"load: answers by status {dict(sorted(statuses.items()))}")
    server_log(tally, log)
    problems = integrity(db)
    if problems:
        tally.found("tracebacks", "the store after the load test", problems)
    return tally


# -- main --------------------------------------------------------------------------------------

KINDS = ["readers", "ingest", "lists", "faults", "api", "load"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="more or fewer inputs (1: ~15 min on 2 busy cores)")
    parser.add_argument("--only", nargs="+", choices=KINDS, default=KINDS, help="the kinds to run")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--workdir", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsgraph-campaign-"))
    work.mkdir(parents=True, exist_ok=True)
    work.chmod(0o755)  # the readers run as nobody
    started = time.monotonic()
    tallies: list[Tally] = []
    try:
        from newsgraph.ingest import read_inputs

        good_db = work / "samples.db"
        if {"ingest", "faults", "api", "load"} & set(args.only):
            say("loading the model: the samples into a store")
            warm_store(good_db, list(read_inputs([str(ROOT / "samples")])))
        if "readers" in args.only:
            tallies.append(kind_readers(work, args.scale, rng))
        if "ingest" in args.only:
            hostile_files(work, args.scale, rng)
            tallies.append(kind_ingest(work, args.scale))
        if "lists" in args.only:
            tallies.append(kind_lists(work, args.scale, rng))
        if "faults" in args.only:
            tallies.append(kind_faults(work, args.scale, rng, good_db))
        if "api" in args.only:
            tallies.append(kind_api(work, good_db, args.scale))
        if "load" in args.only:
            load_db = work / "load.db"
            shutil.copy(good_db, load_db)
            tallies.append(kind_load(work, load_db, args.scale))
    finally:
        for p in (work / "special", work / "special-cli"):
            with contextlib.suppress(OSError):
                for inner in p.rglob("inner"):
                    inner.chmod(stat.S_IRWXU)
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(tallies))
    print(f"\n{time.monotonic() - started:.0f} s in all (scale {args.scale:g}, seed {args.seed})")
    for t in tallies:
        if t.worst_input:
            print(f"- {t.kind}: worst time on {t.worst_input}")
        for f in t.findings:
            print(f"  - {f}")
    return 1 if any(t.tracebacks or t.hangs or t.errors_500 or t.over_limits for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
