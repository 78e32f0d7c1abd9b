"""What the window's collaborators may ask of it, one member a protocol (Qt-free part).

Each collaborator declares the host it needs as a `typing.Protocol` composed of these
parts (and of accessible_reader/ui/host_parts.py's, which name Qt types), so every
member is declared once, with one signature, and a collaborator names exactly what it
uses: a fake in a test needs nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from accessible_reader.config import Settings
    from accessible_reader.i18n import Interface


class HasSettings(Protocol):
    @property
    def settings(self) -> Settings:
        """The settings in use (read; changed only through `replace_settings`)."""
        ...


class ReplacesSettings(Protocol):
    def replace_settings(self, settings: Settings) -> None:
        """Use `settings` from now on: validated, saved, what changed redrawn."""
        ...


class HasInterface(Protocol):
    @property
    def ui(self) -> Interface:
        """Interface text (msgids in 简体中文) in the chosen language."""
        ...


class IsKiosk(Protocol):
    @property
    def kiosk(self) -> bool:
        """A public terminal: no file dialogs, no deleting, nothing outside the reader."""
        ...


class Announces(Protocol):
    def announce(self, text: str, script: str | None = None) -> None:
        """An action's result: status bar, screen reader and/or our voice (操作提示);
        in `script` (a 简/繁 variant about to be switched to) when given."""
        ...


class ShowsStatus(Protocol):
    def status(self, text: str, interface: Callable[[str], str] | None = None) -> None:
        """A passing line on the status bar, in `interface`'s language if given."""
        ...


class ShowsNotices(Protocol):
    def show_notice(self, text: str) -> None:
        """A message in the window that stays until dismissed (read by screen readers)."""
        ...


class AddsNotices(Protocol):
    def add_notice(self, text: str) -> None:
        """A line below the notice on screen."""
        ...
