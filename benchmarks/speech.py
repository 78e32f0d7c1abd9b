"""Speech engines side by side: start-up, first audio, speed, marks; and eSpeak's Mandarin.

For each engine (each measured in a fresh interpreter: on Linux pyttsx3 and the
espeak engine share libespeak-ng and cannot both run in one process):

- start: creating the engine and loading its Mandarin voice (paid once, at app start);
- first clip: from the request to the finished PCM of the article's first sentence,
  cold (right after start) and warm (the median over the first ten sentences).
  The narrator plays a sentence once its clip exists, so this is the synthesis
  part of key-to-sound; the goal is first audio within 100 ms of the key press
  (NVDA with eSpeak NG was measured at 68 ms key-to-sound, sink included);
- speed: seconds of audio per second of synthesis over the whole welcome article;
- marks: word marks per second of audio and per spoken character.

The espeak-ng command line (when installed) is the peer a shell script would use:
a new process per sentence, time to the first byte of WAV on stdout.

Then the Mandarin voice question: how many characters of 500 characters of
portal prose, and of the 20,902 CJK Unified Ideographs, eSpeak reads through
English rules with `cmn` and with `cmn-Latn-pinyin`, and how many are left after
the espeak engine's repairs.

Then the rate table: syllables a second at each 语速 step and fine step, measured
from real WAVs of the welcome article (syllables counted from the spoken text,
seconds from the first to the last sound), for the rate scale now (rate r = r × 4.5
syllables a second, time-stretched above eSpeak's clean range) side by side with
eSpeak's own rate as the app used it before (175 words a minute × r, up to 3×).

There is no audio device here, so sink latency is not measured.
Run: .venv/bin/python benchmarks/speech.py
"""

from __future__ import annotations

import argparse
import ctypes.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
NVDA_KEY_TO_SOUND_MS = 68
GOAL_MS = 100


def _texts() -> list[str]:
    """The spoken texts of the welcome article, in reading order."""
    from accessible_reader.article.load import load_welcome
    from accessible_reader.speech.utterances import build_utterances

    return [u.spoken_text for u in build_utterances(load_welcome())]


def measure_engine(engine_id: str) -> dict[str, Any]:
    """Figures for one engine, in this interpreter."""
    from accessible_reader.errors import SpeechError
    from accessible_reader.speech.select import open_engine

    texts = _texts()
    started = time.perf_counter()
    try:
        engine = open_engine(engine_id)
        voice = engine.default_voice("zh-Hans")
        engine.warm_up(voice)
    except SpeechError as error:
        return {"engine": engine_id, "error": error.user_message()}
    start_ms = (time.perf_counter() - started) * 1000
    first: list[float] = []
    audio_ms = 0
    synth_s = 0.0
    marks = 0
    characters = 0
    for index, text in enumerate(texts):
        begin = time.perf_counter()
        clip = engine.synthesize(text, voice, 1.0, 1.0)
        elapsed = time.perf_counter() - begin
        if index < 10:
            first.append(elapsed * 1000)
        synth_s += elapsed
        audio_ms += clip.duration_ms
        marks += len(clip.marks)
        characters += sum(1 for c in text if c.isalnum())
    begin = time.perf_counter()
    engine.synthesize(texts[0], voice, 1.0, 1.0)
    again_ms = (time.perf_counter() - begin) * 1000
    begin = time.perf_counter()
    engine.synthesize("熊猫和兄弟都很穷。", voice, 1.0, 1.0)  # characters eSpeak needs repaired
    repaired = (time.perf_counter() - begin) * 1000
    engine.close()
    return {
        "first_again_ms": again_ms,
        "repaired_first_ms": repaired,
        "engine": engine_id,
        "voice": voice,
        "start_ms": start_ms,
        "first_cold_ms": first[0],
        "next_median_ms": statistics.median(first[1:]) if len(first) > 1 else first[0],
        "realtime": (audio_ms / 1000) / synth_s if synth_s else float("inf"),
        "audio_s": audio_ms / 1000,
        "marks_per_s": marks / (audio_ms / 1000) if audio_ms else 0.0,
        "marks_per_char": marks / characters if characters else 0.0,
        "sentences": len(texts),
    }


def measure_cli() -> dict[str, Any] | None:
    """The espeak-ng command line as a peer: one process per sentence."""
    program = shutil.which("espeak-ng")
    if program is None:
        return None
    texts = _texts()[:10]
    first_byte: list[float] = []
    total: list[float] = []
    for text in texts:
        begin = time.perf_counter()
        process = subprocess.Popen(
            [program, "-v", "cmn-latn-pinyin", "--stdout", text], stdout=subprocess.PIPE
        )
        assert process.stdout is not None
        process.stdout.read(44 + 2)  # the WAV header, then the first sample
        first_byte.append((time.perf_counter() - begin) * 1000)
        process.stdout.read()
        process.wait()
        total.append((time.perf_counter() - begin) * 1000)
    version = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    return {
        "engine": "espeak-ng CLI",
        "version": version.split("  ")[0].strip(),
        "first_byte_ms": statistics.median(first_byte),
        "sentence_ms": statistics.median(total),
    }


