"""Windows code paths, run here: the folders platformdirs gives on Windows, the kiosk file's
place, and the SAPI5 voice choice through pyttsx3 (with SAPI5's own voice records).

platformdirs' Windows class runs unchanged on Linux when the shell folders come from its
WIN_PD_OVERRIDE_* variables, so the paths below are what a Windows user gets. The SAPI5
driver itself needs COM; the stand-in engine below answers pyttsx3's calls the way
pyttsx3/drivers/sapi5.py does (voice id = registry token, name = description, language from
the token's LCID: 804 → zh-CN, C04 → zh-HK, 404 → zh-TW), so the engine's real worker thread,
voice choice and file reading run.
"""

from __future__ import annotations

import locale
import struct
import threading
import wave
from collections.abc import Callable, Iterator
from pathlib import Path, PureWindowsPath
from typing import Any

import platformdirs
import pytest
from platformdirs.windows import Windows
from pyttsx3.voice import Voice as Pyttsx3Voice

from accessible_reader import config
from accessible_reader.kiosk import crashlog
from accessible_reader.kiosk.config import system_config_path
from accessible_reader.library import store
from accessible_reader.speech import espeak
from accessible_reader.speech.pyttsx3_engine import Pyttsx3Engine

LOCAL = r"C:\Users\张伟\AppData\Local"
PROGRAM_DATA = r"C:\ProgramData"


@pytest.fixture
def windows_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs answering as on Windows, for a user named 张伟."""
    monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", LOCAL)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\张伟\AppData\Roaming")
    monkeypatch.setenv("WIN_PD_OVERRIDE_COMMON_APPDATA", PROGRAM_DATA)
    for name in ("READER_CONFIG_DIR", "READER_DATA_DIR", "READER_KIOSK_CONFIG"):
        monkeypatch.delenv(name, raising=False)


def win(path: str | Path) -> PureWindowsPath:
    # platformdirs joins with os.path (here "/"); Windows takes either separator.
    return PureWindowsPath(str(path))


def test_settings_library_and_logs_share_one_folder_in_local_appdata(
    windows_dirs: None,
) -> None:
    folder = win(LOCAL) / "accessible-reader"
    assert win(config.default_path()) == folder / "settings.json"
    assert win(store.default_path()) == folder / "library.sqlite3"
    assert win(crashlog.default_log_dir()) == folder / "Logs"


def test_the_kiosk_file_on_windows_is_in_programdata(
    windows_dirs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    expected = PureWindowsPath(PROGRAM_DATA) / "accessible-reader" / "kiosk.toml"
    assert win(system_config_path("win32")) == expected  # asked from here
    monkeypatch.setattr(sys, "platform", "win32")
    assert win(system_config_path()) == expected  # platformdirs' answer on Windows


def test_the_documented_kiosk_paths_are_the_ones_used() -> None:
    root = Path(__file__).resolve().parents[2] / "packaging"
    notes = (root / "windows" / "kiosk-setup.txt").read_text(encoding="utf-8-sig")
    windows = win(system_config_path("win32"))
    assert str(windows) == r"C:\ProgramData\accessible-reader\kiosk.toml"
    assert str(windows) in notes
    example = (root / "kiosk.example.toml").read_text(encoding="utf-8")
    unwrapped = example.replace("\n# ", "")  # the comment wraps the long paths
    assert r"C:\ProgramData\accessible-reader\kiosk.toml" in unwrapped
    assert str(system_config_path("darwin")) in unwrapped


# --- SAPI5 voices through pyttsx3 ---------------------------------------------------------

DESKTOP = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"
ONECORE = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech_OneCore\\Voices\\Tokens\\"


def sapi_voice(token: str, description: str, lcid: str, gender: str) -> Pyttsx3Voice:
    """A voice as pyttsx3's SAPI5 driver builds it (_toVoice and lcid_to_locale)."""
    code = int(lcid, 16)
    locale_id = (((code >> 10) & 0x3FF) << 10) | (code & 0x3FF)
    language = locale.windows_locale[locale_id].replace("_", "-")
    return Pyttsx3Voice(id=token, name=description, languages=[language], gender=gender)


