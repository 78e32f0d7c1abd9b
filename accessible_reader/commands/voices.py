"""`accessible-reader voices [--engine E]`: the voices an engine offers.

One line per voice: id, language, gender and name, tab-separated, with `*` before
the voice the reader would choose by default for Mandarin (and Cantonese for
zh-HK), so a user can pick an id for the `voice` setting or `speak --voice`.
"""

from __future__ import annotations

import argparse
import sys

from accessible_reader import i18n
from accessible_reader.speech.select import ENGINE_IDS, select_engine


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `voices`."""
    parser = subparsers.add_parser(
        "voices",
        help="列出语音引擎的可用语音 (list the voices of a speech engine)",
        description="列出语音引擎的可用语音；* 标出默认的普通话语音。",
    )
    parser.add_argument(
        "--engine",
        choices=list(ENGINE_IDS),
        default="auto",
        help="语音引擎 (speech engine); auto = eSpeak NG → pyttsx3 → 静音",
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        help="只列出此语言的语音，如 cmn、yue、en (only voices whose language starts with LANG)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the voices; 0 on success."""
    selection = select_engine(args.engine, strict=args.engine != "auto")
    engine = selection.engine
    try:
        if selection.notice is not None:
            print(selection.notice.text(i18n.current()), file=sys.stderr)
        defaults = {engine.default_voice("zh-Hans"), engine.default_voice("zh-HK")}
        wanted = (args.language or "").lower()
        print(f"# {engine.id}")
        for voice in engine.voices():
            if wanted and not voice.language.lower().startswith(wanted):
                continue
            star = "*" if voice.id in defaults else " "
            print(f"{star} {voice.id}\t{voice.language}\t{voice.gender or '-'}\t{voice.name}")
    finally:
        engine.close()
    return 0
