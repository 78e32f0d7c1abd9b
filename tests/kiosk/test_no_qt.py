"""accessible_reader.kiosk is the Qt-free core of kiosk mode: it must never import Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import accessible_reader.kiosk


def test_kiosk_sources_do_not_mention_qt_modules() -> None:
    folder = Path(accessible_reader.kiosk.__file__).parent
    for path in [*folder.glob("*.py"), folder.parent / "commands" / "kiosk.py"]:
        source = path.read_text(encoding="utf-8")
        assert "import PySide6" not in source and "from PySide6" not in source, path
        assert "shiboken6" not in source, path


def test_a_kiosk_cycle_runs_without_qt() -> None:
    names = [
        f"accessible_reader.kiosk.{info.name}"
        for info in pkgutil.iter_modules(accessible_reader.kiosk.__path__)
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {[*names, 'accessible_reader.commands.kiosk']!r}:\n"
        "    importlib.import_module(name)\n"
        "from accessible_reader.kiosk.idle import IdleMonitor\n"
        "from accessible_reader.speech.narrator import ManualClock\n"
        "clock = ManualClock(); resets = []\n"
        "m = IdleMonitor(clock, now_ms=lambda: clock.now, on_reset=lambda: resets.append(1))\n"
        "m.activity(); clock.advance(135_000); assert resets == [1]\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
