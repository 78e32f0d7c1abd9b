"""`accessible-reader speak [SOURCE]`: what the narrator would say, as text or audio.

`--print` writes each utterance's spoken text on its own line (after 简/繁
conversion, segmentation and normalisation), which is how the reading pipeline is
checked without a speaker; with `--pinyin` each line is followed by the tone-numbered
pinyin the voice will say (from accessible_reader.text.readings, the source the
captions use too). `--out FILE.wav` synthesises the whole article into one
WAV file, sentence by sentence, with progress on stderr. Without SOURCE the
bundled welcome article is used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from accessible_reader import i18n
from accessible_reader.config import VARIANTS
from accessible_reader.errors import UsageError
from accessible_reader.i18n import tr
from accessible_reader.speech.engine import RATE_MAX, RATE_MIN, VOLUME_MAX, Clip, Engine
from accessible_reader.speech.select import ENGINE_IDS, select_engine
from accessible_reader.speech.utterances import Utterance, build_utterances

if TYPE_CHECKING:
    from accessible_reader.article.model import Article


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `speak`."""
    parser = subparsers.add_parser(
        "speak",
        help=tr("朗读文章：打印朗读文本或导出 WAV"),
        description=tr(
            "按朗读的方式处理文章：--print 打印每句的朗读文本，--out 导出整篇 WAV 音频。"
        ),
    )
    parser.add_argument("source", nargs="?", help=tr("文章文件或网址；省略时用欢迎文章"))
    parser.add_argument(
        "--print", dest="print_text", action="store_true", help=tr("每行打印一句朗读文本")
    )
    parser.add_argument(
        "--pinyin",
        action="store_true",
        help=tr("在每句朗读文本下打印语音将读出的带调号拼音（含 --print）"),
    )
    parser.add_argument("--out", metavar="WAV", help=tr("把整篇文章朗读导出为 WAV 文件"))
    parser.add_argument("--engine", choices=list(ENGINE_IDS), default="auto", help=tr("语音引擎"))
    parser.add_argument("--voice", help=tr("语音 id（见 `accessible-reader voices`）"))
    parser.add_argument(
        "--rate",
        type=float,
        default=1.0,
        help=tr("语速，1.0 为正常，{low}–{high}", low=RATE_MIN, high=RATE_MAX),
    )
    parser.add_argument(
        "--volume", type=float, default=1.0, help=tr("音量，1.0 为正常，0–{high}", high=VOLUME_MAX)
    )
    parser.add_argument("--variant", choices=list(VARIANTS), help=tr("先转换为此文字（简/繁）"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print and/or export; 0 on success. Errors are ReaderErrors (exit 2)."""
    if args.pinyin:
        args.print_text = True
    if not args.print_text and not args.out:
        raise UsageError(
            "请指定 --print（打印朗读文本）或 --out 文件.wav（导出音频）。",
        )
    if not RATE_MIN <= args.rate <= RATE_MAX:
        raise UsageError(
            "语速 {rate} 超出范围 {RATE_MIN}–{RATE_MAX}。",
            rate=args.rate,
            RATE_MIN=RATE_MIN,
            RATE_MAX=RATE_MAX,
        )
    if not 0.0 <= args.volume <= VOLUME_MAX:
        raise UsageError(
            "音量 {volume} 超出范围 0–{VOLUME_MAX}。",
            volume=args.volume,
            VOLUME_MAX=VOLUME_MAX,
        )
    article = _load(args.source)
    if args.variant:
        from accessible_reader.text.convert import convert_article

        article = convert_article(article, args.variant)
    utterances = build_utterances(article)
    if args.print_text:
        tone_numbered = _pinyin_reader() if args.pinyin else None
        for utterance in utterances:
            print(utterance.spoken_text)
            if tone_numbered is not None:
                print("    " + tone_numbered(utterance.spoken_text))
    if args.out:
        _export(args, article, utterances)
    return 0


def _pinyin_reader() -> Callable[[str], str]:
    from accessible_reader.text.readings import tone_numbered

    return tone_numbered


def _load(source: str | None) -> Article:
    """The article at SOURCE (file or URL), or the welcome article."""
    from accessible_reader.article.load import load_article, load_welcome

    if source is None:
        article: Article = load_welcome()
        return article
    is_url = source.lower().startswith(("http://", "https://"))
    loaded: Article = load_article(source, allow_network=is_url)
    return loaded


def _export(args: argparse.Namespace, article: Article, utterances: list[Utterance]) -> None:
    from accessible_reader.speech.wav import write_wav

    selection = select_engine(args.engine, strict=args.engine != "auto")
    engine = selection.engine
    try:
        if selection.notice is not None:
            print(selection.notice.text(i18n.current()), file=sys.stderr)
        language = args.variant or article.language
        voice = args.voice or engine.default_voice(language)
        progress = _Progress(sys.stderr, len(utterances))
        summary = write_wav(
            args.out,
            _clips(engine, utterances, voice, args.rate, args.volume),
            total=len(utterances),
            progress=progress,
        )
        progress.done()
        seconds = summary.duration_ms / 1000
        print(
            i18n.tr(
                "已导出 {clips} 句，时长 {seconds} 秒：{path}（引擎 {engine}，语音 {voice}）",
                clips=summary.clips,
                seconds=f"{seconds:.1f}",
                path=str(summary.path),
                engine=engine.id,
                voice=voice or i18n.N_("默认"),
            ),
            file=sys.stderr,
        )
    finally:
        engine.close()


def _clips(
    engine: Engine, utterances: list[Utterance], voice: str | None, rate: float, volume: float
) -> Iterator[Clip]:
    """Each utterance synthesised in turn, so the export streams to disk."""
    for utterance in utterances:
        yield engine.synthesize(utterance.spoken_text, voice, rate, volume)


class _Progress:
    """A progress line on stderr: rewritten in place on a terminal, else every 10%."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self._stream = stream
        self._total = total
        self._tty = stream.isatty()
        self._last_percent = -10
        self._started = time.monotonic()

    def __call__(self, done: int, total: int | None) -> None:
        total = total or self._total or 1
        percent = done * 100 // total
        if self._tty:
            line = i18n.tr(
                "正在合成 {done}/{total} 句（{percent}%）", done=done, total=total, percent=percent
            )
            self._stream.write("\r" + line)
            self._stream.flush()
        elif percent >= self._last_percent + 10 or done == total:
            self._last_percent = percent
            line = i18n.tr(
                "正在合成 {done}/{total} 句（{percent}%）", done=done, total=total, percent=percent
            )
            self._stream.write(line + "\n")

    def done(self) -> None:
        if self._tty:
            elapsed = time.monotonic() - self._started
            line = i18n.tr("合成完成，用时 {seconds} 秒。", seconds=f"{elapsed:.1f}")
            self._stream.write(f"\r{line}{' ' * 10}\n")
