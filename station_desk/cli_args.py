"""The command line's own rules for what a person types, applied to every command in one place: argparse speaks
Chinese, every whole number has a bound, every file name is one a disk can hold. A malformed command line is
refused with a Chinese message and status 2, never a traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

#: argparse's own words (``argparse._``), as a station clerk should read them
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示这段帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "expected one argument": "后面要跟一个值",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "one of the arguments %s is required": "需要 %s 之一",
}


def speak_chinese() -> None:
    """Make argparse's headings and refusals Chinese (it looks its words up through ``argparse._``)."""
    if getattr(argparse, "_station_desk_zh", False):
        return
    english = argparse._

    def translate(text: str) -> str:
        return _ZH.get(text, english(text))

    argparse._ = translate
    argparse._station_desk_zh = True


#: the largest whole number a command takes (an amount in fen, a quantity, an id): far above any real value,
#: far below what the database or Python's date arithmetic would overflow on
MAX_INT = 10**12


def whole_number(text: str) -> int:
    raw = (text or "").strip()
    if not raw.lstrip("-").isdigit() or len(raw) > 14:
        raise argparse.ArgumentTypeError(f"“{raw[:20]}”不是整数")
    value = int(raw)
    if abs(value) > MAX_INT:
        raise argparse.ArgumentTypeError(f"{raw[:20]} 太大了")
    return value


def file_text(text: str) -> str:
    """A file or folder name as typed (kept as text): no NUL or control characters, encodable, not absurdly long."""
    if not text or "\x00" in text or len(text) > 1000 or any(ord(c) < 32 for c in text):
        raise argparse.ArgumentTypeError(f"“{(text or '')[:40]!s}”不是有效的文件名".replace("\x00", "␀"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("文件名里有无法识别的字符") from None
    return text


def file_name(text: str) -> Path:
    return Path(file_text(text))


#: options and arguments that name a file or a folder, whatever the command
FILE_DESTS = {"file", "out", "output", "to", "passphrase_file", "repeat_file"}


def harden(parser: argparse.ArgumentParser) -> None:
    """Give every option and argument of every command the program's rules: whole numbers bounded, file names
    checked. Walks the sub-commands, so a module's ``register()`` does not have to remember."""
    for action in parser._actions:
        if action.type is int:
            action.type = whole_number
        elif action.type is Path:
            action.type = file_name
        elif action.type is None and action.dest in FILE_DESTS and action.nargs != 0:
            action.type = file_text
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                harden(sub)
