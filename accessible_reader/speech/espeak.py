"""eSpeak NG through ctypes: fast (hundreds of times real time), offline, with word marks.

The library comes from the espeakng-loader wheel (eSpeak NG 1.52 with its data),
else from the system (`libespeak-ng.so.1`, often 1.51). It is used in synchronous
mode: `espeak_Synth` returns when the whole utterance has gone through our callback,
which collects the PCM and the word events. The library keeps global state and is
not thread-safe, so every call goes through one process-wide lock, and it is
initialised once, lazily, on first use.

Measured facts this module relies on (see tests/speech/test_espeak.py):
- With espeakCHARS_UTF8, a word event's `text_position` is the 1-based index of a
  *code point* in the input (𠮷 counts as one), `length` counts code points, and
  `audio_position` is milliseconds into the synthesised audio.
- eSpeak NG 1.51's `cmn` voice reads much of a Chinese text through English rules;
  `cmn-latn-pinyin` does not. In 1.52 both voices read Chinese identically, but 84
  CJK characters whose reading ends in -iong (兄 胸 凶 穷 琼 熊 窘 炯…) and 兒 still
  come out as English spellings of their pinyin ("xiong two"). The Mandarin default
  is chosen by probing both voices at start-up; the broken characters are found by
  probing each character once and are spoken from their pinyin (via pypinyin) as
  Latin pinyin or, for -iong, as eSpeak phonemes built from the voice's own ones.

Two things are added on the way in and out. Words eSpeak would read otherwise than
the captions' reading source are given to it as phonemes (speech/voice_readings.py),
so voice and captions agree. The rate is a syllable rate (rate_plan): eSpeak's
words a minute come from a measured calibration, and past its clean range the PCM
is time-stretched (speech/stretch.py) and the marks scaled with it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import itertools
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import (
    NORMAL_SYLLABLES_PER_SECOND,
    SAMPLE_WIDTH,
    Clip,
    Mark,
    Voice,
    clamp_rate,
    clamp_volume,
    extend_marks,
    normalise_marks,
)
from accessible_reader.speech.stretch import stretch
from accessible_reader.speech.voice_readings import VoiceReadings

# speak_lib.h constants (API revision 12).
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PHONEMES = 0x100
_ENDPAUSE = 0x1000
_PARAM_RATE = 1
_PARAM_VOLUME = 2
_EE_OK = 0

CALIBRATION: tuple[tuple[int, float], ...] = (
    (80, 1.52),
    (105, 2.00),
    (140, 2.79),
    (175, 3.61),
    (200, 4.23),
    (225, 4.92),
    (250, 5.57),
    (280, 6.51),
    (320, 7.62),
    (350, 8.36),
    (400, 9.68),
    (440, 11.04),
)
"""(eSpeak words a minute, Mandarin syllables a second) with the cmn voice of eSpeak NG
1.52, measured by benchmarks/speech.py from the WAVs of the welcome article (speech
from first to last sound). Not linear: the rate scale interpolates in it."""

MAX_NATIVE_WPM = CALIBRATION[-1][0]
"""Top of eSpeak's clean range: above 450 wpm it switches speed-up method and slows
down; faster rates are synthesised here and time-stretched (speech/stretch.py)."""


def rate_plan(rate: float) -> tuple[int, float]:
    """(eSpeak words a minute, extra speed-up by time-stretching) for a rate.

    Rate 1.0 is broadcast pace, NORMAL_SYLLABLES_PER_SECOND; rate r is r times that.
    """
    target = NORMAL_SYLLABLES_PER_SECOND * clamp_rate(rate)
    top_wpm, top_sps = CALIBRATION[-1]
    if target >= top_sps:
        return top_wpm, target / top_sps
    for (low_wpm, low_sps), (high_wpm, high_sps) in itertools.pairwise(CALIBRATION):
        if target <= high_sps:
            share = (target - low_sps) / (high_sps - low_sps)
            return max(80, round(low_wpm + share * (high_wpm - low_wpm))), 1.0
    return top_wpm, 1.0  # pragma: no cover - the loop always returns

MANDARIN_CANDIDATES = ("sit/cmn", "sit/cmn-Latn-pinyin")
"""Mandarin voices probed at start-up; ties go to the first (it reads Latin as English)."""

CANTONESE = "sit/yue"

_PROBE_TEXT = "产业链上，两湖创新区依托产业基础，提前谋划未来产业，加快培育氢能与新型储能。"
"""Everyday portal prose used to compare the Mandarin voices."""

_TONE_PROBE = "yong"
_INITIAL_PROBES = {"j": "ji1", "q": "qi1", "x": "xi1"}


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),  # union of int / const char* / char[8]
    ]


class _VoiceStruct(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.POINTER(ctypes.c_ubyte)),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)

_LOCK = threading.RLock()
"""Every call into libespeak-ng, from any engine instance, holds this lock."""


@dataclass(frozen=True)
class LibraryInfo:
    """Which libespeak-ng is in use."""

    path: str
    data_path: str | None
    version: str
    bundled: bool


LIBRARY_ENV = "READER_ESPEAK_LIBRARY"
"""Path of a libespeak-ng to use instead of the wheel's (with its built-in data path)."""


