"""The CLI's redirected output is UTF-8 whatever the (Windows) code page: a frozen program on an English Windows
would write cp1252 and crash on the first Chinese character, a Chinese Windows would write GBK."""

import io
import sys

import pytest

from station_desk import cli
from station_desk.console import utf8_streams


def _stream(encoding: str, errors: str = "strict") -> tuple[io.BytesIO, io.TextIOWrapper]:
    raw = io.BytesIO()
    return raw, io.TextIOWrapper(raw, encoding=encoding, errors=errors)


@pytest.mark.parametrize("encoding", ["cp1252", "gbk", "ascii"])
def test_non_utf8_stream_becomes_utf8(encoding):
    raw, out = _stream(encoding)
    out.write("ok ")  # already written text stays in the old encoding, then the stream switches
    utf8_streams(out)
    out.write("审计日志链：完整\n")
    out.flush()
    assert out.encoding == "utf-8"
    assert raw.getvalue() == "ok 审计日志链：完整\n".encode("utf-8")


def test_cp1252_without_the_fix_is_the_crash_we_had():
    _, out = _stream("cp1252")
    with pytest.raises(UnicodeEncodeError):
        out.write("完整性检查")
        out.flush()


def test_keeps_error_handler_and_leaves_utf8_and_none_alone():
    raw, err = _stream("cp1252", errors="backslashreplace")
    utf8_streams(err)
    assert (err.encoding, err.errors) == ("utf-8", "backslashreplace")
    _, already = _stream("utf-8")
    before = already
    utf8_streams(already, None)  # a windowed Windows program has sys.stdout None
    assert already is before and already.encoding == "utf-8"


def test_cli_main_switches_stdout_and_stderr(monkeypatch, tmp_path):
    raw_out, out = _stream("cp1252")
    raw_err, err = _stream("cp1252", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(["check", "--db", str(tmp_path / "新 站.db")])
    out.flush()
    err.flush()
    text = raw_out.getvalue().decode("utf-8") + raw_err.getvalue().decode("utf-8")
    assert code in (0, 1, 2)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