def _portal_text() -> str:
    """500 characters of portal prose: the seed article's body, else the welcome article."""
    for path in sorted(SEED.glob("*.txt")) if SEED.is_dir() else []:
        raw = path.read_text(encoding="utf-8")
        marker = raw.find("产业链上")
        body = raw[marker:] if marker >= 0 else raw
        return "".join(c for c in body if not c.isspace())[:500]
    return "".join("".join(_texts()).split())[:500]


def measure_mandarin() -> dict[str, Any]:
    """English-rule readings per Mandarin voice, before and after the engine's repairs."""
    from accessible_reader.speech.espeak import MANDARIN_CANDIDATES, EspeakEngine

    engine = EspeakEngine()
    library = engine._library()
    text = _portal_text()
    all_cjk = [chr(code) for code in range(0x4E00, 0x9FA6)]
    result: dict[str, Any] = {"version": library.info.version, "chars": len(text), "voices": {}}
    for voice in MANDARIN_CANDIDATES:
        library.select_voice(voice)
        english_in_text = sum(1 for c in text if "(en)" in library.phonemes(c))
        english_runs = library.phonemes(text).count("(en)")
        broken = [c for c in all_cjk if "(en)" in library.phonemes(c)]
        repairs = engine._repairs
        assert repairs is not None
        left = [c for c in broken if repairs.replacement(voice, c) is None]
        result["voices"][voice] = {
            "english_chars_in_text": english_in_text,
            "english_runs_in_text": english_runs,
            "english_cjk": len(broken),
            "examples": "".join(broken[:12]),
            "left_after_repair": len(left),
        }
    result["chosen"] = engine.mandarin_voice()
    return result


RATE_TABLE = (
    ("慢", 0.6),
    ("较慢", 0.8),
    ("正常", 1.0),
    ("较快", 1.3),
    ("快", 1.6),
    ("2.0×", 2.0),
    ("2.5×", 2.5),
    ("2.6×", 2.6),
    ("3.0×", 3.0),
    ("3.5×", 3.5),
    ("4.0×", 4.0),
)


def _speech_seconds(pcm: bytes, sample_rate: int) -> float:
    """Seconds from the first to the last 10 ms window louder than silence."""
    import array

    samples = array.array("h")
    samples.frombytes(pcm)
    window = sample_rate // 100
    loud = [
        i
        for i in range(0, len(samples) - window, window)
        if max(abs(v) for v in samples[i : i + window]) > 600
    ]
    return (loud[-1] + window - loud[0]) / sample_rate if loud else 0.0


def measure_rates() -> dict[str, Any]:
    """Syllables a second per rate step: the rate scale, and eSpeak's own rate before."""
    import re

    from accessible_reader.speech import espeak
    from accessible_reader.speech.engine import NORMAL_SYLLABLES_PER_SECOND

    han = re.compile("[\u3007\u4e00-\u9fff]")
    texts = [t for t in _texts() if not re.search("[A-Za-z]", t)]
    syllables = sum(len(han.findall(t)) for t in texts)
    engine = espeak.EspeakEngine()
    engine.warm_up()
    scale = espeak.rate_plan

    def old_plan(rate: float) -> tuple[int, float]:
        return round(175 * min(rate, 3.0)), 1.0

    rows = []
    for label, rate in RATE_TABLE:
        row: dict[str, Any] = {"label": label, "rate": rate}
        for name, plan in (("now", scale), ("before", old_plan)):
            espeak.rate_plan = plan  # type: ignore[assignment]
            seconds = 0.0
            for text in texts:
                clip = engine.synthesize(text, None, rate, 1.0)
                seconds += _speech_seconds(clip.pcm, clip.sample_rate)
            row[name] = syllables / seconds if seconds else 0.0
        espeak.rate_plan = scale
        row["target"] = NORMAL_SYLLABLES_PER_SECOND * rate
        row["wpm"], row["stretch"] = scale(rate)
        rows.append(row)
    return {"syllables": syllables, "sentences": len(texts), "rows": rows}


