"""Issue 13 as an elderly reader meets it: the window on its screen, dialogs that fit,
captions that are really big, a ruler that stays on its line, kiosk tiles, Ctrl+=."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accessible_reader.article.load import read_source
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import SCHEMES, UI_SIZES, Settings
from accessible_reader.kiosk.pin import PinGate, hash_pin
from accessible_reader.speech.engine import Clip
from accessible_reader.speech.narrator import (
    ClockPlayer,
    InlineRunner,
    ManualClock,
    Narrator,
    NarratorListener,
    TextRange,
)
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.speech.utterances import Utterance, build_text_utterances
from accessible_reader.ui import theme
from accessible_reader.ui.caption_panel import CaptionView, SpeechFollower
from accessible_reader.ui.help_dialog import HelpDialog
from accessible_reader.ui.kiosk_shell import PinDialog
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.notice_bar import NoticeBar
from accessible_reader.ui.settings_dialog import SettingsDialog
from accessible_reader.ui.window_geometry import GeometryKeeper, show_remembered

from .test_library_window import write_page

WindowFactory = Callable[..., ReaderWindow]
LONG = Article(
    title="关于做好老年人阅读服务的通知",
    blocks=tuple(
        Block(
            BlockKind.PARAGRAPH,
            f"第{n}段：为方便老年人阅读，全区政府网站提供大字版和读屏服务。" * 3,
        )
        for n in range(1, 60)
    ),
)


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def inside(widget: QWidget, outer: QRect) -> bool:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return outer.contains(QRect(top_left, widget.size()))


# -- 2. the window on its screen ------------------------------------------------------


def test_first_start_opens_maximised_within_the_screen(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    window.hide()
    show_remembered(window, ())
    qtbot.waitUntil(window.isMaximized)
    assert available().contains(window.geometry())


def test_size_place_and_maximised_are_remembered(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    GeometryKeeper(window, lambda saved: window.update_settings(window_geometry=saved))
    window.showNormal()
    window.setGeometry(40, 50, 600, 420)
    qtbot.waitUntil(lambda: window.geometry() == QRect(40, 50, 600, 420))
    window.close()
    saved = window.settings.window_geometry
    assert saved == (40, 50, 600, 420, 0)
    again = make_window()
    again.hide()
    show_remembered(again, saved)
    qtbot.waitUntil(lambda: again.geometry() == QRect(40, 50, 600, 420))
    assert not again.isMaximized()
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    GeometryKeeper(again, lambda geometry: again.update_settings(window_geometry=geometry))
    again.close()
    assert again.settings.window_geometry[4] == 1


def test_a_saved_window_larger_than_the_screen_is_brought_inside(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    window.hide()
    area = available()
    show_remembered(window, (-300, -200, area.width() + 900, area.height() + 700, 0))
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: area.contains(window.frameGeometry()))


# -- 3. dialogs fit the screen --------------------------------------------------------


@pytest.mark.parametrize("ui_size", UI_SIZES)
def test_the_settings_dialog_fits_with_its_buttons_visible(
    make_window: WindowFactory, qtbot: QtBot, ui_size: str
) -> None:
    window = make_window(Settings(ui_size=ui_size, font_preset="xlarge", zoom_percent=300))
    dialog = SettingsDialog(window, window.settings, voices=[])
    dialog.show()
    qtbot.waitExposed(dialog)
    area = available()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    for button in box.buttons():
        assert button.isVisible() and inside(
            button, QRect(dialog.mapToGlobal(QPoint()), dialog.size())
        )
    assert dialog.findChildren(QScrollArea), "the long form scrolls"
    label = dialog.findChild(QCheckBox)
    assert label is not None and label.font().pixelSize() == window.chrome_fit.chrome_px
    dialog.reject()


def test_help_and_pin_pad_fit_the_screen(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Settings(ui_size="xlarge"))
    area = available()
    help_dialog = HelpDialog(window, window.qactions)
    pad = PinDialog(window, PinGate(hash_pin("2468", iterations=1000)), window.ui)
    for dialog in (help_dialog, pad):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= area.width() and dialog.height() <= area.height()
        dialog.close()


def _indicator_pixels(box: QCheckBox, colour: str) -> int:
    """How many pixels of the check mark's square have `colour` (its drawn frame)."""
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab(rect).toImage()
    wanted = QColor(colour)
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) == wanted
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_check_marks_are_visible_in_every_scheme(
    make_window: WindowFactory, qtbot: QtBot, scheme: str
) -> None:
    window = make_window(Settings(scheme=scheme))
    dialog = SettingsDialog(window, window.settings, voices=[])
    dialog.show()
    qtbot.waitExposed(dialog)
    colours = window.scheme()
    unchecked = next(box for box in dialog.findChildren(QCheckBox) if not box.isChecked())
    checked = next(box for box in dialog.findChildren(QCheckBox) if box.isChecked())
    # The empty square has a frame in the text colour; the ticked one is filled with it.
    frame = _indicator_pixels(unchecked, colours.chrome_text)
    filled = _indicator_pixels(checked, colours.chrome_text)
    assert frame >= 40
    assert filled > frame * 1.5
    dialog.reject()


