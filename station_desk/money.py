"""Money is integer fen (分) everywhere. Parsing and formatting live here, nowhere else."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from station_desk.errors import DomainError


def parse_yuan(text: str | int | Decimal) -> int:
    """'12.5' / '12.50' / '¥1,200' → fen. More than two decimals, or not a number, is a DomainError."""
    if isinstance(text, int):
        return text * 100
    raw = str(text).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
    if raw.endswith("元"):
        raw = raw[:-1]
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise DomainError("money.invalid", text=str(text)) from None
    if not value.is_finite():
        raise DomainError("money.invalid", text=str(text))
    fen = value * 100
    if fen != fen.to_integral_value():
        raise DomainError("money.too_precise", text=str(text))
    return int(fen)


def fmt_fen(fen: int, *, symbol: bool = False) -> str:
    """1234567 → '12,345.67' (with '¥' when asked). Negative amounts keep their sign."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    text = f"{sign}{whole:,}.{cents:02d}"
    return f"¥{text}" if symbol else text


def fen_to_yuan_int(fen: int) -> int:
    """Whole yuan, for rules written in yuan (reward tiers). Truncates toward zero."""
    return int(fen / 100) if fen >= 0 else -int(-fen / 100)
