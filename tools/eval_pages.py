"""Checking a hold-out folder of saved pages (issue #14), and saving it the other ways.

A hold-out folder holds ``<stem>.html`` pages and an ``expected.json`` written by
reading each page (title, published, source, must_include, must_exclude). Such
folders live beside the project and are lost with a machine, so the tool that
measures them lives here:

    .venv/bin/python tools/eval_pages.py check FOLDER [FOLDER…]
        every field of every page, loaded as a user would (load_article), with what
        was found where it differs, and the pages fully right;
    .venv/bin/python tools/eval_pages.py variants FOLDER OUT
        the same pages as a browser saves them "complete" (``<stem>_files/`` beside
        the page, pictures and style sheets pointing there) and as Blink's MHTML,
        with an expected.json for both, so ``check OUT`` measures those ways too;
        with ``--text-copy``, also Chromium's Ctrl+A/Ctrl+C text of each page
        (``tools/text_copy.cjs``: needs node, playwright-core and Debian's chromium).
"""

from __future__ import annotations

import argparse
import json
import quopri
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script

from accessible_reader.article.decode import decode_html  # noqa: E402
from accessible_reader.article.load import load_article  # noqa: E402
from accessible_reader.errors import ReaderError  # noqa: E402
from tests.article.helpers import field_misses  # noqa: E402

FIELDS = ("title", "published", "source", "body", "chrome")

# A 1×1 GIF: what a saved picture's bytes are does not matter to extraction.
_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)
_RESOURCE_RE = re.compile(
    r"""(<(?:img|script|link)\b[^>]*?\b(?:src|href)\s*=\s*)(["'])([^"'>]+)\2""", re.IGNORECASE
)


def check_page(path: Path, truth: dict[str, Any]) -> dict[str, str]:
    """Each field's miss, as a short line ({} when the page is fully right)."""
    try:
        return field_misses(load_article(path), truth)
    except ReaderError as error:
        return {field: f"error: {error}" for field in FIELDS}


def check(folders: list[Path]) -> int:
    """Print every miss and the totals; 0 when every page is fully right."""
    pages = right = fields = fields_right = 0
    for folder in folders:
        expected: dict[str, dict[str, Any]] = json.loads(
            (folder / "expected.json").read_text(encoding="utf-8")
        )
        for name, truth in sorted(expected.items()):
            checked = [f for f in FIELDS if f not in ("published", "source") or f in truth]
            misses = check_page(folder / name, truth)
            pages += 1
            right += not misses
            fields += len(checked)
            fields_right += len(checked) - len(misses)
            print(f"{'ok  ' if not misses else 'MISS'} {folder.name}/{name}")
            for field, line in misses.items():
                print(f"       {field}: {line}")
    print(f"{right}/{pages} pages fully right, {fields_right}/{fields} fields")
    return 0 if right == pages else 1


def _saved_name(url: str, taken: dict[str, str]) -> str:
    """The file name a browser gives a resource in ``_files/`` (unique, no query)."""
    if url in taken:
        return taken[url]
    base = Path(urlsplit(url).path).name or "resource"
    base = re.sub(r"[^\w.\-]", "_", base)[:80] or "resource"
    name, n = base, 1
    while name in taken.values():
        n += 1
        name = f"{n}_{base}"
    taken[url] = name
    return name


def save_complete(page: Path, out: Path, stem: str) -> Path:
    """``page`` as "Web page, complete" (``<stem>.html``): resources in ``<stem>_files/``,
    links rewritten to point there."""
    text = decode_html(page.read_bytes())
    folder_name = f"{stem}_files"
    (out / folder_name).mkdir(parents=True, exist_ok=True)
    taken: dict[str, str] = {}

    def rewrite(match: re.Match[str]) -> str:
        url = match.group(3)
        if url.startswith(("data:", "javascript:", "#")):
            return match.group(0)
        name = _saved_name(url, taken)
        is_picture = match.group(1).lower().startswith("<img")
        (out / folder_name / name).write_bytes(_GIF if is_picture else b"")
        return f"{match.group(1)}{match.group(2)}./{folder_name}/{name}{match.group(2)}"

    saved = out / f"{stem}.html"
    saved.write_text(_RESOURCE_RE.sub(rewrite, text), encoding="utf-8")
    return saved


def save_mhtml(page: Path, out: Path, url: str) -> Path:
    """``page`` as Blink's MHTML: the serialised page in UTF-8, quoted-printable."""
    text = decode_html(page.read_bytes())
    boundary = "----MultipartBoundary--EvalPagesBoundary----"
    body = quopri.encodestring(text.encode("utf-8"), quotetabs=False).replace(b"\n", b"\r\n")
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        "Subject: saved page\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
        "\r\n\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-main@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {url}\r\n\r\n"
    ).encode("ascii")
    saved = out / f"{page.stem}.mhtml"
    saved.write_bytes(head + body + f"\r\n\r\n--{boundary}--\r\n".encode("ascii"))
    return saved


def variants(folder: Path, out: Path, text_copy: bool = False) -> int:
    """Write the other ways of saving every page of ``folder`` to ``out`` with
    expected.json: complete and MHTML, and with ``text_copy`` the browser's text."""
    expected: dict[str, dict[str, Any]] = json.loads(
        (folder / "expected.json").read_text(encoding="utf-8")
    )
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Any]] = {}
    for name, truth in sorted(expected.items()):
        page = folder / name
        url = truth.get("url") or f"https://example.invalid/{page.stem}.html"
        written[save_complete(page, out, f"{page.stem}_complete").name] = truth
        written[save_mhtml(page, out, url).name] = truth
    if text_copy:
        # The browser reads each page as decoded here (UTF-8 with a BOM, which outranks a
        # meta charset): a copy kept in UTF-8 under its old gb2312 meta would show the
        # mojibake a reader of the original page never saw.
        shown = out / "_shown"
        shown.mkdir(exist_ok=True)
        arguments: list[str] = []
        for name, truth in sorted(expected.items()):
            stem = Path(name).stem
            text = decode_html((folder / name).read_bytes())
            page = shown / f"{stem}.html"
            page.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"))
            arguments += [str(page), str(out / f"{stem}_copy.txt")]
            written[f"{stem}_copy.txt"] = truth
        script = str(ROOT / "tools" / "text_copy.cjs")
        subprocess.run(["node", script, *arguments], check=True)
    (out / "expected.json").write_text(
        json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"{len(written)} pages written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="every field of every page")
    check_parser.add_argument("folders", nargs="+", type=Path)
    variants_parser = commands.add_parser("variants", help="save the pages the other ways")
    variants_parser.add_argument("folder", type=Path)
    variants_parser.add_argument("out", type=Path)
    variants_parser.add_argument("--text-copy", action="store_true", help="the browser's text too")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.folders)
    return variants(args.folder, args.out, args.text_copy)


if __name__ == "__main__":
    raise SystemExit(main())
