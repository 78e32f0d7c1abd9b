"""PyInstaller run-time hook: give a windowed (no console) Windows program real streams.

Without a console, sys.stdout and sys.stderr are None: print() quietly does nothing, but
code that writes to a stream itself (sys.stdout.buffer in `convert`, a library's
sys.stderr.write) raises AttributeError. They are pointed at os.devnull instead; errors
users can meet are shown in the window anyway.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
