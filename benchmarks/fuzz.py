"""Hostile inputs against the core, counted: inputs, crashes, hangs, peak memory.

Repeats the fuzzing of issue #19: random mutations of the corpus pages (byte flips,
inserted bytes and tags, cuts, repeats) and the special inputs found there (a stray
byte, pages cut mid-character, Big5 under a lying gb2312, a NUL byte, void elements,
a 100,000- and 1,000,000-character word, 100,000 attributes, a 10,000×100 table, a
15 MB page, deep nesting, FIFOs as page and as picture). Every input goes through
what opening a page does — load_article (read, decode, parse, extract), then the
sentences and the spoken text — and must end in an Article or a ReaderError (the
Chinese one-line message); anything else is a crash, more than 10 s is a hang.

Each input class runs in its own process, so its peak memory (ru_maxrss) is its own
and a hard crash (a segfault) is counted, not fatal. Goal: 0 crashes, 0 hangs, peak
under 1 GB for every class.

Run: ``.venv/bin/python benchmarks/fuzz.py [--mutations N] [--seed S]`` (outside
``make test``: it takes minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
HANG_SECONDS = 10.0
CLASS_TIMEOUT = 1800.0

Input = tuple[str, Callable[[Path], Path]]
"""A name and a function writing the input into a folder, returning what to open."""

BODY = "".join(
    f"<p>第{n}段：各区县人民政府要认真贯彻执行本通知，做好防汛抗旱各项工作。</p>" for n in range(8)
)
TEXT = "关于做好防汛工作的通知：各区县人民政府、市各有关部门，请认真贯彻执行。" * 20
TRADITIONAL = "關於做好防汛工作的通知：各區縣政府、市各有關部門，請認真貫徹執行。" * 20


def _page(inner: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>通知</title></head><body><div>{BODY}{inner}</div></body></html>"
    )


def _bytes_input(name: str, data: bytes, suffix: str = ".html") -> Input:
    def write(folder: Path) -> Path:
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        return path

    return name, write


def _seeds() -> list[tuple[str, bytes]]:
    seeds = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("pages/*.html"))]
    seeds += [(p.parent.name, p.read_bytes()) for p in sorted(CORPUS.glob("pages/*/source.html"))]
    if not seeds:
        from accessible_reader.article.load import welcome_path

        seeds = [("welcome", welcome_path().read_bytes())]
    return seeds


_TAGS = (
    b"<embed src=a.swf>",
    b"<source src=a>",
    b"<wbr>",
    b"<table>",
    b"</table>",
    b"<tr><td>",
    b"</html>",
    b"</body>",
    b"<script>",
    b"<!--",
    b"<p",
    b"<img src=/etc/passwd>",
    b"<img src=../../secret.png>",
    b"<div>" * 50,
    b"\x00",
    b"\xff",
    b"\xe5\x85",
    b"&#0;",
    b"&#xd800;",
    b"<meta charset=big5>",
    b"<meta charset=utf-16>",
    b"<?xml encoding='x'?>",
)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random edits: flips, inserted bytes or tags, cuts, repeated chunks."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            out = bytearray(b"<")
        kind = rng.randrange(6)
        at = rng.randrange(len(out))
        if kind == 0:
            out[at] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif kind == 2:
            out[at:at] = rng.choice(_TAGS)
        elif kind == 3:
            del out[at : at + rng.randint(1, 4096)]
        elif kind == 4:
            chunk = out[at : at + rng.randint(1, 2048)]
            out[at:at] = chunk * rng.randint(2, 20)
        else:
            out = out[: max(1, at)]
    return bytes(out)


def mutation_inputs(count: int, seed: int) -> Iterator[Input]:
    rng = random.Random(seed)
    seeds = _seeds()
    for number in range(count):
        name, data = seeds[number % len(seeds)]
        yield _bytes_input(f"mutation-{number:04d}-{Path(name).stem}", _mutate(data, rng))


def _fifo(name: str) -> Input:
    def write(folder: Path) -> Path:
        path = folder / f"{name}.html"
        os.mkfifo(path)
        return path

    return name, write


def _fifo_picture() -> Input:
    def write(folder: Path) -> Path:
        os.mkfifo(folder / "pipe.png")
        path = folder / "fifo-picture.html"
        path.write_text(_page('<p><img src="pipe.png" alt="管道"></p>'), encoding="utf-8")
        return path

    return "img-src-fifo", write


def _cut_mid_character(data: bytes, encoding: str) -> bytes:
    text = data.decode(encoding)
    last = max(i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff")
    return data[: len(text[:last].encode(encoding)) + 1]


def special_inputs() -> list[tuple[str, list[Input]]]:
    """The special inputs of issue #19, grouped into classes (one process each)."""
    utf8_page = _page(f"<p>{TEXT}</p>").encode("utf-8")
    gbk_page = _page(f"<p>{TEXT}</p>", '<meta charset="gbk">').encode("gbk")
    big5_page = (
        '<html><head><meta charset="gb2312"><title>通知</title></head><body><div>'
        + f"<p>{TRADITIONAL}</p>" * 8
        + "</div></body></html>"
    ).encode("big5")
    attributes = " ".join(f'a{n}="v"' for n in range(100_000))
    row = "<tr>" + "".join(f"<td>格{n}</td>" for n in range(100)) + "</tr>"
    paragraph = "".join(
        f"<p>第{n}段：各区县人民政府要认真贯彻执行第{n}号通知。"
        + "各部门要加强协调配合。" * 12
        + "</p>\n"
        for n in range(26_000)
    )
    big = f"<html><head><title>大网页</title></head><body><div>{paragraph}</div></body></html>"
    deep = "<div>" * 100_000 + "<p>深处的文字</p>" + "</div>" * 100_000
    return [
        (
            "decoding",
            [
                _bytes_input("stray-ff", utf8_page + b"\xff"),
                _bytes_input("utf8-cut-mid-character", _cut_mid_character(utf8_page, "utf-8")),
                _bytes_input("gbk-cut-mid-character", _cut_mid_character(gbk_page, "gbk")),
                _bytes_input("big5-under-gb2312", big5_page),
                _bytes_input("nul-byte", utf8_page[:400] + b"\x00" + utf8_page[400:]),
                _bytes_input("random-bytes", random.Random(1).randbytes(200_000)),
            ],
        ),
        (
            "structure",
            [
                _bytes_input("embed-outside-paragraph", _page("<embed src=a.swf>" + BODY).encode()),
                _bytes_input("word-100k", _page(f"<p>{'a' * 100_000}</p>").encode()),
                _bytes_input("word-1M", _page(f"<p>{'a' * 1_000_000}</p>").encode()),
                _bytes_input("attributes-100k", _page(f"<p {attributes}>段落</p>").encode()),
                _bytes_input("nesting-100k", _page(deep).encode()),
            ],
        ),
        (
            "table-10000x100",
            [_bytes_input("table-10000x100", _page(f"<table>{row * 10_000}</table>").encode())],
        ),
        ("page-15MB", [_bytes_input("page-15MB", big.encode())]),
        ("files", [_fifo("fifo-as-page"), _fifo_picture()]),
    ]


