"""Pinyin initials for search-as-you-type (张三丰 → 'zsf'). pypinyin is imported lazily (it loads a large table)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _lazy():
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin, Style


def initials(name: str) -> str:
    lazy_pinyin, Style = _lazy()
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(p[:1] for p in parts if p).lower()
