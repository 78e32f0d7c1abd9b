"""Voices installed for speech-dispatcher (RHVoice, eSpeak NG, Voxin…), through its modules.

speech-dispatcher is the server Orca uses; the voices live in its *output modules*
(`sd_espeak-ng`, `sd_rhvoice`, …), programs the server starts and talks to over
stdin/stdout with its module protocol. The client protocol (SSIP) only makes the
server play sound itself: it never hands audio back, so it cannot give the narrator
a Clip (our player, the highlight from the playback clock, instant stop, the rate
scale, WAV export all need the PCM). So this engine starts the modules itself, with
the same configuration files the server gives them, and asks for what the server
asks since 0.10: audio sent back ("AUDIO audio_output_method=server"), as 16-bit
PCM in `705` blocks, and index marks (`700`) where the module reports them, for the
SSML <mark/> we put before every word.

Module protocol, as the modules speak it (speech-dispatcher 0.11):
- INIT → "299 OK LOADED SUCCESSFULLY"; AUDIO + settings + "." → "203 OK AUDIO INITIALIZED";
- LIST VOICES → "200-name<TAB>language<TAB>variant" lines, "200 OK VOICE LIST SENT";
- SET + "key=value" lines + "." → "203 OK SETTINGS RECEIVED" (rate, pitch, volume
  −100…100; language; synthesis_voice);
- SPEAK + SSML lines + "." → "200 OK SPEAKING", then events: 701 BEGIN; audio as
  "705-bits=16", "705-num_channels=1", "705-sample_rate=N", "705-num_samples=N",
  "705-big_endian=0", "705-AUDIO" + NUL + the samples with "\\n" and "}" escaped
  as "}" + (byte ^ 0x20), then "\\n705 AUDIO"; "700-name" + "700 INDEX MARK";
  702 END (or 703 STOP);
- QUIT → "210 OK QUIT".
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import (
    Clip,
    Mark,
    Voice,
    clamp_rate,
    clamp_volume,
    extend_marks,
    normalise_marks,
)
from accessible_reader.speech.stretch import stretch

MODULES_ENV = "READER_SPEECHD_MODULES"
"""A folder of sd_* module programs to use instead of the system's (tests, odd installs)."""

MODULE_DIRS = (
    "/usr/lib/speech-dispatcher-modules",
    "/usr/libexec/speech-dispatcher-modules",
    "/usr/lib64/speech-dispatcher-modules",
    "/usr/local/lib/speech-dispatcher-modules",
    "/usr/local/libexec/speech-dispatcher-modules",
)
CONFIG_DIRS = (
    "~/.config/speech-dispatcher/modules",
    "/etc/speech-dispatcher/modules",
    "/usr/local/etc/speech-dispatcher/modules",
)
"""Where the server finds each module's configuration, the user's own first."""
SERVER_CONFIGS = (
    "~/.config/speech-dispatcher/speechd.conf",
    "/etc/speech-dispatcher/speechd.conf",
)
SKIPPED_MODULES = frozenset({"dummy"})
"""Modules that cannot speak (sd_dummy plays a recorded notice)."""

NATIVE_RATE_MAX = 2.0
"""Our rate at the module's fastest (speech-dispatcher rate +100, about 2.5× normal for
eSpeak NG); faster rates are time-stretched. Rate 1.0 is the module's normal speed."""

TIMEOUT_S = 20.0
"""Longest silence from a module before it counts as hung."""

MANDARIN_TAGS = ("cmn", "zh", "zh-cn", "zh-hans", "zh_cn")
CANTONESE_TAGS = ("yue", "zh-hk", "zh-yue", "zh_hk")

_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+|[\U00020000-\U0003134f]")


@dataclass(frozen=True)
class ModuleInfo:
    """A module program and its configuration file."""

    name: str
    program: str
    config: str | None


