"""Fuzzing the files the reader reads at start: settings.json, the kiosk TOML, the PIN
attempts file. Prints counts per input class: inputs, crashes (goal 0), hangs over
10 s (goal 0), the slowest input, and peak memory (goal under 1 GB).

    python benchmarks/fuzz_config.py [INPUTS_PER_CLASS]      (default 2,000)

A crash is any exception escaping `config.load`, `AttemptsFile.load`, or
`kiosk.config.parse_config` other than its KioskConfigError (a clear message with
exit code 2 is the kiosk's answer to a bad file). Inputs are byte mutations (flips,
deletions, insertions, truncations, duplicated spans) of a full valid file, plus the
special inputs of issue 19.5/19.7 (deep nesting, huge lists, a byte-order mark).
"""

from __future__ import annotations

import contextlib
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from accessible_reader import config
from accessible_reader.config import Settings
from accessible_reader.kiosk.config import KioskConfigError, parse_config
from accessible_reader.kiosk.pin import AttemptsFile

SEED = 19
HANG_SECONDS = 10.0
EXAMPLE_TOML = Path(__file__).resolve().parents[1] / "packaging" / "kiosk.example.toml"
JUNK = [b"[", b"]", b"{", b"}", b'"', b",", b":", b"\xff", b"\x00", b"\xef\xbb\xbf", b"\n", b"="]


def valid_settings() -> bytes:
    settings = Settings(
        font_preset="xlarge",
        scheme="black-yellow",
        rate=1.5,
        recent_files=("/home/user/文章/通知.html", "https://www.gov.cn/a.html"),
        shortcuts=(("help", "F2"), ("play", "Space")),
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        config.save(settings, path)
        return path.read_bytes()


def mutations(seed_bytes: bytes, count: int, rng: random.Random) -> Iterator[bytes]:
    for _ in range(count):
        data = bytearray(seed_bytes)
        for _ in range(rng.randint(1, 6)):
            kind = rng.randrange(5)
            at = rng.randrange(len(data) + 1)
            if kind == 0 and data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            elif kind == 1:
                del data[at : at + rng.randint(1, 20)]
            elif kind == 2:
                data[at:at] = rng.choice(JUNK)
            elif kind == 3:
                del data[at:]
            else:
                end = min(len(data), at + rng.randint(1, 40))
                data[at:at] = data[at:end] * rng.randint(1, 50)
        yield bytes(data)


def special_settings() -> list[bytes]:
    depth = 100_000
    recent = [f"/home/user/文章/第{number}篇.html" for number in range(600_000)]
    return [
        b'{"schema_version":1,"recent_files":[5]}',
        b'{"schema_version":1,"recent_files":[null]}',
        b'{"shortcuts":["x"]}',
        b'{"shortcuts":[["play", 5]]}',
        b'{"shortcuts":[["play", "F2", "F3"]]}',
        b'{"recent_files": ' + b"[" * depth + b"]" * depth + b"}",
        json.dumps({"schema_version": 1, "recent_files": recent}).encode(),
        b"\xef\xbb\xbf" + valid_settings(),
        b'{"schema_version": -1}',
        b'{"schema_version": 1e999}',
        b'{"zoom_percent": 1' + b"0" * 5000 + b"}",
    ]


def special_toml() -> list[bytes]:
    depth = 100_000
    return [
        b"sources = " + b"[" * depth + b"]" * depth,
        b'exit_chord = "Ctrl+Alt+Nope"',
        b"[reading]\n" + b"a = {b = " * 2000 + b"1" + b"}" * 2000,
        b"sources = [" + b'"a",' * 200_000 + b"]",
        b'\xef\xbb\xbfkiosk = true\nadmin_pin_hash = "x"',
    ]


Check = Callable[[bytes, Path], None]


def check_settings(data: bytes, folder: Path) -> None:
    path = folder / "settings.json"
    path.write_bytes(data)
    loaded = config.load(path).settings
    if loaded.validated() != loaded:
        raise AssertionError("loaded settings are not valid")
    for leftover in folder.iterdir():
        leftover.unlink()


def check_toml(data: bytes, folder: Path) -> None:
    with contextlib.suppress(KioskConfigError):  # the kiosk's answer to a bad file
        parse_config(data.decode("utf-8-sig", "replace"), base_dir=folder)


def check_attempts(data: bytes, folder: Path) -> None:
    path = folder / "attempts.json"
    path.write_bytes(data)
    AttemptsFile(path).load()


def run(name: str, inputs: list[bytes], check: Check) -> tuple[str, int, int, int, float]:
    crashes = hangs = 0
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for data in inputs:
            start = time.perf_counter()
            try:
                check(data, Path(folder))
            except Exception:
                crashes += 1
                if crashes <= 3:
                    traceback.print_exc()
            elapsed = time.perf_counter() - start
            slowest = max(slowest, elapsed)
            hangs += elapsed > HANG_SECONDS
    return name, len(inputs), crashes, hangs, slowest


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    rng = random.Random(SEED)
    settings_seed = valid_settings()
    toml_seed = EXAMPLE_TOML.read_bytes()
    attempts_seed = b'{"failures": 3, "locked_until": 1e9, "last_failure": 1e9, "saved_at": 1e9}'
    rows = [
        run(
            "settings.json",
            [*special_settings(), *mutations(settings_seed, count, rng)],
            check_settings,
        ),
        run("kiosk TOML", [*special_toml(), *mutations(toml_seed, count, rng)], check_toml),
        run("PIN attempts", list(mutations(attempts_seed, count, rng)), check_attempts),
    ]
    print(f"{'input class':<16}{'inputs':>8}{'crashes':>9}{'hangs':>7}{'slowest (s)':>13}")
    for name, inputs, crashes, hangs, slowest in rows:
        print(f"{name:<16}{inputs:>8,}{crashes:>9}{hangs:>7}{slowest:>13.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (MiB, goal < 1024): {peak:.0f}")
    return 0 if all(row[2] == 0 and row[3] == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
