"""Generate ``src/newsextract/data/gazetteers/places/countries.csv`` from pycountry's Chinese names.

The administrative divisions (``make_places.py``) cover China only; economic
news names foreign countries all the time (investors, export markets). The
source is ISO 3166-1 with the Simplified Chinese translations that the
``pycountry`` package (LGPL, data from Debian's iso-codes) ships; the package is
needed only to run this script (``pip install pycountry``, the ``places``
extra), not at run time.

Each country's short name is the entry (``美国``, ``德国``), its official name
and common name aliases (``美利坚合众国``; ``大韩民国`` → ``韩国``). Where the
translation gives only the long form, the short name used in news is taken
from ``SHORT`` below (``伊朗伊斯兰共和国`` → ``伊朗``). China, Hong Kong, Macao
and Taiwan are left out: they are in ``divisions.csv`` and ``regions.csv``.
One-character abbreviations (``美``, ``日``) are not listed: inside compounds
they are not LOCs (``美元``, ``日均``). Usage::

    python scripts/make_countries.py [-o OUT.csv]
"""

from __future__ import annotations

import argparse
import csv
import gettext
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/newsextract/data/gazetteers/places/countries.csv"
SKIP = {"CN", "HK", "MO", "TW"}
# the name news text uses where the translation's short name is the long form or a variant
SHORT = {
    "BO": "玻利维亚", "IR": "伊朗", "KP": "朝鲜", "KR": "韩国", "LA": "老挝", "MD": "摩尔多瓦",
    "SY": "叙利亚", "VE": "委内瑞拉", "SA": "沙特阿拉伯", "FM": "密克罗尼西亚", "TZ": "坦桑尼亚",
}
# further aliases in common use
EXTRA = {"SA": ["沙特"], "AE": ["阿拉伯联合酋长国"], "GB": ["英格兰"], "CZ": ["捷克共和国"]}


def rows() -> list[tuple[str, str, str]]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    out = []
    for c in pycountry.countries:
        if c.alpha_2 in SKIP:
            continue
        names = [zh.gettext(c.name)]
        for attr in ("official_name", "common_name"):
            if hasattr(c, attr):
                names.append(zh.gettext(getattr(c, attr)))
        short = SHORT.get(c.alpha_2, names[0])
        if not any("\u4e00" <= ch <= "\u9fff" for ch in short):
            continue  # no Chinese translation
        aliases = []
        for n in [*names, *EXTRA.get(c.alpha_2, [])]:
            if n != short and n not in aliases and any("\u4e00" <= ch <= "\u9fff" for ch in n):
                aliases.append(n)
        out.append((short, "LOC", "|".join(aliases)))
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = rows()
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "label", "aliases"])
        w.writerows(data)
    print(f"{len(data)} countries -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