def _locate_library() -> tuple[str, str | None, bool]:
    """(library path, data path or None for the built-in default, bundled?)."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return override, None, False
    try:
        import espeakng_loader

        path = str(espeakng_loader.get_library_path())
        data = str(espeakng_loader.get_data_path())
        if Path(path).exists():
            return path, data, True
    except (ImportError, RuntimeError, OSError):
        pass
    found = ctypes.util.find_library("espeak-ng")
    if found:
        return found, None, False
    raise SpeechError(
        "找不到 eSpeak NG 语音库。请安装 espeakng-loader（pip）或系统的 libespeak-ng1。",
    )


def c_path(
    path: str,
    *,
    windows: bool | None = None,
    ansi: str | None = None,
    short_name: Callable[[str], str] | None = None,
) -> bytes:
    """A path as libespeak-ng's C file calls (fopen, stat) take it.

    UTF-8 elsewhere. On Windows those calls read char* in the ANSI code page, so a folder
    such as C:\\Users\\张伟\\… (per-user installs live under the user's folder) is encoded
    in it (cp936 on a Chinese Windows); where that page cannot spell the path (a Chinese
    user name on an English Windows), the ASCII 8.3 short name is used instead.
    """
    windows = sys.platform == "win32" if windows is None else windows
    if not windows:
        return path.encode()
    try:
        return path.encode(ansi or "mbcs")
    except UnicodeEncodeError:
        short = (short_name or _short_path_name)(path)
        return short.encode("ascii", "replace")


def _short_path_name(path: str) -> str:
    """Windows' 8.3 name of an existing path (the path itself where 8.3 names are off)."""
    buffer = ctypes.create_unicode_buffer(32768)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    length = kernel32.GetShortPathNameW(path, buffer, len(buffer))
    return buffer.value if 0 < length < len(buffer) else path


class _Library:
    """The loaded, initialised library and what the synthesis callback collects."""

    def __init__(self) -> None:
        path, data_path, bundled = _locate_library()
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            raise SpeechError(
                "无法加载 eSpeak NG 语音库。",
                detail=str(error),
            ) from error
        self._declare(lib)
        self.lib = lib
        data = c_path(data_path) if data_path else None
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechError(
                "eSpeak NG 初始化失败（语音数据缺失？）。",
                detail=f"{path}, data {data_path}",
            )
        self.sample_rate: int = rate
        version = lib.espeak_Info(None)
        self.info = LibraryInfo(path, data_path, (version or b"?").decode(), bundled)
        self.pcm = bytearray()
        self.events: list[tuple[int, int, int]] = []
        self._callback = _SynthCallback(self._collect)  # kept alive: C holds the pointer
        lib.espeak_SetSynthCallback(self._callback)
        self.current_voice: str | None = None

    @staticmethod
    def _declare(lib: ctypes.CDLL) -> None:
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_VoiceStruct))
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p

    def _collect(
        self,
        wav: ctypes._Pointer[ctypes.c_short],
        samples: int,
        events: ctypes._Pointer[_Event],
    ) -> int:
        """Synthesis callback: append PCM and word events; 0 = carry on."""
        if samples > 0 and wav:
            self.pcm += ctypes.string_at(wav, samples * SAMPLE_WIDTH)
        if events:
            index = 0
            while True:
                event = events[index]
                if event.type == _EVENT_LIST_TERMINATED:
                    break
                if event.type == _EVENT_WORD:
                    self.events.append((event.text_position, event.length, event.audio_position))
                index += 1
        return 0

    def select_voice(self, voice: str) -> None:
        """Switch voice (loads its dictionary) unless it is already selected."""
        if voice == self.current_voice:
            return
        if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
            raise SpeechError(
                "找不到语音“{voice}”。",
                voice=voice,
            )
        self.current_voice = voice

    def phonemes(self, text: str) -> str:
        """eSpeak's phoneme mnemonics for `text` in the current voice."""
        buffer = ctypes.create_string_buffer(text.encode())
        pointer = ctypes.c_void_p(ctypes.addressof(buffer))
        parts: list[str] = []
        while pointer.value:
            result = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, 0)
            parts.append((result or b"").decode(errors="replace"))
        return " ".join(parts)

    def synth(self, text: str, flags: int) -> tuple[bytes, list[tuple[int, int, int]]]:
        """PCM and (1-based position, length, ms) word events for `text`."""
        data = text.encode() + b"\0"
        self.pcm = bytearray()
        self.events = []
        code = self.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, flags, None, None)
        if code != _EE_OK:
            raise SpeechError(
                "eSpeak NG 合成失败。", detail=f"code {code}"
            )
        return bytes(self.pcm), self.events

    def trace(self, text: str, flags: int) -> str:
        """The phoneme mnemonics eSpeak speaks for `text`, from its phoneme trace.

        The trace goes to a C stdio temporary file (the API takes a FILE*); POSIX only.
        """
        try:
            libc = ctypes.CDLL(None)
        except (OSError, TypeError) as error:
            raise SpeechError("此平台不支持音素跟踪。") from error
        libc.tmpfile.restype = ctypes.c_void_p
        for name in ("fflush", "rewind", "fclose"):
            getattr(libc, name).argtypes = [ctypes.c_void_p]
        libc.fread.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p]
        libc.fread.restype = ctypes.c_size_t
        self.lib.espeak_SetPhonemeTrace.argtypes = [ctypes.c_int, ctypes.c_void_p]
        handle = libc.tmpfile()
        if not handle:
            raise SpeechError("无法创建临时文件。")
        try:
            self.lib.espeak_SetPhonemeTrace(1, handle)
            try:
                self.synth(text, flags)
            finally:
                self.lib.espeak_SetPhonemeTrace(0, None)
            libc.fflush(handle)
            libc.rewind(handle)
            chunks: list[bytes] = []
            buffer = ctypes.create_string_buffer(65536)
            while True:
                count = libc.fread(buffer, 1, len(buffer), handle)
                if not count:
                    break
                chunks.append(buffer.raw[:count])
        finally:
            libc.fclose(handle)
        return b"".join(chunks).decode(errors="replace")

    def list_voices(self) -> list[Voice]:
        """Every voice file eSpeak knows, with its first language."""
        array = self.lib.espeak_ListVoices(None)
        voices: list[Voice] = []
        index = 0
        while array and array[index]:
            item = array[index].contents
            languages = _parse_languages(item.languages)
            identifier = (item.identifier or b"").decode(errors="replace")
            voices.append(
                Voice(
                    id=identifier,
                    name=(item.name or b"").decode(errors="replace"),
                    language=languages[0] if languages else "",
                    gender={1: "male", 2: "female"}.get(item.gender),
                )
            )
            index += 1
        return voices


