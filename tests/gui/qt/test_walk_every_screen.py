"""Walk every tab and every page of the window on a busy demo station, as a new manager would, and check what a
person sees: no English word that is not a proper noun (zh_CN), no label whose text is wider than the label,
and no page or dialog larger than a 1366×768 screen (the keyboard-and-language issue)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QTabWidget, QWidget)

from tests.fixtures.demo import BUSY_AT

#: Latin words that are proper nouns or what a station writes that way
ALLOWED = {"PDF", "Excel", "CCKD", "BOSS", "USB", "PIN", "ID", "A4", "Ctrl", "Alt", "Shift", "Del", "Enter", "Esc",
           "Tab", "PgUp", "PgDn", "Insert", "Space", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10",
           "F11", "F12", "xlsx", "pdf", "SQLite", "PostgreSQL", "WAL", "UTC", "CSV", "JSON", "Windows", "BitLocker",
           "USB", "OK", "MB", "GB", "KB", "station_desk", "StationDesk", "sdbk", "sqlite", "AES", "GCM", "FP",
           "Mbps", "IPTV", "TV", "ONU", "Ins", "Home", "End", "Backspace", "PgUp", "PgDown", "pgAdmin", "createdb"}
#: what must never show in a table cell: raw source ids (work_order:677), code words (amount_fen), JSON
RAW_IN_CELL = re.compile(r"\b[a-z]+(?:_[a-z]+)*:\d+|\b[a-z]+_[a-z_]+\b|\{\"|\b(?:due|pending|approved|paid)\b")
PATHLIKE = re.compile(r"(?:[a-z]+://|(?:[A-Za-z]:)?[/\\])[^\s，。；）)]*")  # a path or an address (postgresql://…)
COMMAND = re.compile(r"(?:命令行|station-desk)[：:\s]*[a-z][a-z0-9\- ]*")  # a command is typed as it is written
FINGERPRINT = re.compile(r"\b[0-9a-f]{4}(?:-[0-9a-f]{4})+\b")  # a hash's fingerprint (3f9c-2b7a-…) is not a word
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
NOW = BUSY_AT  # the busy demo station (tests/fixtures/demo.py) at the moment it was built


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in ``root``'s visible widgets."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()) and w is not root:
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel):
            out.append((name, re.sub(r"<[^>]+>", " ", w.text())))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            out.append((name, w.placeholderText()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(min(w.count(), 30))]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            from PySide6.QtCore import QModelIndex

            try:
                cols, rows = m.columnCount(QModelIndex()), m.rowCount(QModelIndex())
            except TypeError:  # a list model whose columnCount is not public in PySide
                cols, rows = 1, m.rowCount()
            hidden = getattr(w, "isColumnHidden", None) or getattr(w, "isSectionHidden", None) or (lambda _c: False)
            shown = [c for c in range(cols) if not hidden(c)]  # a hidden column keeps data, not words
            out += [(name + ".header", str(m.headerData(c, Qt.Orientation.Horizontal) or "")) for c in shown]
            for r in range(min(rows, 5)):
                out += [(f"{name}[{r}].cell", str(m.index(r, c).data() or "")) for c in shown]
    return out


def english_words(texts) -> list[str]:
    found = []
    for where, text in texts:
        if where.endswith(".cell"):  # data may be English (an asset's model); codes and raw ids may not
            found += [f"{where}: raw {m.group(0)!r} in {text[:60]!r}" for m in RAW_IN_CELL.finditer(text)]
            continue
        text = FINGERPRINT.sub(" ", PATHLIKE.sub(" ", COMMAND.sub(" ", text.replace("&", ""))))  # a path or a command is typed as is
        for word in WORD.findall(text):
            if word not in ALLOWED and not re.fullmatch(r"[A-Z]{1,3}\d*", word):
                found.append(f"{where}: {word!r} in {text[:60]!r}")
    return found


def clipped_labels(root: QWidget) -> list[str]:
    return clipped_labels_of([w for w in root.findChildren(QLabel) if w.isVisibleTo(root.window())])


def clipped_labels_of(labels) -> list[str]:
    out = []
    for label in labels:
        if label.wordWrap() or not label.text() or "<" in label.text():
            continue
        need = label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
        if need > label.width() + 1 and label.width() > 0:
            out.append(f"{label.objectName() or label.text()[:20]!r}: needs {need}px, has {label.width()}px")
    return out


MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    m = MNEMONIC.search((text or "").replace("&&", ""))
    return m.group(1).upper() if m else None


def mnemonics(root: QWidget, extra: dict[str, str] | None = None) -> list[str]:
    """Two visible controls in ``root``'s window that answer the same Alt+letter, or one that takes a menu's
    letter (``extra``: letter → what already owns it), or a label that shows its "&" because nothing is behind
    it (no buddy)."""
    owners: dict[str, list[str]] = {k: [v] for k, v in (extra or {}).items()}
    problems = []
    window = root.window()
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(window):
            continue
        texts = []
        if isinstance(w, QLabel):
            letter = mnemonic_of(w.text()) if w.textFormat() != Qt.TextFormat.RichText else None
            if letter and w.buddy() is None:
                problems.append(f"label {w.text()!r} shows its '&' (no buddy)")
            elif letter:
                texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabEnabled(i)]
        for text in texts:
            letter = mnemonic_of(text)
            if letter:
                owners.setdefault(letter, []).append(text.replace("&", ""))
    problems += [f"Alt+{k}: {' · '.join(v)}" for k, v in sorted(owners.items()) if len(v) > 1]
    return problems


def menu_letters(window) -> dict[str, str]:
    bar = window.menuBar() if hasattr(window, "menuBar") else None
    out = {}
    for action in (bar.actions() if bar is not None else []):
        letter = mnemonic_of(action.text())
        if letter:
            out[letter] = f"菜单 {action.text().replace('&', '')}"
    return out


def pages_of(tab: QWidget, qtbot):
    """Every page of every QTabWidget inside ``tab`` (nested pages too), made current and laid out in turn."""
    for tw in tab.findChildren(QTabWidget):
        for i in range(tw.count()):
            tw.setCurrentIndex(i)
            qtbot.wait(30)
            yield f"{tw.objectName()}:{tw.tabText(i)}", tw.widget(i)


def test_every_tab_and_page_reads_in_chinese_and_fits(zh_app, qtbot, busy_demo_path, tmp_path, fake_now):
    from PySide6.QtCore import QSettings

    from station_desk.db.engine import Database
    from station_desk.qt.context import AppContext
    from station_desk.qt.main_window import MainWindow
    from station_desk.qt.tab_registry import TABS
    from station_desk.staff import service as staff
    from tests.gui_helpers import wait_ops

    fake_now(NOW)
    db = Database(busy_demo_path)
    manager = next(r for r in staff.list_staff(db) if r.role == "manager")
    from station_desk.actor import Actor

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.attach(AppContext(db=db, actor=Actor(manager.id, manager.name, "manager")))
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    for spec in TABS:
        tab = window.tab_widget(spec.key)
        wait_ops(qtbot, timeout=20000)
        qtbot.wait(50)
        screens = [(spec.key, tab)] + list(pages_of(tab, qtbot))
        for where, page in screens:
            wait_ops(qtbot, timeout=20000)
            qtbot.wait(120)  # the rows just read are laid out
            texts = visible_texts(page)
            problems += [f"[{spec.key} {where}] {p}" for p in english_words(texts)]
            problems += [f"[{spec.key} {where}] clipped {p}" for p in clipped_labels(page)]
            problems += [f"[{spec.key} {where}] mnemonic {p}" for p in mnemonics(page, menu_letters(window))]
    db.close()
    assert problems == [], "\n".join(problems)


def test_the_walk_catches_what_it_should(zh_app, qtbot):
    """The detectors fail on the kinds of text the issue found (a check that cannot fail is a defect)."""
    found = english_words([("QLabel#x", "Building the demo station…"), ("QPushButton#y", "Cancel"),
                           ("QTableView#t[0].cell", "work_order:677"), ("QTableView#t[0].cell", '{"amount_fen": 5}'),
                           ("QTableView#t[0].cell", "due"), ("QLabel#ok", "位置：/tmp/备份 —— 导出 Excel（Ctrl+E）")])
    assert {f.split(":")[0] for f in found} == {"QLabel#x", "QPushButton#y", "QTableView#t[0].cell"}
    assert len({f.rsplit(" in ", 1)[1] for f in found if ".cell" in f}) == 3 and not any("QLabel#ok" in f for f in found)
    from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout

    box = QWidget()
    lay = QVBoxLayout(box)
    lay.addWidget(QPushButton("保存(&S)"))
    lay.addWidget(QCheckBox("短信(&S)"))
    lay.addWidget(QLabel("磁盘(&D)"))
    lay.addWidget(helped := QPushButton("方式(&H)"))
    qtbot.addWidget(box)
    box.show()
    found = mnemonics(box, {"H": "菜单 帮助(H)"})
    assert any(f.startswith("Alt+S") for f in found) and any(f.startswith("Alt+H") for f in found)
    assert any("磁盘" in f and "buddy" in f for f in found) and helped
    label = QLabel("这是一段很长很长很长很长很长的说明文字")
    qtbot.addWidget(label)
    label.setFixedWidth(40)
    label.show()
    assert clipped_labels_of([label])
