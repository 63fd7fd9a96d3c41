"""Numerals: Arabic, Chinese and mixed number strings → exact numbers.

Handles what Chinese news writes: Arabic numbers with thousands separators and
decimals (``2,000``, ``1.5``), Chinese numerals with place values (``三十五``,
``一百二十``, ``两千``), digit-by-digit Chinese (``二〇二二``), and Arabic or
Chinese numbers followed by multiplier words (``5万``, ``1.2万亿``, ``百万``,
``千亿``, ``2兆4665亿``, ``3亿5000万``). Arithmetic is done with
:class:`decimal.Decimal`, so ``2501.52亿`` is exactly 250152000000.

The text given is the *prepared* text (half-width digits, Simplified
characters); ``億``/``萬`` are accepted too so the functions work on raw text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
"""Every character that can be part of a Chinese numeral."""

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[" + NUMERAL_CHARS + "]")


class NumeralError(ValueError):
    """A string that is not a number."""


def has_multiplier(s: str) -> bool:
    """True when ``s`` holds a 万/亿/兆 multiplier (or a 百/千 written without digits, as in 百万)."""
    return any(ch in BIG_UNITS for ch in s)


def parse_number(s: str) -> Decimal:
    """The value of a numeral string, exactly.

    >>> parse_number("1.2万亿")
    Decimal('1200000000000.0')
    >>> int(parse_number("三到五".split("到")[0]))
    3
    """
    s = s.strip()
    if not s:
        raise NumeralError("empty numeral")
    tokens = _TOKEN.findall(s)
    if "".join(tokens) != s:
        raise NumeralError(f"not a numeral: {s!r}")
    # Digit-by-digit Chinese (二〇二二) or a plain Arabic number.
    if len(tokens) == 1 and tokens[0][0].isdigit():
        return _arabic(tokens[0])
    if all(t in CN_DIGITS for t in tokens):
        if len(tokens) == 1:
            return Decimal(CN_DIGITS[tokens[0]])
        return Decimal("".join(str(CN_DIGITS[t]) for t in tokens))
    return _positional(tokens, s)


def _arabic(tok: str) -> Decimal:
    try:
        return Decimal(tok.replace(",", ""))
    except InvalidOperation:
        raise NumeralError(f"not a number: {tok!r}") from None


def _positional(tokens: list[str], s: str) -> Decimal:
    # parts: completed groups (value, magnitude) closed by a big unit (万, 亿, 兆).
    parts: list[tuple[Decimal, int]] = []
    section = Decimal(0)  # the value below the next big unit (thousands, hundreds, tens)
    number: Decimal | None = None  # the pending digit(s)
    for tok in tokens:
        if tok[0].isdigit():
            if number is not None:
                raise NumeralError(f"two numbers in a row in {s!r}")
            number = _arabic(tok)
        elif tok in CN_DIGITS:
            if tok in "〇零○":  # 一千零五: the zero only marks a gap
                continue
            if number is not None:
                raise NumeralError(f"two digits in a row in {s!r}")
            number = Decimal(CN_DIGITS[tok])
        elif tok in SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * SMALL_UNITS[tok]
            number = None
        else:  # big unit
            mag = BIG_UNITS[tok]
            cur = section + (number if number is not None else Decimal(0))
            section, number = Decimal(0), None
            # 万亿: groups of a smaller magnitude are multiplied again.
            smaller = [p for p in parts if p[1] < mag]
            parts = [p for p in parts if p[1] >= mag]
            inner = cur + sum((v for v, _ in smaller), Decimal(0))
            inner_mag = max((m for _, m in smaller), default=1)
            if inner == 0:
                inner = Decimal(1)  # 万 / 亿 alone: "亿" = 1e8
            parts.append((inner * mag, mag * inner_mag))
    total = section + (number if number is not None else Decimal(0))
    return total + sum((v for v, _ in parts), Decimal(0))


def to_plain(x: Decimal) -> int | float:
    """An int when the value is integral, else a float."""
    if x == x.to_integral_value():
        return int(x)
    return float(x)