def _print_rates() -> None:
    result = _child(["--rates"])
    print()
    if "error" in result:
        print(f"Rate table: unavailable ({result['error']})")
        return
    print(
        f"Rate table: syllables a second from WAVs of the welcome article "
        f"({result['sentences']} sentences, {result['syllables']} syllables)"
    )
    header = (
        f"{'step':<8}{'rate':>6}{'target':>8}{'now':>8}{'before':>8}{'now/before':>12}"
        f"{'eSpeak wpm':>12}{'stretch':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in result["rows"]:
        print(
            f"{row['label']:<8}{row['rate']:>6.1f}{row['target']:>8.2f}{row['now']:>8.2f}"
            f"{row['before']:>8.2f}{row['now'] / row['before']:>11.2f}×"
            f"{row['wpm']:>12}{row['stretch']:>9.2f}"
        )
    print(
        "now = the rate scale (eSpeak at the calibrated words a minute, WSOLA time-stretch"
        " above 440);\nbefore = eSpeak's own rate, 175 words a minute × rate (capped at 3×,"
        " its own speed-up above 450)."
    )


def _child(args: list[str], library: str | None = None) -> Any:
    env = dict(os.environ)
    if library:
        env["READER_ESPEAK_LIBRARY"] = library
    result = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        return {"error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(lines[-1])


def _print_report() -> None:
    engines = [_child(["--engine", name]) for name in ("espeak", "pyttsx3", "silent")]
    print("Speech engines (welcome article, rate 1.0; times in ms)")
    header = (
        f"{'engine':<16}{'start':>8}{'1st cold':>10}{'1st warm':>10}{'next 9':>8}"
        f"{'熊猫 …':>8}{'× real time':>13}{'marks/s':>9}{'marks/char':>12}"
    )
    print(header)
    print("-" * (len(header) + 2))
    for row in engines:
        name = row.get("engine", "?")
        if "error" in row:
            print(f"{name:<16}unavailable: {row['error']}")
            continue
        print(
            f"{name:<16}{row['start_ms']:>8.1f}{row['first_cold_ms']:>10.1f}"
            f"{row['first_again_ms']:>10.1f}{row['next_median_ms']:>8.1f}"
            f"{row['repaired_first_ms']:>10.1f}{row['realtime']:>13.0f}"
            f"{row['marks_per_s']:>9.2f}{row['marks_per_char']:>12.2f}"
        )
    print(
        "start = engine created and Mandarin voice loaded; 1st cold = first sentence right"
        " after;\n1st warm = the same again; next 9 = median of sentences 2-10; 熊猫 … = a"
        " sentence with\ncharacters the espeak engine repairs. First-clip times are the"
        " synthesis part of key-to-sound."
    )
    cli = measure_cli()
    if cli is not None:
        print(
            f"{'espeak-ng CLI':<16}{'':>8}{cli['first_byte_ms']:>10.1f}{cli['sentence_ms']:>10.1f}"
            f"   (a process per sentence: first sample / whole sentence; {cli['version']})"
        )
    print(
        f"{'NVDA + eSpeak NG':<16}{'':>8}{NVDA_KEY_TO_SOUND_MS:>10}{'':>10}"
        "   (key to sound, including the audio sink; measured elsewhere)"
    )
    print(f"Goal: first audio within {GOAL_MS} ms of the key press (synthesis + sink).")
    espeak: dict[str, Any] = next((row for row in engines if row.get("engine") == "espeak"), {})
    if "audio_s" in espeak:
        print(
            f"espeak: {espeak['sentences']} sentences, {espeak['audio_s']:.1f} s of audio, "
            f"voice {espeak['voice']}"
        )
    _print_rates()
    libraries: list[tuple[str, str | None]] = [("wheel", None)]
    system = ctypes.util.find_library("espeak-ng")
    if system:
        libraries.append(("system", system))
    for label, library in libraries:
        mandarin = _child(["--mandarin"], library)
        print()
        if "error" in mandarin:
            print(f"Mandarin voices ({label} library): unavailable ({mandarin['error']})")
            continue
        print(
            f"eSpeak NG {mandarin['version']} ({label} library): characters read through"
            " English rules"
        )
        header = (
            f"{'voice':<22}{'in ' + str(mandarin['chars']) + ' chars':>14}"
            f"{'(en) runs':>11}{'of 20902 CJK':>14}{'after repair':>14}  examples"
        )
        print(header)
        print("-" * len(header))
        for voice, row in mandarin["voices"].items():
            print(
                f"{voice:<22}{row['english_chars_in_text']:>14}{row['english_runs_in_text']:>11}"
                f"{row['english_cjk']:>14}{row['left_after_repair']:>14}  {row['examples']}"
            )
        print(f"Default Mandarin voice chosen by the engine's probe: {mandarin['chosen']}")


def main() -> int:
    """Print the report, or (as a child) one engine's figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--mandarin", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rates", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.engine:
        print(json.dumps(measure_engine(args.engine), ensure_ascii=False))
    elif args.mandarin:
        print(json.dumps(measure_mandarin(), ensure_ascii=False))
    elif args.rates:
        print(json.dumps(measure_rates(), ensure_ascii=False))
    else:
        _print_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