# -- 5. big captions --------------------------------------------------------------------


def test_captions_are_twice_the_body_size_and_never_smaller_than_it(qtbot: QtBot) -> None:
    view = CaptionView()
    qtbot.addWidget(view)
    view.set_style(theme.SCHEME_TABLE["default"], theme.body_pixels("medium", 100))
    assert view.fitted_px >= max(48, 2 * theme.FONT_PIXELS["medium"])
    body = theme.body_pixels("xlarge", 300)
    view.set_style(theme.SCHEME_TABLE["default"], body)
    assert view.fitted_px >= body
    view.set_style(theme.SCHEME_TABLE["default"], 20, "huge")
    assert view.fitted_px == theme.CAPTION_PIXELS["huge"]


def test_a_long_sentence_pages_instead_of_shrinking(qtbot: QtBot) -> None:
    view = CaptionView()
    qtbot.addWidget(view)
    view.resize(900, 160)
    view.set_style(theme.SCHEME_TABLE["default"], 20)
    view.show()
    size = view.fitted_px
    sentence = "".join(f"第{n}项：为方便老年人阅读，全区政府网站提供大字版。" for n in range(1, 5))
    view.set_sentence(sentence, None)
    assert view.fitted_px == size
    assert view.page_count > 1 and view.page == 0
    first = [cell.text for cell in view.placed()]
    with qtbot.waitSignal(view.page_changed, timeout=20000):
        pass  # the page turns by itself at a reading pace
    assert view.page == 1 and [cell.text for cell in view.placed()] != first
    for cell in view.placed():
        assert cell.box.top() >= 0 and cell.box.bottom() <= view.height()


def test_pinyin_is_large_centred_and_evenly_spaced(qtbot: QtBot) -> None:
    from accessible_reader.text.pinyin import pinyin_for

    view = CaptionView()
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.set_style(theme.SCHEME_TABLE["default"], 20)
    text = "长者阅读一点通"
    view.set_sentence(text, pinyin_for(text))
    cells = [cell for cell in view.placed() if cell.pinyin]
    assert len(cells) == len(text)
    assert view.pinyin_px >= 0.4 * view.fitted_px
    widths = {round(cell.box.width(), 3) for cell in cells}
    assert len(widths) == 1, "every character gets the same width"
    for cell in cells:
        assert cell.pinyin_box.center().x() == pytest.approx(cell.box.center().x())
        assert cell.pinyin_box.bottom() <= cell.box.top() + 0.5
    lefts = [cell.box.left() for cell in cells]
    gaps = {round(b - a, 3) for a, b in itertools.pairwise(lefts)}
    assert len(gaps) == 1


# -- 6. crosshair and ruler -------------------------------------------------------------


def _caret_at_block(window: ReaderWindow, block: int) -> None:
    assert window.view.move_caret_to(block, 0)


def test_the_ruler_stays_on_its_line_after_scrolling(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(reading_guide="ruler"))
    window.show_article(LONG)
    guide, view = window.view.guide, window.view
    _caret_at_block(window, 3)
    bar = view.verticalScrollBar()
    before = guide.band
    assert before is not None
    start = bar.value()
    bar.setValue(start + 150)
    moved = bar.value() - start
    assert moved > 0
    after = guide.band
    assert after is not None and after.top() == before.top() - moved
    assert guide.geometry() == view.viewport().rect()
    # While reading aloud the band is on the line being read, even after a scroll.
    assert view.highlight(20, 0, 4)
    spoken = guide.band
    bar.setValue(bar.value() - 40)
    line = QTextCursor(view.document())
    highlighted = view.highlighted_range
    assert highlighted is not None and spoken is not None
    line.setPosition(highlighted[0])
    band = guide.band
    assert band is not None and band.contains(view.cursorRect(line).center())
    assert guide.geometry() == view.viewport().rect()


