"""设置: one dialog for every setting, generated from the settings declaration.

Each user-visible field of `Settings` becomes a labelled control (its label is the
field's metadata), so a new setting appears here without touching this file. The
keys tab lets every action's key be changed; a key already in use is refused.
"""

from __future__ import annotations

import itertools
from dataclasses import Field, fields, replace
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import i18n
from accessible_reader.config import Settings
from accessible_reader.i18n import N_
from accessible_reader.setting_commands import value_label
from accessible_reader.ui.actions import ACTIONS, effective_shortcuts
from accessible_reader.ui.announcer import announce_to_screen_readers
from accessible_reader.ui.dialog_fit import fit_dialog
from accessible_reader.ui.key_table import KeyTable

ControlWidget = QCheckBox | QComboBox | QSpinBox | QDoubleSpinBox


def choice_label(name: str, value: Any) -> str:
    """How a choice value is shown to users."""
    if name == "cursor_scale" and value == 1:
        return N_("正常")  # in a list of sizes; the 大鼠标 key says 关
    if name == "feedback" and value == "auto":
        return N_("自动（有读屏软件时由它朗读）")
    return value_label(name, value)


class SettingsDialog(QDialog):
    """Edits a copy of the settings; `chosen_settings()` returns the result."""

    def __init__(
        self,
        parent: QWidget | None,
        settings: Settings,
        voices: list[tuple[str, str]],
        interface: i18n.Translate = i18n.SOURCE_TEXT,
    ) -> None:
        super().__init__(parent)
        self._t = interface
        self.setWindowTitle(self._t("设置"))
        self.setAccessibleName(self._t("设置"))
        self._settings = settings
        self._voices = voices
        self.controls: dict[str, ControlWidget] = {}

        tabs = QTabWidget(self)
        self._tabs = tabs
        tabs.addTab(self._general_tab(), self._t("显示与朗读"))
        tabs.addTab(self._keys_tab(), self._t("快捷键"))
        self.message = QLabel(self)
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self._t("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self._t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(760, 680))  # scrolls and stays on the screen at every size
        # The scroll areas fit_dialog wraps the pages in came after the buttons, so
        # Tab went from the tab bar to 确定 and 取消 before the settings: set it out.
        chain: list[QWidget] = [tabs.tabBar(), *self.controls.values(), self.keys]
        chain += [buttons.button(QDialogButtonBox.StandardButton.Ok)]
        chain += [buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._focus_first()

    def _focus_first(self) -> None:
        first = next(iter(self.controls.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)  # 字号, not the tab bar

    def load(self, settings: Settings) -> None:
        """Show `settings` in this dialog again, as a new one would: the window keeps
        one dialog, so reopening sends a screen reader only the values that changed
        (making one sends ~260 events, which Orca takes seconds to go through)."""
        self._settings = settings
        for name, control in self.controls.items():
            value = getattr(settings, name)
            if isinstance(control, QCheckBox):
                control.setChecked(bool(value))
            elif isinstance(control, QComboBox):
                if control.findData(value) < 0:
                    control.addItem(str(value), value)  # a voice not listed: kept
                control.setCurrentIndex(control.findData(value))
            else:
                control.setValue(value)
        keys = effective_shortcuts(settings.shortcuts)
        for action_id in self.keys.action_ids():
            if self.keys.key(action_id) != QKeySequence(keys[action_id]):
                self.keys.set_key(action_id, QKeySequence(keys[action_id]))
        self.message.hide()
        self._tabs.setCurrentIndex(0)
        self._focus_first()

    # -- general settings -----------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for spec in fields(Settings):
            if not spec.metadata.get("user_visible", True):
                continue
            control = self._control_for(spec)
            label = self._t(spec.metadata["label"])
            control.setAccessibleName(label)
            # The field's doc is for developers (English): the label says it all.
            control.setAccessibleDescription("")
            self.controls[spec.name] = control
            if isinstance(control, QCheckBox):
                form.addRow(control)
            else:
                caption = QLabel(label, page)
                caption.setBuddy(control)
                form.addRow(caption, control)
        return page

    def _control_for(self, spec: Field[Any]) -> ControlWidget:
        value = getattr(self._settings, spec.name)
        label = self._t(spec.metadata["label"])
        if isinstance(value, bool):
            box = QCheckBox(label, self)
            box.setChecked(value)
            return box
        if "choices" in spec.metadata:
            choices: list[tuple[str, Any]] = []
            for choice in spec.metadata["choices"]:
                shown = choice_label(spec.name, choice)
                if spec.name != "interface_language" or choice == i18n.FOLLOW_SYSTEM:
                    shown = self._t(shown)  # languages are named in themselves
                choices.append((shown, choice))
            return self._combo(choices, value)
        if "range" in spec.metadata:
            low, high = spec.metadata["range"]
            spin: QSpinBox | QDoubleSpinBox
            if isinstance(value, int):
                spin = QSpinBox(self)
                spin.setRange(int(low), int(high))
                spin.setSingleStep(int(spec.metadata.get("step") or 1))
            else:
                spin = QDoubleSpinBox(self)
                spin.setDecimals(1)
                spin.setRange(low, high)
                spin.setSingleStep(spec.metadata.get("step") or 0.1)
            spin.setValue(value)
            return spin
        # Free text (the voice): offer what the engines list, keep what is saved.
        voices: list[tuple[str, Any]] = [(self._t("自动选择"), "")]
        # The silent voice's name is a msgid.
        voices += [(self._t(name), voice_id) for voice_id, name in self._voices]
        if all(data != value for _shown, data in voices):
            voices.append((str(value), value))
        return self._combo(voices, value)

    def _combo(self, choices: list[tuple[str, Any]], value: Any) -> QComboBox:
        """A combo box filled through its model before it is given it: one model
        reset for the screen reader instead of events for every item added (Orca
        asks the bus about each event; see key_table)."""
        model = QStandardItemModel(self)
        for shown, data in choices:
            item = QStandardItem(shown)
            item.setData(data, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        combo = QComboBox(self)
        combo.setModel(model)
        combo.setCurrentIndex(combo.findData(value))
        return combo

    # -- keys -----------------------------------------------------------------------

    def _keys_tab(self) -> QWidget:
        keys = effective_shortcuts(self._settings.shortcuts)
        rows = [(spec.id, self._t(spec.label_zh), QKeySequence(keys[spec.id])) for spec in ACTIONS]
        self.keys = KeyTable(rows, self, self._t)
        self.keys.recorded.connect(self._check_key)
        return self.keys

    def _check_key(self, action_id: str) -> bool:
        """Refuse a key another action already has; say which, keep the old key."""
        key = self.keys.key(action_id).toString(QKeySequence.SequenceFormat.PortableText)
        if key:
            for other_id in self.keys.action_ids():
                other_key = self.keys.key(other_id).toString(
                    QKeySequence.SequenceFormat.PortableText
                )
                if other_id != action_id and other_key.lower() == key.lower():
                    label = next(spec.label_zh for spec in ACTIONS if spec.id == other_id)
                    self.show_message(
                        self._t("按键 {key} 已用于“{label}”，请换一个。", key=key, label=label)
                    )
                    previous = effective_shortcuts(self._settings.shortcuts)[action_id]
                    self.keys.set_key(action_id, QKeySequence(previous))
                    return False
        self.message.hide()
        return True

    def show_message(self, text: str) -> None:
        """On screen above the buttons, and said: a refused key is otherwise silent
        to a screen reader user (the label does not take the focus)."""
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.show()
        announce_to_screen_readers(self, text)

    # -- result ---------------------------------------------------------------------

    def chosen_settings(self) -> Settings:
        """The settings as edited (validated; unchanged fields kept)."""
        changes: dict[str, Any] = {}
        for name, control in self.controls.items():
            if isinstance(control, QCheckBox):
                changes[name] = control.isChecked()
            elif isinstance(control, QComboBox):
                changes[name] = control.currentData()
            else:
                changes[name] = control.value()
        defaults = effective_shortcuts(())
        overrides = []
        for action_id in self.keys.action_ids():
            key = self.keys.key(action_id).toString(QKeySequence.SequenceFormat.PortableText)
            if key != defaults[action_id]:
                overrides.append((action_id, key))
        changes["shortcuts"] = tuple(overrides)
        return replace(self._settings, **changes).validated()
