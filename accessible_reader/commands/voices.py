"""`accessible-reader voices [--engine E]`: the voices an engine offers.

A first line naming the engine, then one line per voice: id, language, gender and
name, tab-separated, with `*` before the voice the reader would choose by default
for Mandarin (and Cantonese for zh-HK), so a user can pick an id for the `voice`
setting or `speak --voice`. Ids and language tags are the engine's; the rest is in
the interface language (READER_LANG).
"""

from __future__ import annotations

import argparse
import sys

from accessible_reader import i18n
from accessible_reader.errors import SpeechError
from accessible_reader.i18n import N_, tr
from accessible_reader.speech.select import ENGINE_IDS, ENGINE_NAMES, select_engine


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `voices`."""
    parser = subparsers.add_parser(
        "voices",
        help=tr("列出语音引擎的可用语音"),
        description=tr("列出语音引擎的可用语音；* 标出默认的普通话语音。"),
    )
    parser.add_argument(
        "--engine",
        choices=list(ENGINE_IDS),
        default="auto",
        help=tr("语音引擎；auto = eSpeak NG → pyttsx3 → 静音"),
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        help=tr("只列出此语言的语音，如 cmn、yue、en"),
    )
    parser.set_defaults(run=run)


GENDERS = {"male": N_("男声"), "female": N_("女声")}
"""Engines' gender words, shown in the interface language."""


def run(args: argparse.Namespace) -> int:
    """Print the voices; 0 on success. A strict engine that does not start, or a
    language no voice has, is an error (stderr, exit code 2)."""
    selection = select_engine(args.engine, strict=args.engine != "auto")
    engine = selection.engine
    try:
        if selection.notice is not None:
            print(selection.notice.text(i18n.current()), file=sys.stderr)
        defaults = {engine.default_voice("zh-Hans"), engine.default_voice("zh-HK")}
        wanted = (args.language or "").lower()
        voices = [v for v in engine.voices() if v.language.lower().startswith(wanted)]
        if not voices:
            raise SpeechError(
                "{engine} 没有语言为 {language} 的语音。",
                engine=ENGINE_NAMES.get(engine.id, engine.id),
                language=args.language,
            )
        name = ENGINE_NAMES.get(engine.id, engine.id)
        print(tr("# 语音引擎 {engine}（{name}）", engine=engine.id, name=name))
        for voice in voices:
            star = "*" if voice.id in defaults else " "
            gender = tr(GENDERS[voice.gender]) if voice.gender in GENDERS else "-"
            shown = tr(voice.name)  # the silent voice's name is a msgid
            print(f"{star} {voice.id}\t{voice.language}\t{gender}\t{shown}")
    finally:
        engine.close()
    return 0

