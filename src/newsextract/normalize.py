"""The normalised value of a FIGURE or DATE given only its text.

Used where an entity arrives without a value: a reviewer who adds
``{"label": "FIGURE", "text": "约200亿元"}`` to a review file gets the value the
recognisers would compute (``{"value": 20000000000, "unit": "元", "approx":
"about"}``), from the same parsers (:func:`recognizers.figures.find_figures`,
:func:`recognizers.dates.find_dates`). The whole text must parse as one
figure or date; otherwise there is no value and the reviewer writes it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .prepare import prepare, to_halfwidth


def value_for(label: str, text: str, pub: _dt.date | None = None) -> dict[str, Any] | None:
    """``{"value", "unit", "approx"[, "max"]}`` for a FIGURE, ``{"iso"}`` for a DATE, else None."""
    prepared = prepare(text, repair_layout=False)  # one for one: width and T→S only
    t = prepared.text
    if label == "FIGURE":
        from .recognizers.figures import find_figures

        for m in find_figures(t, pub):
            if (m.start, m.end) == (0, len(t)):
                value = dict(m.value)
                unit = value.get("unit") or ""
                at = t.rfind(unit) if unit else -1
                if at >= 0:  # the unit as written (Traditional kept), width normalised
                    value["unit"] = "".join(to_halfwidth(c) for c in text[at:at + len(unit)])
                return value
    elif label == "DATE":
        from .recognizers.dates import find_dates

        for d in find_dates(t, pub):
            if (d.start, d.end) == (0, len(t)):
                return {"iso": d.iso}
    return None
