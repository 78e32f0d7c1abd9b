"""Which engine speaks: the one in the settings, else the next that works.

`auto` tries eSpeak NG (bundled, fast, word marks, our readings), then the platform's
voices through pyttsx3, then the silent engine. The system's better voices are chosen
by name: `speechd` (speech-dispatcher's modules on Linux: RHVoice, eSpeak NG…) and
`onecore` (Windows OneCore voices: Huihui, Yaoyao, Kangkang); when the chosen one
does not work, the app falls back along the same order, eSpeak NG first. The app
always gets an engine, so it opens even on a machine without speech; when it had to
fall back it gets a notice to say once, in Chinese, why reading aloud is silent or
uses another voice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from accessible_reader.errors import SpeechError, UsageError
from accessible_reader.i18n import ENUMERATION, N_, Joined, Message
from accessible_reader.speech.engine import Engine

ENGINE_IDS = ("auto", "espeak", "speechd", "onecore", "pyttsx3", "silent")
"""Values of the `engine` setting and of `--engine`."""

AUTO_ORDER = ("espeak", "pyttsx3", "silent")

ENGINE_NAMES = {
    "espeak": "eSpeak NG",
    "speechd": N_("语音调度器的系统语音"),
    "onecore": N_("微软系统语音"),
    "pyttsx3": N_("pyttsx3（系统语音）"),
    "silent": N_("静音引擎"),
}


def _make_espeak() -> Engine:
    from accessible_reader.speech.espeak import EspeakEngine

    return EspeakEngine()


def _make_speechd() -> Engine:
    from accessible_reader.speech.speechd import SpeechDispatcherEngine

    return SpeechDispatcherEngine()


def _make_onecore() -> Engine:
    from accessible_reader.speech.onecore import OneCoreEngine

    return OneCoreEngine()


def _make_pyttsx3() -> Engine:
    from accessible_reader.speech.pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine()


def _make_silent() -> Engine:
    from accessible_reader.speech.silent import SilentEngine

    return SilentEngine()


FACTORIES: Mapping[str, Callable[[], Engine]] = {
    "espeak": _make_espeak,
    "speechd": _make_speechd,
    "onecore": _make_onecore,
    "pyttsx3": _make_pyttsx3,
    "silent": _make_silent,
}


@dataclass(frozen=True)
class Selection:
    """The engine to use, and a notice for the user when it is not the one asked for."""

    engine: Engine
    notice: Message | None = None
    """Translated when shown (the interface language may change meanwhile)."""
    failures: tuple[tuple[str, str], ...] = ()
    """(engine id, reason) for every engine tried before this one."""


def open_engine(
    engine_id: str, factories: Mapping[str, Callable[[], Engine]] | None = None
) -> Engine:
    """Create one engine and check it can list voices; raises SpeechError if not."""
    factories = FACTORIES if factories is None else factories
    if engine_id not in factories:
        raise UsageError(
            "未知的语音引擎：{engine_id}（可选：{choices}）",
            engine_id=engine_id,
            choices=Joined(ENGINE_IDS, ENUMERATION),
        )
    engine = factories[engine_id]()
    try:
        if not engine.voices():
            raise SpeechError(
                "{engine} 没有可用的语音。",
                engine=ENGINE_NAMES.get(engine_id, engine_id),
            )
    except SpeechError:
        engine.close()
        raise
    except Exception as error:  # a broken driver must not stop the app
        engine.close()
        raise SpeechError(
            "{engine} 无法启动。",
            engine=ENGINE_NAMES.get(engine_id, engine_id),
            detail=repr(error),
        ) from error
    return engine


def select_engine(
    engine_id: str = "auto",
    *,
    strict: bool = False,
    factories: Mapping[str, Callable[[], Engine]] | None = None,
) -> Selection:
    """The engine for the `engine` setting, falling back along AUTO_ORDER.

    `strict` (the command line's --engine) raises SpeechError instead of falling
    back when the named engine does not work. An unknown id counts as "auto"
    unless strict.
    """
    if engine_id not in ENGINE_IDS:
        if strict:
            raise UsageError(
                "未知的语音引擎：{engine_id}（可选：{choices}）",
                engine_id=engine_id,
                choices=Joined(ENGINE_IDS, ENUMERATION),
            )
        engine_id = "auto"
    if engine_id != "auto":
        if strict:
            return Selection(open_engine(engine_id, factories))
        order = (engine_id, *(e for e in AUTO_ORDER if e != engine_id))
    else:
        order = AUTO_ORDER
    failures: list[tuple[str, str]] = []
    reasons: list[Message] = []
    for candidate in order:
        try:
            engine = open_engine(candidate, factories)
        except SpeechError as error:
            failures.append((candidate, error.user_message()))
            reasons.append(Message(error.message, **error.fields))
            continue
        return Selection(engine, _notice(candidate, failures, reasons), tuple(failures))
    raise SpeechError("没有可用的语音引擎。")


def _notice(got: str, failures: list[tuple[str, str]], reasons: list[Message]) -> Message | None:
    """The one-time message when the engine in use is not the one expected."""
    if not failures:
        return None
    if got == "silent":
        return Message(
            "没有找到可用的语音引擎，朗读时将没有声音，只移动高亮。原因：{reasons}",
            reasons=Joined(reasons),
        )
    return Message(
        "{failed} 不可用，已改用 {engine}。原因：{reasons}",
        failed=ENGINE_NAMES.get(failures[0][0], failures[0][0]),
        engine=ENGINE_NAMES.get(got, got),
        reasons=Joined(reasons),
    )