HUIHUI = sapi_voice(
    DESKTOP + "TTS_MS_ZH-CN_HUIHUI_11.0", "Microsoft Huihui Desktop - Chinese (Simplified)",
    "804", "Female",
)  # fmt: skip
DAVID = sapi_voice(
    DESKTOP + "TTS_MS_EN-US_DAVID_11.0", "Microsoft David Desktop - English (United States)",
    "409", "Male",
)  # fmt: skip
ZIRA = sapi_voice(
    DESKTOP + "TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)",
    "409", "Female",
)  # fmt: skip
KANGKANG = sapi_voice(
    ONECORE + "MSTTS_V110_zhCN_KangkangM", "Microsoft Kangkang - Chinese (Simplified, PRC)",
    "804", "Male",
)  # fmt: skip
YAOYAO = sapi_voice(
    ONECORE + "MSTTS_V110_zhCN_YaoyaoM", "Microsoft Yaoyao - Chinese (Simplified, PRC)",
    "804", "Female",
)  # fmt: skip
TRACY = sapi_voice(
    DESKTOP + "TTS_MS_ZH-HK_TRACY_11.0",
    "Microsoft Tracy Desktop - Chinese(Traditional, HongKong SAR)", "C04", "Female",
)  # fmt: skip
HANHAN = sapi_voice(
    DESKTOP + "TTS_MS_ZH-TW_HANHAN_11.0", "Microsoft Hanhan Desktop - Chinese (Taiwan)",
    "404", "Female",
)  # fmt: skip


