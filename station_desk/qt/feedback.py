"""Telling the person what happened, in Chinese. Domain errors carry their own message; anything else is a bug,
logged with its traceback and shown as one calm sentence."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from station_desk.errors import DomainError

log = logging.getLogger(__name__)

#: the last message shown (tests read it; the GUI never does)
last_message: str = ""


def message_for(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    log.error("unexpected error", exc_info=exc)
    return f"程序出错，操作没有完成（{type(exc).__name__}: {exc}）。数据没有被改动。"


def show_error(parent: QWidget | None, exc: BaseException | str) -> None:
    """Inline in the nearest MessageBar if the parent has one, else a window-modal box that does not block."""
    _show(parent, exc if isinstance(exc, str) else message_for(exc), error=True)


def show_info(parent: QWidget | None, text: str) -> None:
    _show(parent, text, error=False)


def _show(parent: QWidget | None, text: str, *, error: bool) -> None:
    global last_message
    last_message = text
    bar = _find_bar(parent)
    if bar is not None:
        (bar.show_error if error else bar.show_info)(text)
        return
    icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
    box = QMessageBox(icon, "提示", text, QMessageBox.StandardButton.Ok, parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _find_bar(widget: QWidget | None) -> "MessageBar | None":
    while widget is not None:
        bar = getattr(widget, "message_bar", None)
        if isinstance(bar, MessageBar):
            return bar
        widget = widget.parentWidget()
    return None


class MessageBar(QLabel):
    """A coloured message inside a form or tab: red for refusals, green for done. Give your widget an attribute
    ``message_bar`` and :func:`show_error` will use it.

    In a dialog it sits in the layout (the dialog grows to fit the wrapped text). Over a tab it floats
    (:meth:`float_over`): laid over the bottom edge of the tab, outside every layout, so showing or hiding it never
    moves a row or a button under the person's next click; clicks go through it to what lies below."""

    STYLES = {
        "error": "background:#fdecea; color:#8a1c1c; border:1px solid #f5c2c0;",
        "info": "background:#e8f5e9; color:#1b5e20; border:1px solid #b9dfbb;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._host: QWidget | None = None

    def float_over(self, host: QWidget) -> None:
        """Float over ``host``'s bottom edge instead of taking a place in a layout."""
        self._host = host
        self.setParent(host)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        host.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(obj, event)

    def _place(self) -> None:
        host, margin = self._host, 8
        width = max(120, host.width() - 2 * margin)
        height = min(self.heightForWidth(width), max(40, host.height() // 2))
        self.setGeometry(margin, max(0, host.height() - height - margin), width, height)
        self.raise_()

    def _show(self, text: str, kind: str, seconds: int) -> None:
        global last_message
        last_message = text
        self.setStyleSheet(f"QLabel {{ {self.STYLES[kind]} padding:6px 10px; border-radius:4px; }}")
        self.setText(text)
        if self._host is not None:
            self._place()
        self.show()
        self._timer.start(seconds * 1000)

    def show_error(self, text: str) -> None:
        self._show(text, "error", 20)

    def show_info(self, text: str) -> None:
        self._show(text, "info", 6)
