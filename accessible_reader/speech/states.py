"""What the narrator is doing; apart from it so the window can show it before loading it."""

from __future__ import annotations

from enum import Enum


class State(str, Enum):
    """What the narrator is doing, as the play/pause button shows it."""

    STOPPED = "stopped"
    PLAYING = "playing"
    """Speaking, or about to (waiting for the first clip of a sentence)."""
    PAUSED = "paused"
