"""What screen readers hear of the window's chrome, where Qt's own accessibles say
it wrong.

- Toolbars: Qt makes a QToolBar's accessible with the window title as a fixed name,
  taken when a screen reader first asks. After 界面语言 or 简/繁 changed, the rows kept
  their old name (Orca said 工具列 in a 简体 window), never the accessible name we
  give (无障碍工具条). Ours reads the accessible name, else the title, when asked.
- The page stack (文章 / 文章库): Qt calls a QStackedWidget a "layered pane", and Orca
  said "layered pane" each time the focus came back to the article. A plain unnamed
  pane is layout only: screen readers pass over it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QStackedWidget, QToolBar, QWidget

_installed = False

_MADE: dict[int, QAccessibleWidget] = {}
"""The interfaces made, kept alive on the Python side while Qt uses them (as the
document interfaces are); forgotten when their widget goes."""


class ToolbarAccessible(QAccessibleWidget):
    """Qt's toolbar accessible, with a live name."""

    def __init__(self, toolbar: QToolBar) -> None:
        super().__init__(toolbar, QAccessible.Role.ToolBar)
        self._toolbar = toolbar

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._toolbar.accessibleName() or self._toolbar.windowTitle()
        return super().text(kind)


def _made(obj: QWidget, interface: QAccessibleWidget) -> QAccessibleWidget:
    address = id(obj)
    _MADE[address] = interface
    obj.destroyed.connect(lambda: _MADE.pop(address, None))
    return interface


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if key == "QToolBar" and isinstance(obj, QToolBar):
        return _made(obj, ToolbarAccessible(obj))
    if key == "QStackedWidget" and isinstance(obj, QStackedWidget):
        return _made(obj, QAccessibleWidget(obj, QAccessible.Role.Pane))
    return None


def install() -> None:
    """Once per process, before any toolbar is asked for its accessible."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
