"""Issue 12: what the user's own screen reader gets, checked through QAccessible."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface, QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QStyle,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.speech.states import State
from accessible_reader.ui.announcer import routing
from accessible_reader.ui.document_accessibility import PartInterface, TableGrid, document_for
from accessible_reader.ui.help_dialog import HelpDialog
from accessible_reader.ui.key_table import KeyRecorder, KeyTable
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.outline import Node
from accessible_reader.ui.screen_reader import (
    SPI_GETSCREENREADER,
    ScreenReaderDetector,
    orca_serves_this_session,
    windows_screen_reader,
)
from accessible_reader.ui.settings_dialog import SettingsDialog

from .conftest import SAMPLE
from .test_main_window import press

WindowFactory = Callable[..., ReaderWindow]
Name = QAccessible.Text.Name


def announcements(window: ReaderWindow) -> list[str]:
    """Every text the window sends to the accessibility API from now on."""
    said: list[str] = []
    window.a11y.announcer.announced.connect(said.append)
    return said


def native(key: str) -> str:
    """A key as users see it (Qt's translations may say 空格 for Space)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def button_name(window: ReaderWindow, action_id: str, kind: QAccessible.Text = Name) -> str:
    button = window.button_for(action_id)
    assert button is not None
    interface = QAccessible.queryAccessibleInterface(button)
    assert interface is not None
    return interface.text(kind)


def status_name(window: ReaderWindow) -> str:
    """The exposed status text, as a screen reader reads it."""
    interface = QAccessible.queryAccessibleInterface(window.a11y.status_text)
    assert interface is not None
    return interface.text(Name)


def walk(interface: QAccessibleInterface) -> list[QAccessibleInterface]:
    found = [interface]
    for index in range(interface.childCount()):
        child = interface.child(index)
        assert child is not None
        assert interface.indexOfChild(child) == index
        assert child.parent() is not None
        found.extend(walk(child))
    return found


# -- 1. every action result is announced, with its value -----------------------------


@pytest.mark.parametrize(
    ("key", "modifier", "expected"),
    [
        (Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier, "字号：大"),
        (Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier, "配色：白底黑字"),
        (Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier, "语速：较快"),
        (Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier, "繁體中文"),
        (Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier, "大鼠标：2倍"),
        (Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier, "声音：关"),
    ],
)
def test_a_key_is_announced_with_the_new_value_and_exposed_as_status(
    make_window: WindowFactory,
    qtbot: QtBot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
    expected: str,
) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    said = announcements(window)
    press(qtbot, window, key, modifier)
    assert said == [expected]
    assert status_name(window) == expected


def test_cycling_buttons_expose_their_current_value(make_window: WindowFactory) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    window.commands.cycle("scheme", 3)  # default → 黑底黄字
    assert button_name(window, "scheme-next") == "配色：黑底黄字"
    window.commands.cycle("rate")
    assert button_name(window, "rate") == "语速：较快"
    window.commands.cycle("cursor_scale")
    assert button_name(window, "big-cursor") == "大鼠标：2倍"


def test_toolbar_buttons_say_their_key(make_window: WindowFactory) -> None:
    window = make_window()
    description = button_name(window, "font-larger", QAccessible.Text.Description)
    assert description.endswith(f"快捷键：{native('Alt+Up')}")  # 上方向 with Qt's zh catalogue
    assert "现在：中" in description


def test_an_opened_article_names_its_title_once(make_window: WindowFactory) -> None:
    """Orca read the title four times on opening (window, view description, line)."""
    window = make_window()
    view = QAccessible.queryAccessibleInterface(window.view)
    assert view is not None
    assert SAMPLE.title in window.windowTitle()
    assert view.text(Name) == "文章正文"
    assert SAMPLE.title not in view.text(QAccessible.Text.Description)
    assert window.view.toPlainText().startswith(SAMPLE.title)


# -- 2. one voice at a time ---------------------------------------------------------


def test_routing_follows_the_setting_and_the_screen_reader() -> None:
    assert routing("auto", True) == routing("screen-reader", False)
    assert routing("auto", True).own_voice is False
    assert routing("auto", False).own_voice and routing("auto", False).screen_reader
    assert routing("own-voice", True).screen_reader is False
    assert routing("off", True) == routing("off", False)
    assert not routing("off", False).own_voice and not routing("off", False).screen_reader


@pytest.mark.parametrize(
    ("mode", "running", "spoken", "announced"),
    [
        ("auto", True, False, True),
        ("auto", False, True, True),
        ("screen-reader", False, False, True),
        ("own-voice", True, True, False),
        ("off", False, False, False),
    ],
)
def test_feedback_goes_to_one_voice(
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    running: bool,
    spoken: bool,
    announced: bool,
) -> None:
    window = make_window(Settings(feedback=mode))
    window.a11y.detector = ScreenReaderDetector(probe=lambda: running)
    voice: list[str] = []
    monkeypatch.setattr(window.speech, "say", voice.append)
    said = announcements(window)
    window.commands.toggle("text_only")
    assert voice == (["纯文本：开"] if spoken else [])
    assert said == (["纯文本：开"] if announced else [])
    assert status_name(window) == "纯文本：开"  # on screen (and exposed) in every mode


class FakeSystemParametersInfo:
    """Stands in for user32.SystemParametersInfoW: writes the flag, returns ok."""

    def __init__(self, flag: int, ok: int = 1, error: bool = False) -> None:
        self.flag, self.ok, self.error = flag, ok, error
        self.calls: list[int] = []

    def __call__(self, action: int, param: int, value: Any, winini: int) -> int:
        self.calls.append(action)
        if self.error:
            raise OSError("access denied")
        ctypes.cast(value, ctypes.POINTER(ctypes.c_int))[0] = self.flag
        return self.ok


def _process(proc: Path, pid: int, comm: str, environ: dict[str, str] | None) -> None:
    folder = proc / str(pid)
    folder.mkdir()
    (folder / "comm").write_text(comm + "\n")
    if environ is not None:  # else unreadable, like another user's
        (folder / "environ").write_bytes(
            b"\0".join(f"{k}={v}".encode() for k, v in environ.items()) + b"\0"
        )


def test_orca_on_our_session_counts_although_it_set_no_flag(tmp_path: Path) -> None:
    """Orca 43 started by hand (or by autostart) leaves ScreenReaderEnabled false."""
    ours = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "self").mkdir()
    _process(proc, 10, "bash", ours)
    _process(proc, 11, "orca", {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/tmp/other"})
    _process(proc, 12, "orca", None)
    assert orca_serves_this_session(proc, ours) is False  # other sessions' Orcas
    _process(proc, 13, "orca", {"HOME": "/home/a", "DBUS_SESSION_BUS_ADDRESS": "unix:"})
    assert orca_serves_this_session(proc, ours) is False
    _process(
        proc,
        14,
        "orca",
        {"DBUS_SESSION_BUS_ADDRESS": ours["DBUS_SESSION_BUS_ADDRESS"] + ",guid=ab12"},
    )
    assert orca_serves_this_session(proc, ours) is True  # the same bus, its guid added
    assert orca_serves_this_session(proc, {}) is False  # no session bus: cannot tell
    assert orca_serves_this_session(tmp_path / "absent", ours) is False


def test_windows_screen_reader_flag_is_read_carefully() -> None:
    running = FakeSystemParametersInfo(1)
    assert windows_screen_reader(running) is True
    assert running.calls == [SPI_GETSCREENREADER]
    assert windows_screen_reader(FakeSystemParametersInfo(0)) is False
    assert windows_screen_reader(FakeSystemParametersInfo(1, ok=0)) is None
    assert windows_screen_reader(FakeSystemParametersInfo(1, error=True)) is None


def test_detector_asks_again_only_after_a_moment() -> None:
    answers = iter([True, False])
    now = [100.0]
    detector = ScreenReaderDetector(probe=lambda: next(answers), clock=lambda: now[0])
    assert detector.active() and detector.active()
    now[0] += 1.5
    assert detector.active() is False

    def broken() -> bool:
        raise RuntimeError("bus gone")

    assert ScreenReaderDetector(probe=broken).active() is False


def test_deferring_detector_answers_a_stale_question_without_asking_the_bus() -> None:
    """A key press must not wait for a bus round trip before its announcement."""
    answers = iter([True, False])
    asked: list[int] = []
    now = [100.0]
    later: list[Callable[[], None]] = []

    def probe() -> bool:
        asked.append(1)
        return next(answers)

    detector = ScreenReaderDetector(probe=probe, clock=lambda: now[0], defer=later.append)
    assert detector.active() is True and len(asked) == 1  # the first answer is waited for
    now[0] += 1.5
    assert detector.active() is True  # stale, given at once
    assert detector.active() is True and len(later) == 1  # one refresh scheduled, not two
    assert len(asked) == 1
    later.pop()()  # the event loop's next turn
    assert len(asked) == 2 and detector.active() is False


def test_caret_follows_reading_and_a_user_move_pauses_under_a_screen_reader(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)  # next sentence
    qtbot.waitUntil(lambda: window.view.caret_position() not in (None, (-2, 0)), timeout=5000)
    highlighted = window.view.highlighted_range
    assert highlighted is not None and window.view.textCursor().position() == highlighted[0]
    assert window.speech.state is State.PLAYING  # our own caret move did not pause
    # The user moves the caret: their screen reader speaks, ours waits.
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.speech.state is State.PAUSED, timeout=5000)
    caret = window.view.caret_position()
    assert caret is not None
    # Space reads on from the caret.
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    narrator = window.speech.narrator
    assert narrator is not None and narrator.current_utterance is not None
    assert narrator.current_utterance.block == caret[0]


def test_the_caret_waits_while_the_focus_is_on_a_toolbar_button(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Each caret move is an AT-SPI event that Orca takes for the user's; moved while
    a button has the focus, Orca said "工具条" again before every button."""
    window = make_window(Settings(feedback="screen-reader"))
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    button = next(b for b in window.findChildren(QToolButton) if b.isVisible())
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    caret_before = window.view.textCursor().position()
    moves: list[int] = []
    window.view.cursorPositionChanged.connect(lambda: moves.append(1))
    window.qactions["next-sentence"].trigger()
    qtbot.waitUntil(
        lambda: (
            window.view.highlighted_range is not None
            and window.view.highlighted_range[0] > caret_before
        ),
        timeout=5000,
    )
    highlighted = window.view.highlighted_range
    assert highlighted is not None
    assert moves == [] and window.view.textCursor().position() == caret_before
    # Reading from the caret (and 指读, and H) start where reading aloud is.
    assert window.view.caret_position() == window.view.text_position(highlighted[0])
    assert window.speech.state is State.PLAYING
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    assert window.view.textCursor().position() == highlighted[0]
    assert window.speech.state is State.PLAYING  # the catch-up is not a user move


def test_reading_aloud_asks_again_whether_a_screen_reader_runs(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Orca started after us: the answer kept from start-up said "none", and the
    first caret move while reading let our voice read on over Orca's."""
    window = make_window(Settings(feedback="auto"))
    now = [0.0]
    asked: list[float] = []

    def probe() -> bool:
        asked.append(now[0])
        return now[0] > 0  # Orca starts once we are up

    window.a11y.detector = ScreenReaderDetector(
        probe=probe, clock=lambda: now[0], defer=lambda ask: ask()
    )
    assert window.screen_reader_in_charge() is False  # at start-up
    now[0] = 30.0
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    assert 30.0 in asked  # asked when reading began, not at the user's first move
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.speech.state is State.PAUSED, timeout=5000)


def test_without_a_screen_reader_caret_moves_do_not_pause(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(feedback="own-voice"))
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    assert window.speech.state is State.PLAYING


# -- 3. the article as a structured document ------------------------------------------


def test_the_article_is_a_document_of_headings_lists_tables_and_images(
    make_window: WindowFactory,
) -> None:
    window = make_window()
    view = QAccessible.queryAccessibleInterface(window.view)
    assert view is not None
    documents = [
        view.child(i)
        for i in range(view.childCount())
        if view.child(i).role() == QAccessible.Role.Document
    ]
    assert len(documents) == 1
    document = documents[0]
    assert document is document_for(window.view)
    assert document.text(Name) == SAMPLE.title
    parts = walk(document)
    headings = [
        (part.text(Name), part.attributesInterface().attributeValue(QAccessible.Attribute.Level))
        for part in parts
        if part.role() == QAccessible.Role.Heading
    ]
    assert headings == [(SAMPLE.title, 1), ("一、工作目标", 2)]
    roles = [part.role() for part in parts]
    for role in (QAccessible.Role.Paragraph, QAccessible.Role.Graphic, QAccessible.Role.Row):
        assert role in roles
    items = [p.text(Name) for p in parts if p.role() == QAccessible.Role.ListItem]
    assert items == ["放大字号", "高对比配色"]
    headers = [p.text(Name) for p in parts if p.role() == QAccessible.Role.ColumnHeader]
    cells = [p.text(Name) for p in parts if p.role() == QAccessible.Role.Cell]
    assert (headers, cells) == (["项目", "数量"], ["改造户数", "120户"])
    table = next(p for p in parts if p.role() == QAccessible.Role.Table)
    assert table.text(Name) == "表格，2行2列"
    image = next(p for p in parts if p.role() == QAccessible.Role.Graphic)
    assert image.text(Name) == "改造前后对比图"
    # Nothing a screen reader reads carries Qt's invisible markers.
    for part in parts:
        assert not re.search("[\ufdd0-\ufdef\ufffc\u2029]", part.text(Name))
        assert part.rect().isValid() or part.role() == QAccessible.Role.Row


def address(pointer: object) -> int:
    """A C++ interface handed back by interface_cast (VoidPtr, or None) as a number."""
    return int(pointer) if pointer is not None else 0  # type: ignore[call-overload]


def test_tables_hand_qt_the_table_interfaces_of_a_hidden_grid(
    make_window: WindowFactory,
) -> None:
    """PySide6 cannot implement QAccessibleTableInterface; the table part hands Qt the
    C++ one of a hidden QTableWidget with the same cells (AT-SPI queryTable() reads it:
    tests/e2e), and each cell part its grid cell's QAccessibleTableCellInterface."""
    window = make_window()
    document = document_for(window.view)
    assert document is not None
    parts = walk(document)
    table = next(p for p in parts if p.role() == QAccessible.Role.Table)
    pointer = table.interface_cast(QAccessible.InterfaceType.TableInterface)
    grid = window.view.viewport().findChild(TableGrid)
    assert isinstance(grid, TableGrid) and not grid.isVisible()
    qt_table = grid.accessible()
    assert qt_table is not None and address(pointer) != 0
    assert address(pointer) == address(
        qt_table.interface_cast(QAccessible.InterfaceType.TableInterface)
    )
    assert (grid.rowCount(), grid.columnCount()) == (1, 2)  # the header row: column headers
    grid_cells = [
        (qt_table.child(i).role(), qt_table.child(i).text(Name))
        for i in range(qt_table.childCount())
        if qt_table.child(i).role() in (QAccessible.Role.ColumnHeader, QAccessible.Role.Cell)
    ]
    assert grid_cells == [
        (QAccessible.Role.ColumnHeader, "项目"),
        (QAccessible.Role.ColumnHeader, "数量"),
        (QAccessible.Role.Cell, "改造户数"),
        (QAccessible.Role.Cell, "120户"),
    ]
    cells = [p for p in parts if p.role() in (QAccessible.Role.ColumnHeader, QAccessible.Role.Cell)]
    for part, (row, column) in zip(cells, ((0, 0), (0, 1), (1, 0), (1, 1)), strict=True):
        own = grid.cell(row, column)
        assert own is not None and own.text(Name) == part.text(Name)
        kind = QAccessible.InterfaceType.TableCellInterface
        if part.role() == QAccessible.Role.Cell:
            assert address(part.interface_cast(kind)) == address(own.interface_cast(kind)) != 0
        else:  # Qt's header cells have no cell interface (they are the headers)
            assert own.interface_cast(kind) is None and address(part.interface_cast(kind)) == 0
    # Anything else gets no table interface.
    heading = next(p for p in parts if p.role() == QAccessible.Role.Heading)
    assert address(heading.interface_cast(QAccessible.InterfaceType.TableInterface)) == 0
    # A new article: the old grids go, the new table gets its own.
    window.qactions["variant"].trigger()
    table = next(p for p in walk(document) if p.role() == QAccessible.Role.Table)
    assert isinstance(table, PartInterface)
    assert address(table.interface_cast(QAccessible.InterfaceType.TableInterface)) != 0
    fresh = document.grid(table.path)
    assert fresh is not None and fresh is not grid
    assert [fresh.item(0, c).text() for c in range(2)] == ["改造戶數", "120戶"]  # type: ignore[union-attr]


def test_a_table_without_header_or_with_short_rows_fills_its_grid(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)

    def row(index: int, *texts: str) -> Node:
        cells = tuple(Node("cell", t, 0, row=index, column=c) for c, t in enumerate(texts))
        return Node("row", "", 0, row=index, children=cells)

    table = Node("table", "表格，2行3列", 0, children=(row(0, "甲", "乙", "丙"), row(1, "丁")))
    grid = TableGrid(table, host)
    assert (grid.rowCount(), grid.columnCount()) == (2, 3)
    assert grid.horizontalHeader().isHidden()
    assert [grid.item(0, c).text() for c in range(3)] == ["甲", "乙", "丙"]  # type: ignore[union-attr]
    assert grid.item(1, 1) is None
    cell = grid.cell(1, 0)
    assert cell is not None and cell.text(Name) == "丁"
    assert grid.cell(1, 5) is None and grid.cell(7, 0) is None


def test_the_document_follows_the_script(make_window: WindowFactory) -> None:
    window = make_window()
    window.qactions["variant"].trigger()
    document = document_for(window.view)
    assert document is not None
    names = [part.text(Name) for part in walk(document)]
    assert "表格，2行2列" in names and "改造戶數" in names  # 繁 cells, in the 繁 interface


# -- 4. structural navigation --------------------------------------------------------


def test_structural_keys_move_the_caret_and_announce(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    said = announcements(window)
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "标题2：一、工作目标"
    assert window.view.caret_position() == (1, 0)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "表格，2行2列：项目"
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    press(qtbot, window, Qt.Key.Key_Down, modifiers)
    assert said[-1] == "项目：改造户数"
    press(qtbot, window, Qt.Key.Key_Right, modifiers)
    assert said[-1] == "数量：120户"
    press(qtbot, window, Qt.Key.Key_Right, modifiers)
    assert said[-1] == "已到表格边缘"
    # Alt+Shift+arrows too (Orca's table keys): desktops take Ctrl+Alt+arrows.
    orca_keys = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_Left, orca_keys)
    assert said[-1] == "项目：改造户数"
    press(qtbot, window, Qt.Key.Key_Up, orca_keys)
    assert said[-1] == "第1行第1列：项目"
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "图片：改造前后对比图"
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "没有下一个标题"
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    assert said[-1] == "标题2：一、工作目标"
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "列表，2项：放大字号"
    assert window.view.caret_position() == (3, 0)
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier)
    assert said[-1] == "没有下一个标题1"