# --- The worker: one class in one process ---------------------------------------------


def _exercise(path: Path) -> str:
    """What opening a page does in the core; returns 'ok' or the ReaderError's message."""
    from accessible_reader.article.images import find_picture
    from accessible_reader.article.load import load_article
    from accessible_reader.article.model import BlockKind
    from accessible_reader.article.spoken import article_text
    from accessible_reader.errors import ReaderError
    from accessible_reader.text.normalize import normalize
    from accessible_reader.text.segment import split_article

    try:
        article = load_article(path)
    except ReaderError as error:
        return error.user_message()
    article_text(article)
    for sentence in split_article(article)[:20_000]:
        normalize(sentence.text)
    for block in article.blocks:
        if block.kind is BlockKind.IMAGE:
            find_picture(block.src, article.origin, article.url)
    return "ok"


def _worker(spec: str) -> int:
    """Run one class (named in `spec`), print one JSON line per input and a summary."""
    request = json.loads(spec)
    inputs = _class_inputs(request)
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as temp:
        for name, write in inputs:
            folder = Path(temp) / name
            folder.mkdir()
            path = write(folder)
            start = time.perf_counter()
            try:
                outcome = _exercise(path)
                crash = None
            except Exception:  # a crash is what this program counts
                outcome = "crash"
                crash = traceback.format_exc(limit=6)
            seconds = time.perf_counter() - start
            record = {"name": name, "seconds": seconds, "outcome": outcome, "crash": crash}
            print(json.dumps(record, ensure_ascii=False), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": peak}), flush=True)
    return 0


def _class_inputs(request: dict[str, object]) -> list[Input]:
    if request["class"] == "mutation":
        start, count = int(str(request["start"])), int(str(request["count"]))
        return list(mutation_inputs(start + count, int(str(request["seed"]))))[start:]
    for name, inputs in special_inputs():
        if name == request["class"]:
            return inputs
    raise SystemExit(f"unknown class {request['class']}")


# --- The driver -------------------------------------------------------------------------


def _run_class(request: dict[str, object]) -> tuple[list[dict[str, object]], float, str | None]:
    env = dict(os.environ, PYTHONHASHSEED="0", QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", json.dumps(request)],
            capture_output=True,
            text=True,
            timeout=CLASS_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        problem: str | None = f"the class did not finish in {CLASS_TIMEOUT:.0f} s"
        lines, returncode = out.splitlines(), None
    else:
        lines, returncode = done.stdout.splitlines(), done.returncode
        problem = None if returncode == 0 else f"worker exited {returncode}: {done.stderr[-500:]}"
    records: list[dict[str, object]] = []
    peak = 0.0
    for line in lines:
        data = json.loads(line)
        if "peak_mb" in data:
            peak = float(data["peak_mb"])
        else:
            records.append(data)
    return records, peak, problem


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=600)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return _worker(args.worker)
    classes: list[tuple[str, dict[str, object]]] = []
    batch = 150
    for start in range(0, args.mutations, batch):
        count = min(batch, args.mutations - start)
        classes.append(
            ("mutation", {"class": "mutation", "start": start, "count": count, "seed": args.seed})
        )
    classes += [(name, {"class": name}) for name, _inputs in special_inputs()]
    totals: dict[str, dict[str, float]] = {}
    worst: dict[str, tuple[float, str]] = {}
    problems: list[str] = []
    for label, request in classes:
        records, peak, problem = _run_class(request)
        entry = totals.setdefault(label, {"inputs": 0, "crashes": 0, "hangs": 0, "peak": 0.0})
        entry["inputs"] += len(records)
        entry["peak"] = max(entry["peak"], peak)
        for record in records:
            seconds = float(str(record["seconds"]))
            if record["outcome"] == "crash":
                entry["crashes"] += 1
                problems.append(f"CRASH {record['name']}:\n{record['crash']}")
            if seconds > HANG_SECONDS:
                entry["hangs"] += 1
                problems.append(f"HANG {record['name']}: {seconds:.1f} s")
            if seconds > worst.get(label, (0.0, ""))[0]:
                worst[label] = (seconds, str(record["name"]))
        if problem:
            entry["crashes"] += 1
            problems.append(f"{label}: {problem}")
        if label != "mutation":
            for record in records:
                seconds = float(str(record["seconds"]))
                print(f"  {label:16} {record['name']:28} {seconds:6.2f} s  {record['outcome']}")
    print()
    columns = ("inputs", "crashes", "hangs>10s", "slowest s", "peak MB")
    print(f"{'class':16} " + " ".join(f"{c:>9}" for c in columns))
    for label, entry in totals.items():
        slowest = worst.get(label, (0.0, ""))[0]
        print(
            f"{label:16} {int(entry['inputs']):9d} {int(entry['crashes']):9d} "
            f"{int(entry['hangs']):9d} {slowest:9.2f} {entry['peak']:9.0f}"
        )
    inputs = sum(int(e["inputs"]) for e in totals.values())
    crashes = sum(int(e["crashes"]) for e in totals.values())
    hangs = sum(int(e["hangs"]) for e in totals.values())
    peak = max(e["peak"] for e in totals.values())
    print(f"{'all':16} {inputs:9d} {crashes:9d} {hangs:9d} {'':9} {peak:9.0f}")
    for problem in problems:
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
