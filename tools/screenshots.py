"""Renders the README's images with the real window (`make screenshot`).

Each image is one `accessible-reader --screenshot` run, so what the README shows is
exactly what the command line produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

from accessible_reader.cli import main

SHOTS: dict[str, list[str]] = {
    "welcome.png": [],
    "xlarge-black-yellow.png": ["--font-size", "xlarge", "--scheme", "black-yellow"],
    "captions-pinyin.png": ["--caption", "pinyin", "--ruler", "--font-size", "large"],
}


def render_all(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, options in SHOTS.items():
        code = main(["--screenshot", str(folder / name), *options])
        if code != 0:
            return code
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