def find_modules() -> list[ModuleInfo]:
    """The speech-dispatcher modules on this system, the user's default module first."""
    override = os.environ.get(MODULES_ENV)
    folders = [override] if override else list(MODULE_DIRS)
    found: dict[str, ModuleInfo] = {}
    for folder in folders:
        directory = Path(folder)
        if not directory.is_dir():
            continue
        for program in sorted(directory.glob("sd_*")):
            name = program.name[3:]
            if name in SKIPPED_MODULES or name in found or not os.access(program, os.X_OK):
                continue
            config = next(
                (
                    str(path)
                    for folder in CONFIG_DIRS
                    if (path := Path(folder).expanduser() / f"{name}.conf").is_file()
                ),
                None,
            )
            found[name] = ModuleInfo(name, str(program), config)
    default = default_module()
    return sorted(found.values(), key=lambda m: (m.name != default, m.name))


def default_module() -> str | None:
    """The server's DefaultModule setting (the user's file first), if any."""
    for candidate in SERVER_CONFIGS:
        path = Path(candidate).expanduser()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = re.search(r"^\s*DefaultModule\s+\"?([\w.-]+)\"?", text, re.MULTILINE)
        if match:
            return match.group(1)
    return None


def unescape_audio(data: bytes) -> bytes:
    """A 705-AUDIO payload back to raw bytes: "}" + (b ^ 0x20) stands for b."""
    if b"}" not in data:
        return data
    out = bytearray()
    index = 0
    while index < len(data):
        byte = data[index]
        if byte == 0x7D and index + 1 < len(data):
            out.append(data[index + 1] ^ 0x20)
            index += 2
        else:
            out.append(byte)
            index += 1
    return bytes(out)


def speech_rate(rate: float) -> tuple[int, float]:
    """(speech-dispatcher rate −100…100, extra time-stretch) for our rate."""
    rate = clamp_rate(rate)
    native = min(rate, NATIVE_RATE_MAX)
    if native >= 1.0:
        value = round(100 * (native - 1.0) / (NATIVE_RATE_MAX - 1.0))
    else:
        value = round(-100 * (1.0 - native) / 0.5)
    return max(-100, min(100, value)), rate / native