def test_ctrl_down_moves_by_paragraph_without_reading_aloud(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    said = announcements(window)
    blocks = []
    for _ in range(12):
        press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        position = window.view.caret_position()
        assert position is not None
        blocks.append(position[0])
    assert blocks[:8] == [-1, 0, 1, 2, 3, 4, 5, 6]
    assert said[-1] == "已到最后一段"
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.view.caret_position() == (5, 0)
    assert window.speech.state is State.STOPPED


# -- 5. help, window title -----------------------------------------------------------


def test_help_is_read_line_by_line_with_a_caret(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    dialog = HelpDialog(window, window.qactions)
    qtbot.addWidget(dialog)
    flags = dialog.text.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    # Read-only text (Orca: "read only text", then the line), never a label.
    text_interface = QAccessible.queryAccessibleInterface(dialog.text)
    assert text_interface is not None
    assert text_interface.role() == QAccessible.Role.EditableText
    assert text_interface.state().readOnly
    lines = dialog.text.toPlainText().split("\n")
    space = native("Space")
    assert f"朗读：按键 {space}。连读：从光标处开始朗读；朗读时按一下暂停，再按一下继续" in lines
    assert any(line.startswith("下一个标题：按键 H") for line in lines)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.text.textCursor().blockNumber()
    QTest.keyClick(dialog.text, Qt.Key.Key_Down)
    assert dialog.text.textCursor().blockNumber() == before + 1


def test_window_title_names_the_article_once_in_the_current_script(
    make_window: WindowFactory,
) -> None:
    window = make_window()
    assert window.windowTitle() == f"{SAMPLE.title} — 无障碍阅读器"
    interface = QAccessible.queryAccessibleInterface(window)
    assert interface is not None and interface.text(Name) == window.windowTitle()
    window.qactions["variant"].trigger()
    assert window.windowTitle().endswith(" — 無障礙閱讀器")
    assert window.windowTitle().count("閱讀器") + window.windowTitle().count("阅读器") == 1
    # Qt appends the display name unless the title ends with it: it must match.
    assert QGuiApplication.applicationDisplayName() == "無障礙閱讀器"
    window.qactions["variant"].trigger()
    assert QGuiApplication.applicationDisplayName() == "无障碍阅读器"


# -- 6. the settings dialog ---------------------------------------------------------


def show_keys(qtbot: QtBot) -> tuple[SettingsDialog, KeyTable]:
    dialog = SettingsDialog(None, Settings(), voices=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    tabs.setCurrentIndex(1)  # the keys
    dialog.keys.setFocus()
    qtbot.waitUntil(dialog.keys.hasFocus)
    return dialog, dialog.keys


def go_to_row(table: KeyTable, action_id: str) -> None:
    row = table.action_ids().index(action_id)
    table.setCurrentIndex(table.model().index(row, 1))


def cell_name(table: KeyTable, action_id: str) -> str:
    """What a screen reader is told of the focused key cell."""
    go_to_row(table, action_id)
    interface = QAccessible.queryAccessibleInterface(table)
    assert interface is not None
    cell = interface.focusChild()
    assert cell is not None
    return cell.text(Name)


def when_recorder_opens(qtbot: QtBot, then: Callable[[KeyRecorder], None]) -> list[str]:
    """Polled: once the recorder is up, note its name and act on it."""
    seen: list[str] = []
    timer = QTimer()

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, KeyRecorder) and not seen:
            seen.append(dialog.accessibleName())
            timer.stop()
            then(dialog)

    timer.timeout.connect(act)
    timer.start(20)
    _TIMERS.append(timer)  # referenced until the test ends
    return seen


_TIMERS: list[QTimer] = []


def test_a_key_is_recorded_only_after_asking(qtbot: QtBot) -> None:
    dialog, table = show_keys(qtbot)
    go_to_row(table, "welcome")
    QTest.keyClick(table, Qt.Key.Key_Up)  # arrowing through: nothing recorded
    go_to_row(table, "welcome")
    assert table.key("welcome").isEmpty()
    assert cell_name(table, "welcome") == "欢迎文章：无"
    seen = when_recorder_opens(qtbot, lambda recorder: QTest.keyClick(recorder.edit, Qt.Key.Key_F7))
    with qtbot.waitSignal(table.recorded, timeout=5000):
        QTest.keyClick(table, Qt.Key.Key_Return)  # start recording
    assert seen == ["欢迎文章：请按下新的按键，Esc 取消"]
    assert table.key("welcome").toString() == "F7"
    assert cell_name(table, "welcome") == "欢迎文章：F7"
    assert dict(dialog.chosen_settings().shortcuts)["welcome"] == "F7"
    assert dialog.isVisible()  # Enter recorded; it did not press OK


def test_escape_cancels_recording_then_closes(qtbot: QtBot) -> None:
    dialog, table = show_keys(qtbot)
    assert cell_name(table, "play") == f"朗读：{native('Space')}"
    seen = when_recorder_opens(
        qtbot, lambda recorder: QTest.keyClick(recorder.edit, Qt.Key.Key_Escape)
    )
    QTest.keyClick(table, Qt.Key.Key_Return)  # returns when the recorder closes
    assert seen and dialog.isVisible()
    assert table.key("play").toString() == "Space"  # portable text
    QTest.keyClick(table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_delete_leaves_an_action_without_a_key(qtbot: QtBot) -> None:
    dialog, table = show_keys(qtbot)
    go_to_row(table, "help")
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert table.key("help").isEmpty()
    assert cell_name(table, "help") == "帮助：无"
    assert ("help", "") in dialog.chosen_settings().shortcuts


def test_no_developer_english_reaches_a_screen_reader(qtbot: QtBot) -> None:
    dialog, _cells = show_keys(qtbot)
    docs = [f.metadata["doc"] for f in fields(Settings)]
    said = [
        f"{widget.accessibleName()} {widget.accessibleDescription()}"
        for widget in dialog.findChildren(QWidget)
    ]
    for text in said:
        assert not any(doc in text for doc in docs), text
        # Key names (Space, Ctrl+O) and engine names are fine; English words are not.
        assert not re.search(r"[a-z]{3,} [a-z]{3,}", text), text
    assert all(f.metadata["doc"] for f in fields(Settings))


# -- 7. the library -----------------------------------------------------------------


def test_library_counts_are_announced_and_escape_returns(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Any
) -> None:
    from .test_library_window import write_page

    window = make_window(Settings(feedback="screen-reader"), library=True)
    assert window.open_source(str(write_page(tmp_path, "a.html", "政务服务中心延长周末服务时间")))
    said = announcements(window)
    window.show_library()
    assert said[-1] == "文章库：1 篇文章"
    page = window.library_view
    with qtbot.waitSignal(page.announcement, timeout=5000):
        page.search.setText("周末")  # as typed: each change searches
    assert said[-1] == "找到 1 篇文章"
    with qtbot.waitSignal(page.announcement, timeout=5000):
        page.search.setText("没有这个词")
    assert said[-1] == "没有找到包含“没有这个词”的文章。"
    assert page.sort_label.buddy() is page.sort and page.sort_label.text()
    for control in page.findChildren(QWidget):
        if isinstance(control, (QPushButton,)) or control in (page.search, page.list, page.sort):
            assert control.accessibleName(), control
    page.search.setFocus()
    QTest.keyClick(page.search, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.view
    assert isinstance(window.a11y.status_text, QLabel)


def test_status_text_is_one_label_in_the_status_bar(make_window: WindowFactory) -> None:
    window = make_window()
    window.status("已导出")
    assert window.statusBar().currentMessage() == "已导出"
    assert status_name(window) == "已导出"
    assert window.a11y.status_text.isVisibleTo(window)


def test_alt_released_after_a_shortcut_leaves_the_focus_in_the_article(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """The e2e run found Alt+F leaving the focus on the menu bar (so ↓ moved in a menu)."""
    window = make_window()
    bar = window.menuBar()
    hint = QStyle.StyleHint.SH_MenuBar_AltKeyNavigation
    assert bar.style().styleHint(hint, None, bar) == 0
    press(qtbot, window, Qt.Key.Key_Alt, Qt.KeyboardModifier.NoModifier)
    assert window.view.hasFocus() and not bar.hasFocus()


def test_the_screen_readers_stop_key_pauses_our_voice(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(feedback="screen-reader"))
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    QTest.keyPress(window.view, Qt.Key.Key_Control)
    QTest.keyRelease(window.view, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    assert speech_state(window) is State.PAUSED
    # Ctrl as part of a chord (Ctrl+↓) is not the stop key.
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=5000)
    # (QTest presses and releases Ctrl around the arrow, as a hand does.)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert speech_state(window) is State.PLAYING


def speech_state(window: ReaderWindow) -> State:
    """Read afresh (a function, so mypy does not narrow it between checks)."""
    return window.speech.state