def _parse_languages(pointer: ctypes._Pointer[ctypes.c_ubyte]) -> list[str]:
    """Decode eSpeak's "priority byte, name, NUL" list, which ends with an empty name."""
    languages: list[str] = []
    if not pointer:
        return languages
    index = 0
    while pointer[index] != 0:
        index += 1  # priority byte
        start = index
        while pointer[index] != 0:
            index += 1
        languages.append(bytes(pointer[start:index]).decode(errors="replace"))
        index += 1
    return languages


_library: _Library | None = None


def _shared_library() -> _Library:
    """The process-wide library, loaded on first use (call with _LOCK held)."""
    global _library
    if _library is None:
        _library = _Library()
    return _library


def library_loaded() -> bool:
    """Whether this process has loaded libespeak-ng through this module."""
    return _library is not None


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def _clean_phonemes(text: str) -> str:
    """Phoneme mnemonics without word/syllable separators and language switches."""
    for junk in ("_", "|", " ", "\n"):
        text = text.replace(junk, "")
    return text


PinyinReader = Callable[[str], "str | None"]


def _pypinyin_reading(char: str) -> str | None:
    """The character's most common reading, e.g. 熊 → "xiong2", or None."""
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return None
    readings = pinyin(char, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
    if not readings or not readings[0]:
        return None
    reading = str(readings[0][0])
    return reading if reading[-1:].isdigit() else None


class _Repairs:
    """Replacements for characters a Mandarin voice would read through English rules."""

    def __init__(self, library: _Library, reader: PinyinReader) -> None:
        self._library = library
        self._reader = reader
        self._cache: dict[tuple[str, str], str | None] = {}

    def replacement(self, voice: str, char: str) -> str | None:
        """What to give eSpeak instead of `char`, or None to keep it (lock held)."""
        key = (voice, char)
        if key not in self._cache:
            self._cache[key] = self._find(char)
        return self._cache[key]

    def _find(self, char: str) -> str | None:
        if "(en)" not in self._library.phonemes(char):
            return None
        reading = self._reader(char)
        if not reading:
            return None
        if "(en)" not in self._library.phonemes(reading):
            return reading
        # -iong: eSpeak's pinyin rules lack it; build ɕ/tɕ/tɕʰ + "yong" phonemes.
        initial, final, tone = reading[:1], reading[1:-1], reading[-1]
        if final != "iong" or initial not in _INITIAL_PROBES:
            return None
        consonant = _clean_phonemes(self._library.phonemes(_INITIAL_PROBES[initial]))
        body = _clean_phonemes(self._library.phonemes(f"{_TONE_PROBE}{tone}"))
        if "(" in consonant + body or "'" not in consonant:
            return None
        return f"[[{consonant.split(chr(39))[0]}{body}]]"


def align(original: str, rewritten: str) -> list[int]:
    """For each character of `rewritten`, the index in `original` it stands for.

    Unchanged stretches map one to one; a changed stretch maps proportionally onto
    the stretch it replaced (an insertion onto the character after it).
    """
    origin: list[int] = []
    last = max(len(original) - 1, 0)
    matcher = difflib.SequenceMatcher(None, original, rewritten, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            origin.extend(range(a1, a2))
        elif b2 > b1:
            span = a2 - a1
            for k in range(b2 - b1):
                origin.append(min(a1 + k * span // (b2 - b1), last) if span else min(a1, last))
    return origin


def _rewrite(
    text: str,
    words: list[tuple[int, int, str]],
    replace: Callable[[str], str | None],
) -> tuple[str, list[int], bool]:
    """Text for eSpeak, each of its code points' index in `text`, and phonemes used?

    `words` are (start, end, phoneme input) for words the voice must say from
    phonemes (see voice_readings); other CJK characters go through `replace`.
    """
    if "[[" in text or "]]" in text:
        return text, list(range(len(text))), False
    pieces: list[str] = []
    origin: list[int] = []
    phonemes = False
    spans = {start: (end, new) for start, end, new in words}
    index = 0
    while index < len(text):
        if index in spans:
            end, word = spans[index]
            if pieces and pieces[-1].endswith("]]"):
                word = " " + word  # eSpeak misreads "]][[" as one bracket pair
            pieces.append(word)
            width = end - index
            origin.extend(index + (k * width) // len(word) for k in range(len(word)))
            phonemes = True
            index = end
            continue
        char = text[index]
        new = replace(char) if _is_cjk(char) else None
        if new is None:
            pieces.append(char)
            origin.append(index)
            index += 1
            continue
        if not new.startswith("[["):
            # Latin pinyin: keep it apart from neighbouring Latin letters and digits.
            if pieces and pieces[-1][-1:].isascii() and pieces[-1][-1:].isalnum():
                new = " " + new
            if index + 1 < len(text) and text[index + 1].isascii() and text[index + 1].isalnum():
                new = new + " "
        else:
            phonemes = True
            if pieces and pieces[-1].endswith("]]"):
                new = " " + new
        pieces.append(new)
        origin.extend([index] * len(new))
        index += 1
    return "".join(pieces), origin, phonemes


class EspeakEngine:
    """The Engine protocol over libespeak-ng (see the module docstring)."""

    id = "espeak"

    def __init__(self, pinyin_reader: PinyinReader | None = None) -> None:
        self._reader = pinyin_reader or _pypinyin_reading
        self._repairs: _Repairs | None = None
        self._mandarin: str | None = None
        self._voices: list[Voice] | None = None
        self._readings: dict[str, VoiceReadings] = {}

    def _voice_readings(self, voice: str) -> VoiceReadings:
        """The reading check for a Mandarin voice (call with the lock held, voice selected)."""
        if voice not in self._readings:
            self._readings[voice] = VoiceReadings(self._library().phonemes)
        return self._readings[voice]

    def input_for(self, text: str, voice: str | None = None) -> str:
        """The exact text this engine gives eSpeak for `text` (phonemes where needed)."""
        chosen = voice or self.mandarin_voice()
        with _LOCK:
            library = self._library()
            library.select_voice(chosen)
            repairs = self._repairs
            if repairs is None or not _is_mandarin(chosen):
                return text
            return _rewrite(
                text,
                self._voice_readings(chosen).replacements(text),
                lambda char: repairs.replacement(chosen, char),
            )[0]

    def spoken_phonemes(self, text: str, voice: str | None = None) -> str:
        """The phonemes eSpeak actually synthesises for `text` (its phoneme trace), for
        checking that the voice says what the captions show."""
        spoken = self.input_for(text, voice)
        with _LOCK:
            return self._library().trace(spoken, _CHARS_UTF8 | _ENDPAUSE | _PHONEMES)

    def _library(self) -> _Library:
        """Load the library (lock held); refuse if pyttsx3 owns the shared copy."""
        if _library is None and "pyttsx3.drivers._espeak" in sys.modules:
            loaded = sys.modules["pyttsx3.drivers._espeak"]
            if getattr(loaded, "dll", None) is not None and sys.platform.startswith("linux"):
                # Same soname: a second initialisation would steal pyttsx3's callback.
                raise SpeechError(
                    "pyttsx3 已在使用 eSpeak NG，无法在同一进程中再启用 eSpeak 引擎。",
                )
        library = _shared_library()
        if self._repairs is None:
            self._repairs = _Repairs(library, self._reader)
        return library

    def info(self) -> LibraryInfo:
        """Which library and version are in use (loads it)."""
        with _LOCK:
            return self._library().info

    def voices(self) -> list[Voice]:
        """All eSpeak voices (about 130), Mandarin first."""
        with _LOCK:
            if self._voices is None:
                listed = self._library().list_voices()
                listed.sort(key=lambda v: (not v.language.startswith(("cmn", "zh", "yue")), v.id))
                self._voices = listed
            return list(self._voices)

    def mandarin_voice(self) -> str:
        """The Mandarin voice that reads the probe text with the fewest English words."""
        with _LOCK:
            if self._mandarin is None:
                library = self._library()
                scores: list[tuple[int, int, str]] = []
                for order, voice in enumerate(MANDARIN_CANDIDATES):
                    try:
                        library.select_voice(voice)
                    except SpeechError:
                        continue
                    english = library.phonemes(_PROBE_TEXT).count("(en)")
                    scores.append((english, order, voice))
                if not scores:
                    raise SpeechError(
                        "eSpeak NG 没有普通话语音。"
                    )
                self._mandarin = min(scores)[2]
            return self._mandarin

    def default_voice(self, language: str) -> str | None:
        """Cantonese for zh-HK when installed, otherwise the best Mandarin voice."""
        if language.lower() in ("zh-hk", "yue", "zh-yue") and any(
            v.id == CANTONESE for v in self.voices()
        ):
            return CANTONESE
        return self.mandarin_voice()

    def warm_up(self, voice: str | None = None) -> None:
        """Load the library, the voice's dictionary, pypinyin and our reading source now,
        so that no sentence later pays for them (pypinyin alone takes ~0.2 s)."""
        chosen = voice or self.mandarin_voice()
        with _LOCK:
            self._library().select_voice(chosen)
        if _is_mandarin(chosen):
            self._reader("熊")
            self.input_for("银行还款", chosen)  # the reading source and its word list

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """One utterance to PCM with word marks (holds the library lock throughout)."""
        chosen = voice or self.mandarin_voice()
        with _LOCK:
            library = self._library()
            library.select_voice(chosen)
            wpm, speed = rate_plan(rate)
            library.lib.espeak_SetParameter(_PARAM_RATE, wpm, 0)
            library.lib.espeak_SetParameter(_PARAM_VOLUME, round(100 * clamp_volume(volume)), 0)
            repairs = self._repairs
            if repairs is not None and _is_mandarin(chosen):
                spoken, origin, phonemes = _rewrite(
                    text,
                    self._voice_readings(chosen).replacements(text),
                    lambda char: repairs.replacement(chosen, char),
                )
            else:
                spoken, origin, phonemes = text, list(range(len(text))), False
            flags = _CHARS_UTF8 | _ENDPAUSE | (_PHONEMES if phonemes else 0)
            pcm, events = library.synth(spoken, flags) if text.strip() else (b"", [])
            sample_rate = library.sample_rate
        if speed != 1.0 and pcm:
            pcm = stretch(pcm, sample_rate, speed)
            events = [(position, size, round(ms / speed)) for position, size, ms in events]
        clip = Clip(pcm, sample_rate)
        raw = _marks_from_events(events, origin, len(text))
        marks = normalise_marks(raw, len(text), clip.duration_ms)
        return Clip(pcm, sample_rate, extend_marks(marks, text))

    def close(self) -> None:
        """Nothing per instance: the library stays loaded for the process (eSpeak
        cannot be initialised twice)."""


def _is_mandarin(voice: str) -> bool:
    name = voice.rsplit("/", 1)[-1].lower()
    return name.startswith(("cmn", "zh"))


def _marks_from_events(
    events: list[tuple[int, int, int]], origin: list[int], length: int
) -> list[Mark]:
    """Word events (1-based positions in the rewritten text) as marks in the original."""
    marks: list[Mark] = []
    if not origin:
        return marks
    for position, size, ms in events:
        first = position - 1
        if first < 0 or first >= len(origin):
            continue
        last = min(first + max(size, 1), len(origin)) - 1
        start = origin[first]
        end = min(origin[last] + 1, length)
        marks.append(Mark(start, max(end - start, 1), ms))
    return marks
