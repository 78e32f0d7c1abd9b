"""accessible_reader.speech is the Qt-free core of read-aloud: it must never import Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import accessible_reader.speech


def test_speech_sources_do_not_mention_qt_modules() -> None:
    folder = Path(accessible_reader.speech.__file__).parent
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import PySide6" not in source and "from PySide6" not in source, path
        assert "shiboken6" not in source, path


def test_importing_and_using_the_speech_core_loads_no_qt() -> None:
    names = [
        f"accessible_reader.speech.{info.name}"
        for info in pkgutil.iter_modules(accessible_reader.speech.__path__)
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "from accessible_reader.speech.narrator import Narrator, ClockPlayer, ManualClock\n"
        "from accessible_reader.speech.silent import SilentEngine\n"
        "from accessible_reader.speech.utterances import plain_utterances\n"
        "clock = ManualClock(); player = ClockPlayer(clock)\n"
        "n = Narrator(SilentEngine(), player, clock)\n"
        "player.on_finished = n.on_clip_finished\n"
        "n.set_utterances(plain_utterances([(0, 0, '你好。')]))\n"
        "n.play(); clock.run_until_idle()\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