class FakeSapiEngine:
    """pyttsx3.Engine over SAPI5, as far as Pyttsx3Engine uses it; writes a real WAV."""

    def __init__(self, voices: list[Pyttsx3Voice]) -> None:
        self.voices = voices
        self.properties: dict[str, Any] = {"rate": 200, "volume": 1.0, "voice": voices[0].id}
        self.callbacks: list[Callable[..., None]] = []
        self.pending: tuple[str, str] | None = None
        self.threads: set[int] = set()

    def connect(self, topic: str, callback: Callable[..., None]) -> None:
        assert topic == "finished-utterance"
        self.callbacks.append(callback)

    def getProperty(self, name: str) -> Any:
        self.threads.add(threading.get_ident())
        return list(self.voices) if name == "voices" else self.properties[name]

    def setProperty(self, name: str, value: Any) -> None:
        if name == "voice" and value not in {voice.id for voice in self.voices}:
            raise ValueError("unknown voice id", value)  # as SAPI5Driver._tokenFromId
        self.properties[name] = value

    def save_to_file(self, text: str, path: str) -> None:
        self.pending = (text, path)

    def runAndWait(self) -> None:
        assert self.pending is not None
        text, path = self.pending
        self.threads.add(threading.get_ident())
        seconds = 0.25 * len(text)  # four syllables a second
        with wave.open(path, "wb") as stream:  # SAPI5 writes 16-bit mono PCM
            stream.setnchannels(1)
            stream.setsampwidth(2)
            stream.setframerate(16000)
            frames = int(16000 * seconds)
            stream.writeframes(struct.pack(f"<{frames}h", *([4000, -4000] * (frames // 2))))
        for callback in self.callbacks:
            callback(name=None, completed=True)
        self.pending = None

    def stop(self) -> None:
        pass


@pytest.fixture
def sapi(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[list[Pyttsx3Voice]], Any]]:
    """An engine factory whose pyttsx3.init() returns a FakeSapiEngine with the voices."""
    import pyttsx3

    created: list[Pyttsx3Engine] = []
    monkeypatch.setattr(espeak, "library_loaded", lambda: False)

    def make(voices: list[Pyttsx3Voice]) -> tuple[Pyttsx3Engine, FakeSapiEngine]:
        fake = FakeSapiEngine(voices)
        monkeypatch.setattr(pyttsx3, "init", lambda *args, **kwargs: fake)
        engine = Pyttsx3Engine()
        created.append(engine)
        return engine, fake

    yield make
    for engine in created:
        engine.close()


def test_a_chinese_windows_reads_with_huihui(sapi: Any) -> None:
    engine, fake = sapi([DAVID, HUIHUI, ZIRA])
    assert engine.default_voice("zh-Hans") == HUIHUI.id
    voices = engine.voices()
    assert voices[0].id == HUIHUI.id  # Chinese first in the voice list
    assert voices[0].language == "zh-CN" and voices[0].gender == "female"
    clip = engine.synthesize("你好，世界。", HUIHUI.id, rate=1.5, volume=0.5)
    assert fake.properties["voice"] == HUIHUI.id
    assert fake.properties["rate"] == 300 and fake.properties["volume"] == 0.5
    assert clip.sample_rate == 16000 and 1400 <= clip.duration_ms <= 1600
    assert [m.offset for m in clip.marks] == [0, 1, 3, 4]  # one per character, none for "，"
    assert threading.get_ident() not in fake.threads  # every call on the worker thread


def test_windows_mandarin_voices_are_preferred_huihui_yaoyao_kangkang(sapi: Any) -> None:
    engine, _ = sapi([KANGKANG, YAOYAO, HUIHUI, ZIRA])
    assert engine.default_voice("zh-Hans") == HUIHUI.id
    engine, _ = sapi([KANGKANG, ZIRA, YAOYAO])
    assert engine.default_voice("zh-Hans") == YAOYAO.id
    engine, _ = sapi([ZIRA, KANGKANG])
    assert engine.default_voice("zh-Hant") == KANGKANG.id


def test_hong_kong_and_taiwan_articles_get_their_own_voices(sapi: Any) -> None:
    engine, _ = sapi([HUIHUI, TRACY, HANHAN, DAVID])
    assert engine.default_voice("zh-HK") == TRACY.id
    assert engine.default_voice("zh-TW") == HANHAN.id
    assert engine.default_voice("zh-Hans") == HUIHUI.id
    engine, _ = sapi([HUIHUI, DAVID])
    assert engine.default_voice("zh-HK") == HUIHUI.id  # Mandarin rather than English


def test_an_english_windows_keeps_the_system_voice(sapi: Any) -> None:
    engine, _ = sapi([DAVID, ZIRA])
    assert engine.default_voice("zh-Hans") is None
    assert [voice.language for voice in engine.voices()] == ["en-US", "en-US"]


def test_the_engine_does_not_refuse_on_windows_for_the_espeak_library(
    sapi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Linux pyttsx3 and the espeak engine share libespeak-ng; on Windows they do not.
    import sys

    monkeypatch.setattr(espeak, "library_loaded", lambda: True)
    monkeypatch.setattr(sys, "platform", "win32")
    engine, _ = sapi([HUIHUI])
    assert engine.default_voice("zh-Hans") == HUIHUI.id


# --- eSpeak NG's data folder under a Chinese user name -------------------------------------

ESPEAK_DATA = (
    r"C:\Users\张伟\AppData\Local\Programs\AccessibleReader\_internal\espeakng_loader"
    r"\espeak-ng-data"
)


def test_espeak_gets_utf8_paths_off_windows() -> None:
    from accessible_reader.speech.espeak import c_path

    home = "/home/张伟/espeak-ng-data"
    assert c_path(home, windows=False) == home.encode()


def test_a_chinese_windows_gets_the_path_in_its_ansi_code_page() -> None:
    from accessible_reader.speech.espeak import c_path

    encoded = c_path(ESPEAK_DATA, windows=True, ansi="cp936")
    assert encoded == ESPEAK_DATA.encode("gbk") and encoded.decode("cp936") == ESPEAK_DATA
    assert encoded != ESPEAK_DATA.encode()  # UTF-8 would name a folder that is not there


def test_an_english_windows_gets_the_short_name_where_the_code_page_cannot_spell_it() -> None:
    from accessible_reader.speech.espeak import c_path

    asked: list[str] = []

    short = r"C:\Users\5F20~1\AppData\Local\Programs\ACCESS~1\_internal\ESPEAK~1\ESPEAK~1"

    def short_name(path: str) -> str:
        asked.append(path)
        return short

    encoded = c_path(ESPEAK_DATA, windows=True, ansi="cp1252", short_name=short_name)
    assert asked == [ESPEAK_DATA]
    assert encoded == short.encode("ascii")
    ascii_only = r"C:\Program Files\AccessibleReader\_internal\espeakng_loader\espeak-ng-data"
    assert c_path(ascii_only, windows=True, ansi="cp1252", short_name=short_name) == (
        ascii_only.encode()
    )
    assert len(asked) == 1  # no short name needed for a path the code page spells


# --- Paths a Windows desktop hands over -------------------------------------------------------


def test_a_windows_file_address_names_the_file_with_its_chinese_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Explorer and browsers pass file:///C:/… addresses, percent-encoded in UTF-8; on Windows
    # urllib's url2pathname is nturl2path's, which is what the loader then uses.
    import nturl2path
    import urllib.request

    from accessible_reader.article import load

    opened: list[str] = []

    def read_file(path: Path, max_bytes: int = 0) -> bytes:
        opened.append(str(path))
        return b"<html><body><p>x</p></body></html>"

    monkeypatch.setattr(urllib.request, "url2pathname", nturl2path.url2pathname)
    monkeypatch.setattr(load, "read_file", read_file)
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: self)
    address = "file:///C:/Users/%E5%BC%A0%E4%BC%9F/Desktop/%E9%80%9A%E7%9F%A5%20(1).html"
    load.read_source(address)
    assert opened == [r"C:\Users\张伟\Desktop\通知 (1).html"]


@pytest.mark.parametrize(
    "source", [r"C:\Users\张伟\Desktop\通知.html", r"\\server\share\通知.mht", "D:/文章/a.htm"]
)
def test_windows_paths_are_files_not_addresses(source: str) -> None:
    from accessible_reader.article.load import is_url

    assert not is_url(source)  # never fetched, whatever the drive letter looks like