def test_the_ruler_follows_a_new_layout(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Settings(reading_guide="ruler"))
    window.show_article(LONG)
    _caret_at_block(window, 2)
    window.commands.set("zoom_percent", 200)
    band = window.view.guide.band
    assert band is not None and band.contains(window.view.cursorRect().center())


def test_the_crosshair_covers_the_viewport_after_a_scroll(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(reading_guide="crosshair"))
    window.show_article(LONG)
    view = window.view
    QTest.mouseMove(view.viewport(), QPoint(200, 150))
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 300)
    assert view.guide.geometry() == view.viewport().rect()
    QTest.mouseMove(view.viewport(), QPoint(220, 160))
    image = view.viewport().grab().toImage()
    focus = QColor(window.scheme().focus)
    assert image.pixelColor(5, 160) == focus and image.pixelColor(220, 5) == focus


# -- 7. kiosk tiles ---------------------------------------------------------------------


@pytest.mark.parametrize("ui_size", UI_SIZES)
def test_kiosk_tiles_are_large_touch_targets(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, ui_size: str
) -> None:
    window = make_window(
        Settings(ui_size=ui_size, font_preset="large"), kiosk=True, library=True, persist=False
    )
    library = window.library
    assert library is not None
    for n in range(3):
        library.add_source(
            read_source(write_page(tmp_path, f"{n}.html", f"第{n}号：延长周末服务时间"))
        )
    window.show_library()
    page = window.library_view
    page.refresh()
    qtbot.waitUntil(lambda: page.list.count() == 3)
    assert page.list.font().pixelSize() >= 32
    for row in range(page.list.count()):
        rect = page.list.visualItemRect(page.list.item(row))
        assert rect.width() >= 60 and rect.height() >= 60
    for control in (page.search, page.sort, page.back):
        assert control.height() >= 60 and control.width() >= 60, control.objectName()
        assert control.font().pixelSize() >= min(32, window.chrome_fit.chrome_px)
    assert page.search.font().pixelSize() >= 32 and page.sort.font().pixelSize() >= 32


# -- 8. keys ----------------------------------------------------------------------------


