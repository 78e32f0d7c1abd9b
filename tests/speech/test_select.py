"""Engine choice with fallback."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from accessible_reader.errors import SpeechError, UsageError
from accessible_reader.i18n import Interface
from accessible_reader.speech.engine import Engine
from accessible_reader.speech.select import select_engine
from accessible_reader.speech.silent import SilentEngine


class Named(SilentEngine):
    def __init__(self, name: str) -> None:
        self.id = name  # type: ignore[misc]


def broken(name: str) -> Callable[[], Engine]:
    def make() -> Engine:
        raise SpeechError("{name} 坏了。", name=name)

    return make


def working(name: str) -> Callable[[], Engine]:
    return lambda: Named(name)


def test_auto_prefers_espeak() -> None:
    factories = {"espeak": working("espeak"), "pyttsx3": working("pyttsx3"), "silent": SilentEngine}
    selection = select_engine("auto", factories=factories)
    assert selection.engine.id == "espeak"
    assert selection.notice is None


def test_auto_falls_back_to_pyttsx3_with_a_notice() -> None:
    factories = {"espeak": broken("espeak"), "pyttsx3": working("pyttsx3"), "silent": SilentEngine}
    selection = select_engine("auto", factories=factories)
    assert selection.engine.id == "pyttsx3"
    assert selection.notice is not None and "espeak 坏了" in str(selection.notice)
    assert [engine for engine, _ in selection.failures] == ["espeak"]


def test_no_real_engine_gives_silent_and_says_why() -> None:
    factories = {"espeak": broken("espeak"), "pyttsx3": broken("pyttsx3"), "silent": SilentEngine}
    selection = select_engine("auto", factories=factories)
    assert selection.engine.id == "silent"
    assert selection.notice is not None
    assert "没有声音" in str(selection.notice)
    english = selection.notice.text(Interface("en"))
    # our words in English; the reasons are the (test's) engines' own
    assert english.startswith("No speech engine works: reading aloud will be silent")
    assert "espeak 坏了" in english and not re.search(r"[\u3400-\u9fff]", english[:80])


def test_a_chosen_engine_that_fails_falls_back_unless_strict() -> None:
    factories = {"espeak": working("espeak"), "pyttsx3": broken("pyttsx3"), "silent": SilentEngine}
    selection = select_engine("pyttsx3", factories=factories)
    assert selection.engine.id == "espeak"
    assert selection.notice is not None
    with pytest.raises(SpeechError):
        select_engine("pyttsx3", strict=True, factories=factories)


def test_engine_without_voices_counts_as_broken() -> None:
    class Mute(SilentEngine):
        def voices(self) -> list:  # type: ignore[type-arg]
            return []

    factories = {"espeak": Mute, "pyttsx3": broken("pyttsx3"), "silent": SilentEngine}
    assert select_engine(factories=factories).engine.id == "silent"


def test_unknown_engine_ids() -> None:
    assert select_engine("festival", factories={"espeak": SilentEngine}).engine.id == "silent"
    with pytest.raises(UsageError):
        select_engine("festival", strict=True)


def test_the_real_auto_selection_always_gives_an_engine() -> None:
    selection = select_engine("auto")
    assert selection.engine.voices()
    selection.engine.close()


def test_the_settings_offer_every_engine_and_only_those() -> None:
    from accessible_reader.config import ENGINES, Settings
    from accessible_reader.speech.select import ENGINE_IDS, FACTORIES

    assert set(ENGINES) == set(ENGINE_IDS) == {"auto", *FACTORIES}
    assert Settings(engine="speechd").validated().engine == "speechd"
    assert Settings(engine="onecore").validated().engine == "onecore"


def test_a_chosen_system_engine_that_fails_falls_back_to_espeak() -> None:
    factories = {
        "espeak": working("espeak"),
        "speechd": broken("speechd"),
        "onecore": broken("onecore"),
        "pyttsx3": working("pyttsx3"),
        "silent": SilentEngine,
    }
    for chosen in ("speechd", "onecore"):
        selection = select_engine(chosen, factories=factories)
        assert selection.engine.id == "espeak"
        assert selection.notice is not None and "坏了" in str(selection.notice)


def test_speechd_is_chosen_with_the_real_module_when_installed() -> None:
    from accessible_reader.speech.speechd import find_modules

    if not any(module.name == "espeak-ng" for module in find_modules()):
        pytest.skip("speech-dispatcher-espeak-ng is not installed (tools/system-deps.sh)")
    selection = select_engine("speechd", strict=True)
    try:
        assert selection.engine.id == "speechd"
        voice = selection.engine.default_voice("zh-Hans")
        assert voice is not None and voice.startswith("espeak-ng/")
    finally:
        selection.engine.close()
