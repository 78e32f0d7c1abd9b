"""Guards against a Qt binding that would crash the reader after a few minutes' use."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCharFormat


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_keep_the_reference_count_of_none() -> None:
    # PySide6 6.12.0 released one reference to None per call returning nothing; the
    # interpreter aborts with "deallocating None" once the count reaches zero.
    char_format = QTextCharFormat()
    holder = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        char_format.setFontItalic(True)
        holder.setObjectName("reader")
    assert sys.getrefcount(None) - before >= -10