def ssml_with_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` as SSML with a <mark name="k"/> before each word; k indexes the word spans."""
    pieces = ["<speak>"]
    offsets: list[tuple[int, int]] = []
    position = 0
    for match in _WORD.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f'<mark name="{len(offsets)}"/>')
        offsets.append(match.span())
        pieces.append(escape(match.group()))
        position = match.end()
    pieces.append(escape(text[position:]))
    pieces.append("</speak>")
    # One line: the protocol ends a message at a line holding only ".".
    return "".join(pieces).replace("\r", " ").replace("\n", " "), offsets


class _Module:
    """One running module program (not thread-safe: the engine holds a lock)."""

    def __init__(self, info: ModuleInfo) -> None:
        self.info = info
        command = [info.program] + ([info.config] if info.config else [])
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SpeechError("无法启动语音模块 {name}。", name=info.name) from error
        self._buffer = b""
        self._expect(self._command("INIT\n"), "299", "INIT")
        self._expect(self._command("AUDIO\naudio_output_method=server\n.\n", 2), "203", "AUDIO")

    def voices(self) -> list[tuple[str, str, str]]:
        """(name, language, variant) of every voice the module lists."""
        lines = self._command("LIST VOICES\n")
        if not lines[-1].startswith("200"):
            return []
        result = []
        for line in lines[:-1]:
            fields = line[4:].split("\t")
            if line.startswith("200-") and len(fields) >= 2:
                result.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
        return result

    def speak(
        self, settings: dict[str, str], ssml: str
    ) -> tuple[bytes, int, list[tuple[str, int]]]:
        """PCM, its sample rate, and (mark name, sample index) for one SSML message."""
        body = "".join(f"{key}={value}\n" for key, value in settings.items())
        self._expect(self._command(f"SET\n{body}.\n", 2), "203", "SET")
        self._expect(self._command(f"SPEAK\n{ssml}\n.\n", 2), "200", "SPEAK")
        pcm = bytearray()
        marks: list[tuple[str, int]] = []
        sample_rate = 0
        audio: dict[str, str] = {}
        while True:
            raw = self._until(b"\n")
            if raw.startswith(b"705-AUDIO"):
                # The samples follow on the same line (a NUL, then escaped bytes).
                payload = unescape_audio(raw[len(b"705-AUDIO") :])
                data = payload[1:] if payload[:1] == b"\0" else payload
                if self._line() != "705 AUDIO":
                    raise SpeechError("语音模块送来的音频不完整。")
                if audio.get("bits") != "16" or audio.get("num_channels") != "1":
                    raise SpeechError("语音模块送来的音频格式不支持。", detail=str(audio))
                if audio.get("big_endian") == "1":
                    swapped = bytearray(data)
                    swapped[0::2], swapped[1::2] = data[1::2], data[0::2]
                    data = bytes(swapped)
                sample_rate = int(audio.get("sample_rate", "0"))
                pcm += data[: 2 * int(audio.get("num_samples", len(data) // 2))]
                audio = {}
                continue
            line = raw.decode("utf-8", errors="replace")
            if line.startswith("705-"):
                key, _, value = line[4:].partition("=")
                audio[key] = value
            elif line.startswith("700-"):
                marks.append((line[4:], len(pcm) // 2))
            elif line.startswith(("702", "703")):
                return bytes(pcm), sample_rate, marks
            elif line.startswith(("3", "4")):
                raise SpeechError("语音模块 {name} 出错。", name=self.info.name, detail=line)

    def close(self) -> None:
        try:
            if self._process.poll() is None and self._process.stdin:
                self._process.stdin.write(b"QUIT\n")
                self._process.stdin.flush()
                self._process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    # -- lines in and out

    def _command(self, text: str, finals: int = 1) -> list[str]:
        """Send `text`; return the reply lines up to the `finals`-th final "NNN " line
        (commands with data are answered on receipt and again when done), or up to
        the first error."""
        stdin = self._process.stdin
        if stdin is None:
            raise SpeechError("语音模块已关闭。")
        try:
            stdin.write(text.encode())
            stdin.flush()
        except OSError as error:
            raise SpeechError("语音模块 {name} 已退出。", name=self.info.name) from error
        lines: list[str] = []
        while True:
            line = self._line()
            lines.append(line)
            if len(line) > 3 and line[3] == " ":
                finals -= 1
                if finals <= 0 or line[:1] in ("3", "4"):
                    return lines

    def _expect(self, lines: list[str], code: str, what: str) -> None:
        if not lines or not lines[-1].startswith(code):
            raise SpeechError(
                "语音模块 {name} 无法使用。",
                name=self.info.name,
                detail=f"{what}: {lines[-1:]}",
            )

    def _line(self) -> str:
        return self._until(b"\n").decode("utf-8", errors="replace")

    def _until(self, end: bytes) -> bytes:
        """Bytes up to `end` (dropped), reading with a timeout."""
        deadline = time.monotonic() + TIMEOUT_S
        while end not in self._buffer:
            remaining = deadline - time.monotonic()
            stdout = self._process.stdout
            if remaining <= 0 or stdout is None:
                raise SpeechError("语音模块 {name} 没有响应。", name=self.info.name)
            ready, _, _ = select.select([stdout], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(stdout.fileno(), 65536)
            if not chunk:
                raise SpeechError("语音模块 {name} 意外退出。", name=self.info.name)
            self._buffer += chunk
        data, _, self._buffer = self._buffer.partition(end)
        return data


class SpeechDispatcherEngine:
    """The Engine protocol over speech-dispatcher's output modules (see the module doc)."""

    id = "speechd"

    def __init__(self, modules: list[ModuleInfo] | None = None) -> None:
        self._infos = modules
        self._modules: dict[str, _Module] = {}
        self._voices: list[Voice] | None = None
        self._lock = threading.RLock()

    def _all_infos(self) -> list[ModuleInfo]:
        if self._infos is None:
            if os.name != "posix":
                raise SpeechError("speech-dispatcher 只在 Linux 上可用。")
            self._infos = find_modules()
        return self._infos

    def _module(self, name: str) -> _Module:
        if name not in self._modules:
            info = next((m for m in self._all_infos() if m.name == name), None)
            if info is None:
                raise SpeechError("找不到语音模块 {name}。", name=name)
            self._modules[name] = _Module(info)
        return self._modules[name]

    def voices(self) -> list[Voice]:
        """Every voice of every module that starts, Chinese first; id "module/voice"."""
        with self._lock:
            if self._voices is None:
                voices: list[Voice] = []
                for info in self._all_infos():
                    try:
                        listed = self._module(info.name).voices()
                    except SpeechError:
                        self._drop(info.name)
                        continue
                    for name, language, variant in listed:
                        if variant not in ("", "none") and not _is_chinese(language):
                            continue  # eSpeak lists ~70 variants of every language
                        label = name if variant in ("", "none") else f"{name} [{variant}]"
                        voices.append(Voice(f"{info.name}/{name}", label, language))
                voices.sort(key=lambda v: not _is_chinese(v.language))
                self._voices = voices
            return list(self._voices)

    def default_voice(self, language: str) -> str | None:
        """A Cantonese voice for zh-HK when there is one, else the first Mandarin voice."""
        voices = self.voices()
        if language.lower() in CANTONESE_TAGS:
            cantonese = [v for v in voices if v.language.lower() in CANTONESE_TAGS]
            if cantonese:
                return cantonese[0].id
        mandarin = [v for v in voices if v.language.lower() in MANDARIN_TAGS]
        plain = [v for v in mandarin if not v.name.endswith("]")]  # no variant
        candidates = plain or mandarin or voices
        return candidates[0].id if candidates else None

    def warm_up(self, voice: str | None = None) -> None:
        """Start the voice's module now (a module takes 0.1–1 s to initialise)."""
        chosen = voice or self.default_voice("zh-Hans")
        if chosen:
            with self._lock:
                self._module(chosen.split("/", 1)[0])

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """One utterance through the voice's module: PCM, and marks where it reports them."""
        chosen = voice or self.default_voice("zh-Hans")
        if not chosen or "/" not in chosen:
            raise SpeechError("speech-dispatcher 没有可用的语音。")
        module_name, voice_name = chosen.split("/", 1)
        if not text.strip():
            return Clip(b"", 22050)
        language = next((v.language for v in self.voices() if v.id == chosen), "zh")
        value, speed = speech_rate(rate)
        settings = {
            "rate": str(value),
            "pitch": "0",
            "volume": str(round((min(clamp_volume(volume), 2.0) - 1.0) * 100)),
            "language": language,
            "synthesis_voice": voice_name,
            "punctuation_mode": "none",
        }
        ssml, offsets = ssml_with_marks(text)
        with self._lock:
            module = self._module(module_name)
            try:
                pcm, sample_rate, events = module.speak(settings, ssml)
            except SpeechError:
                self._drop(module_name)  # a hung or crashed module starts afresh next time
                raise
        if not sample_rate:
            raise SpeechError(
                "语音模块 {module_name} 没有送回音频（它可能自己播放声音）。",
                module_name=module_name,
            )
        if speed > 1.0 + 1e-3:
            pcm = stretch(pcm, sample_rate, speed)
        marks = list(_marks(events, offsets, sample_rate, speed))
        clip = Clip(pcm, sample_rate)
        cleaned = normalise_marks(marks, len(text), clip.duration_ms)
        return Clip(pcm, sample_rate, extend_marks(cleaned, text))

    def _drop(self, name: str) -> None:
        module = self._modules.pop(name, None)
        if module is not None:
            module.close()

    def close(self) -> None:
        """Quit every module this engine started."""
        with self._lock:
            for name in list(self._modules):
                self._drop(name)


def _marks(
    events: list[tuple[str, int]], spans: list[tuple[int, int]], sample_rate: int, speed: float
) -> Iterator[Mark]:
    """Index-mark events (mark name, sample) as Marks on the (stretched) audio."""
    for name, sample in events:
        if not name.isdigit() or int(name) >= len(spans):
            continue
        start, end = spans[int(name)]
        yield Mark(start, end - start, round(sample * 1000 / sample_rate / speed))


def _is_chinese(language: str) -> bool:
    return language.lower() in MANDARIN_TAGS + CANTONESE_TAGS