def test_ctrl_equals_zooms_like_ctrl_plus(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom_percent == 110
    QTest.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom_percent == 120


def test_ctrl_equals_gives_way_to_a_custom_key(make_window: WindowFactory) -> None:
    window = make_window(Settings(shortcuts=(("zoom-in", "F7"),)))
    keys = [key.toString() for key in window.qactions["zoom-in"].shortcuts()]
    assert keys == ["F7"]


@pytest.mark.parametrize("ui_size", UI_SIZES)
def test_the_shortcut_table_never_clips_a_key(
    make_window: WindowFactory, qtbot: QtBot, ui_size: str
) -> None:
    window = make_window(replace(Settings(), ui_size=ui_size))
    dialog = SettingsDialog(window, window.settings, voices=[])
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.keys
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    tabs.setCurrentIndex(1)  # the keys
    qtbot.waitUntil(lambda: table.isVisible() and table.rowHeight(0) > 0)
    metrics = table.fontMetrics()
    model = table.model()
    for row in range(model.rowCount()):
        for column in range(2):
            text = str(model.index(row, column).data())
            assert table.rowHeight(row) >= metrics.height(), text
            assert table.columnWidth(column) >= metrics.horizontalAdvance(text), text
    dialog.reject()


def test_a_scrolled_page_is_shown_whole_where_the_screen_has_room(qtbot: QtBot) -> None:
    """At 特大 the settings page was wider than its dialog: the combo boxes' arrows
    were out of sight behind a sideways scroll bar, on a screen with room to spare."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout

    from accessible_reader.ui.dialog_fit import fit_dialog, largest

    dialog = QDialog()
    qtbot.addWidget(dialog)
    page = QWidget()
    page.setMinimumWidth(520)  # the labels and combo boxes at a large text size
    tabs = QTabWidget(dialog)
    tabs.addTab(page, "显示与朗读")
    QVBoxLayout(dialog).addWidget(tabs)
    fit_dialog(dialog, QSize(300, 300))
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.findChild(QScrollArea)
    assert area is not None
    assert largest(dialog).width() > 520  # the screen has the room
    bar = area.horizontalScrollBar()
    qtbot.waitUntil(lambda: area.viewport().width() >= 520 and not bar.isVisible())


def test_file_dialogs_open_large_enough_for_their_text(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = make_window(Settings(ui_size="xlarge"))
    dialog = QFileDialog(window, "打开文章", str(tmp_path), "网页 (*.html *.htm);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = available()
    assert dialog.width() >= area.width() * 0.7 and dialog.height() >= area.height() * 0.7
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    # The file type box names the types; a screen reader read the patterns out too.
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    assert types is not None
    assert [types.itemText(i) for i in range(types.count())] == ["网页", "所有文件"]
    dialog.close()


# -- 1. the chrome ----------------------------------------------------------------------


def test_zoom_and_font_size_leave_the_chrome_alone(make_window: WindowFactory) -> None:
    window = make_window(Settings(ui_size="large"))
    window.resize(1900, 1000)
    menu_px = window.menuBar().font().pixelSize()
    window.update_settings(font_preset="xlarge", zoom_percent=300)
    assert window.menuBar().font().pixelSize() == menu_px == theme.CHROME_PIXELS["large"]
    window.update_settings(ui_size="xlarge")
    assert window.menuBar().font().pixelSize() == theme.CHROME_PIXELS["xlarge"]


def test_narrow_windows_reflow_the_toolbar_and_keep_every_button_reachable(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QToolButton

    window = make_window(Settings(ui_size="xlarge"))
    window.resize(760, 1000)
    qtbot.waitUntil(lambda: len(window.toolbars) >= 3)
    seen = set()
    for toolbar in window.toolbars:
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            assert isinstance(button, QToolButton)
            qtbot.waitUntil(button.isVisible)
            assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus
            # Named by its label; cycling buttons add their value ("语速：正常", issue 12).
            name = action.property("accessibleName") or action.text()
            assert button.accessibleName() == name and name.startswith(action.text()[:2])
            assert button.mapTo(window, button.rect().bottomRight()).x() <= window.width()
            seen.add(action.objectName())
        assert not any(
            b.isVisible() for b in toolbar.findChildren(QToolButton, "qt_toolbar_ext_button")
        )
    from accessible_reader.ui.actions import ACTIONS

    assert seen == {f"action-{spec.id}" for spec in ACTIONS if spec.toolbar}
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: len({toolbar.y() for toolbar in window.toolbars}) <= 2)


def test_a_group_starts_beside_the_one_before_when_it_fits(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Desktop at 200 % on 1366×768 (683 px): the reading group's seven buttons leave
    room on their row, so the display group starts there — two rows, not three."""
    from PySide6.QtWidgets import QToolButton

    window = make_window(Settings())
    window.resize(683, 384)
    qtbot.waitUntil(lambda: len(window.toolbars) == 3)
    first, beside, below = window.toolbars
    qtbot.waitUntil(lambda: beside.y() == first.y() < below.y())
    assert beside.x() >= first.x() + first.width()
    assert beside.objectName() == "displayToolbar"  # the group keeps its name
    # The row below continues the display group, and a screen reader hears so.
    assert below.accessibleName() == f"{beside.accessibleName()}（续）"
    for toolbar in window.toolbars:
        extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert extension is None or not extension.isVisible()
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            corner = button.mapTo(window, button.rect().bottomRight())
            assert button.isVisible() and corner.x() <= window.width()
    assert window.view.height() / window.height() >= 0.5


def test_a_window_too_short_for_icon_buttons_gets_smaller_ones(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """1366×768 with the desktop at 300 % is 455×256: even icon-only buttons left the
    article a sliver; the last resort's smaller buttons leave it most of the rest."""
    from PySide6.QtWidgets import QToolButton

    window = make_window(Settings())
    window.resize(455, 256)
    qtbot.waitUntil(lambda: window.chrome_fit.fit is not None and window.chrome_fit.fit.tight)
    qtbot.waitUntil(lambda: len({toolbar.y() for toolbar in window.toolbars}) == 2)
    for toolbar in window.toolbars:
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            assert isinstance(button, QToolButton) and button.isVisible()
            assert button.width() >= theme.TIGHT_TOOL_BUTTON_MIN_PX
            assert button.mapTo(window, button.rect().bottomRight()).x() <= window.width()
    assert window.view.height() / window.height() >= 0.4
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.chrome_fit.fit is not None and not window.chrome_fit.fit.tight)


class _NoMarks(SilentEngine):
    """A voice that gives no word marks (the captions fall back to a reading pace)."""

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        clip = super().synthesize(text, voice, rate, volume)
        return Clip(clip.pcm, clip.sample_rate, ())


class _ShowsSentence(NarratorListener):
    """What the window does as a sentence starts: it goes on the captions."""

    def __init__(self, view: CaptionView) -> None:
        self.view = view

    def utterance_started(self, utterance: Utterance) -> None:
        self.view.set_sentence(utterance.display_text, None)


def _reading(view: CaptionView, engine: SilentEngine) -> tuple[Narrator, ManualClock]:
    """A long sentence read aloud on the fake clock, the captions following it."""
    clause = "项为方便老年人阅读全区政府网站提供大字版"
    sentence = "，".join(f"第{n}{clause}" for n in range(1, 5)) + "。"
    utterances = build_text_utterances(sentence)[:1]  # a long one: 69 characters
    assert len(utterances[0].display_text) > 60
    clock = ManualClock()
    player = ClockPlayer(clock)
    narrator = Narrator(engine, player, clock, InlineRunner())
    player.on_finished = narrator.on_clip_finished
    narrator.add_listener(_ShowsSentence(view))
    narrator.add_listener(SpeechFollower(lambda: view, lambda: narrator.clip))
    narrator.set_utterances(utterances)
    return narrator, clock


def test_caption_pages_turn_when_the_spoken_word_crosses_the_page_end(qtbot: QtBot) -> None:
    view = CaptionView()
    qtbot.addWidget(view)
    view.resize(900, 160)
    view.set_style(theme.SCHEME_TABLE["default"], 20)
    view.show()
    narrator, clock = _reading(view, SilentEngine())
    heard: list[tuple[int, int, list[int]]] = []
    """(display index of the word, page shown, indices of the cells on it)."""

    class Record(NarratorListener):
        def word(self, utterance: Utterance, where: TextRange) -> None:
            cells = [cell.index for cell in view.placed()]
            heard.append((utterance.display_index(where.start), view.page, cells))

    narrator.add_listener(Record())
    turns: list[int] = []
    view.page_changed.connect(turns.append)
    narrator.play()
    assert view.page_count >= 3, "the sentence must page for this test"
    assert not view.pacing, "with word marks no reading-pace timer runs"
    clip = narrator.clip
    assert clip is not None and clip.marks
    utterance = narrator.current_utterance
    assert utterance is not None
    starts = view.page_starts

    def mark_ms(display: int) -> int:
        """When the first word at or after display index `display` is heard."""
        for mark in clip.marks:
            begin = utterance.display_index(utterance.block_range(mark.offset, mark.offset + 1)[0])
            if begin >= display:
                return mark.ms
        raise AssertionError(display)

    # Just before the first word of page 2 is heard, page 1 shows; at its mark, page 2.
    second = mark_ms(starts[1])
    clock.advance(second - 1)
    assert view.page == 0 and turns == []
    clock.advance(1)
    assert view.page == 1 and turns == [1]
    clock.run_until_idle()
    assert turns == list(range(1, view.page_count)), "each page once, in order"
    for index, page, cells in heard:
        assert index in cells, f"the word at {index} is on the page shown"
        assert page == sum(1 for start in starts if start <= index) - 1


def test_caption_pages_keep_a_reading_pace_without_marks(qtbot: QtBot) -> None:
    view = CaptionView()
    qtbot.addWidget(view)
    view.resize(900, 160)
    view.set_style(theme.SCHEME_TABLE["default"], 20)
    view.show()
    narrator, _clock = _reading(view, _NoMarks())
    narrator.play()
    assert view.page_count > 1 and view.page == 0
    assert view.pacing
    with qtbot.waitSignal(view.page_changed, timeout=20000):
        pass  # the reading-pace timer turns it
    assert view.page == 1


def test_a_notice_cut_to_one_line_keeps_all_of_it_within_reach(qtbot: QtBot) -> None:
    notice = NoticeBar()
    qtbot.addWidget(notice)
    notice.setObjectName("notice")
    changes: list[bool] = []
    notice.changed.connect(lambda: changes.append(True))
    whole = "最近阅读：《关于开展适老化改造工作的通知》。按 Ctrl+L 打开文章库。\n没有音频输出设备。"
    notice.setText(whole)
    assert changes == [True] and not notice.one_line and notice.wordWrap()
    notice.set_one_line(300)
    notice.show()
    painted = QLabel.text(notice)  # what Qt paints, not what the window set
    assert notice.one_line and notice.cut and not notice.wordWrap()
    assert painted.endswith("…") and "\n" not in painted
    assert notice.fontMetrics().horizontalAdvance(painted) <= 300
    assert notice.text() == whole and notice.toolTip() == whole
    assert notice.focusPolicy() == Qt.FocusPolicy.StrongFocus  # Tab reaches it
    with qtbot.waitSignal(notice.expand_requested, timeout=1000):
        QTest.keyClick(notice, Qt.Key.Key_Return)
    notice.set_one_line(None)
    assert QLabel.text(notice) == whole and notice.wordWrap() and not notice.cut
