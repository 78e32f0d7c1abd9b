"""The pyttsx3 engine: mark estimation, file completeness, and (when the platform
has it) real synthesis, each in a fresh interpreter because on Linux pyttsx3 and
the espeak engine share libespeak-ng and cannot both run in one process."""

from __future__ import annotations

import itertools
import json
import struct
import subprocess
import sys
import threading
import wave
from pathlib import Path
from typing import Any

import pytest

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip
from accessible_reader.speech.pyttsx3_engine import Pyttsx3Engine, _complete, estimate_marks


def test_marks_are_spread_over_the_voiced_part() -> None:
    voiced = struct.pack("<800h", *([3000, -3000] * 400))
    clip = Clip(bytes(1600) + voiced + bytes(1600), 8000)  # 100 ms, 100 ms, 100 ms
    text = "你好，世界。"
    marks = estimate_marks(text, clip)
    assert [text[m.offset] for m in marks] == ["你", "好", "世", "界"]
    assert marks[0].ms == 100
    assert all(a.ms < b.ms for a, b in itertools.pairwise(marks))
    assert marks[-1].ms < 200
    assert estimate_marks("。", clip) == ()


def test_a_wav_counts_as_complete_only_with_its_final_header(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(8000)
        stream.writeframes(bytes(400))
    assert _complete(path)
    data = path.read_bytes()
    path.write_bytes(data[:4] + b"\0\0\0\0" + data[8:])  # size not yet filled in
    assert not _complete(path)
    assert not _complete(tmp_path / "missing.wav")


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )


def test_real_synthesis_when_pyttsx3_works_here() -> None:
    script = (
        "from accessible_reader.errors import SpeechError\n"
        "from accessible_reader.speech.pyttsx3_engine import Pyttsx3Engine\n"
        "engine = Pyttsx3Engine()\n"
        "try:\n"
        "    voices = engine.voices()\n"
        "except SpeechError as error:\n"
        "    print('UNAVAILABLE', error.message_zh)\n"
        "    raise SystemExit(0)\n"
        "voice = engine.default_voice('zh-Hans')\n"
        "clips = [engine.synthesize(t, voice, 1.0, 1.0) for t in ('你好，世界。', '第二句。')]\n"
        "engine.close()\n"
        "import json\n"
        "sizes = [[c.duration_ms, len(c.marks)] for c in clips]\n"
        "print('RESULT', json.dumps([len(voices), sizes]))\n"
    )
    result = _run(script)
    assert result.returncode == 0, result.stderr
    if "UNAVAILABLE" in result.stdout:
        assert "pyttsx3" in result.stdout  # the Chinese message names the engine
        pytest.skip("pyttsx3 has no working driver on this machine")
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    count, clips = json.loads(line.split(" ", 1)[1])
    assert count > 0
    for duration, marks in clips:
        assert duration > 0
        assert marks >= 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="shared library only on Linux")
def test_pyttsx3_refuses_when_the_espeak_engine_owns_the_library() -> None:
    script = (
        "from accessible_reader.errors import SpeechError\n"
        "from accessible_reader.speech.espeak import EspeakEngine\n"
        "from accessible_reader.speech.pyttsx3_engine import Pyttsx3Engine\n"
        "try:\n"
        "    EspeakEngine().voices()\n"
        "except SpeechError:\n"
        "    print('NO-ESPEAK')\n"
        "    raise SystemExit(0)\n"
        "try:\n"
        "    Pyttsx3Engine().voices()\n"
        "except SpeechError as error:\n"
        "    print('REFUSED', error.message_zh)\n"
    )
    result = _run(script)
    assert result.returncode == 0, result.stderr
    if "NO-ESPEAK" in result.stdout:
        pytest.skip("eSpeak NG is not available")
    assert "REFUSED" in result.stdout


class _FlakyDriver:
    """A pyttsx3 engine whose first render writes a WAV with no audio, as the eSpeak
    driver does now and then on a loaded machine, and later renders a real one."""

    def __init__(self, worker: Any, empty_renders: int) -> None:
        self.worker, self.empty_renders, self.renders = worker, empty_renders, 0
        self.path = ""

    def setProperty(self, name: str, value: object) -> None:  # pyttsx3's names
        pass

    def save_to_file(self, text: str, path: str) -> None:
        self.path = path

    def runAndWait(self) -> None:
        print(f"Audio saved to {self.path}")  # as the real driver does, on stdout
        self.renders += 1
        voiced = struct.pack("<2h", 3000, -3000) * 400  # 100 ms at 8 kHz
        frames = b"" if self.renders <= self.empty_renders else voiced
        with wave.open(self.path, "wb") as stream:
            stream.setnchannels(1)
            stream.setsampwidth(2)
            stream.setframerate(8000)
            stream.writeframes(frames)
        self.worker.finished.set()


class _InlineWorker:
    def __init__(self, empty_renders: int) -> None:
        self.finished = threading.Event()
        self.driver = _FlakyDriver(self, empty_renders)

    def call(self, work: Any) -> Any:
        return work(self.driver)


def _engine_over(worker: _InlineWorker, folder: Path) -> Pyttsx3Engine:
    engine = Pyttsx3Engine()
    engine._worker, engine._folder = worker, folder  # type: ignore[assignment]
    return engine


def test_an_utterance_rendered_with_no_audio_is_rendered_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worker = _InlineWorker(empty_renders=1)
    clip = _engine_over(worker, tmp_path).synthesize("第二句。", None, 1.0, 1.0)
    assert worker.driver.renders == 2
    assert clip.duration_ms == 100 and len(clip.marks) >= 2
    assert capsys.readouterr().out == ""  # the driver's chatter stays off our stdout


def test_an_utterance_that_never_gets_audio_is_a_clear_error(tmp_path: Path) -> None:
    worker = _InlineWorker(empty_renders=10)
    with pytest.raises(SpeechError) as caught:
        _engine_over(worker, tmp_path).synthesize("第二句。", None, 1.0, 1.0)
    assert caught.value.message_zh == "pyttsx3 合成失败。"
    assert list(tmp_path.iterdir()) == []  # the empty file is not left behind
