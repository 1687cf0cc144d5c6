"""Customer data is confidential (SPEC §2: 用户资料 is a company secret). One masking rule for every way data
leaves the program — the window's lists, the command line (text and JSON), exports, the audit log's details: phone
numbers show their first three and last four digits; the full number only to the manager (in the window) or with
the manager's PIN (on the command line)."""

from __future__ import annotations

import json

#: record keys that hold a phone number, wherever they appear (customer, contact, work order, audit details)
PHONE_KEYS = ("phone", "person_phone", "contact_phone", "mobile")


def mask_phone(phone: str | None) -> str:
    """13812345678 → 138****5678; shorter numbers keep their first 3 and last 2 characters."""
    p = (phone or "").strip()
    if len(p) >= 11:
        return p[:3] + "****" + p[-4:]
    if len(p) >= 6:
        return p[:3] + "*" * (len(p) - 5) + p[-2:]
    return "*" * len(p)


def mask_record(value):
    """A copy of a record (dict, list, or a JSON text of one) with every phone-number field masked."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return json.dumps(mask_record(parsed), ensure_ascii=False, sort_keys=True) if isinstance(
            parsed, (dict, list)) else value
    if isinstance(value, dict):
        if isinstance(value.get("cols"), list) and isinstance(value.get("rows"), dict):
            # a table's rows as the audit chain's row log keeps them: column names once, then value lists
            at = [i for i, c in enumerate(value["cols"]) if c in PHONE_KEYS]
            rows = {rid: [mask_phone(v) if i in at and isinstance(v, str) else v for i, v in enumerate(vals)]
                    if isinstance(vals, list) else vals for rid, vals in value["rows"].items()}
            return {**value, "rows": rows}
        return {k: (mask_phone(v) if k in PHONE_KEYS and isinstance(v, str) else mask_record(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [mask_record(v) for v in value]
    return value


def masked_rows(rows, *, full: bool):
    """Dataclass rows with their phone fields masked (unless ``full``), as dicts ready to print as JSON."""
    import dataclasses

    out = []
    for r in rows:
        d = dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r)
        out.append(d if full else mask_record(d))
    return out
