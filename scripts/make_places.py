"""Generate ``src/newsextract/data/gazetteers/places/divisions.csv`` from cpca's adcodes table.

The place gazetteer lists China's provinces, prefecture-level cities and
county-level divisions (districts, counties, county-level cities, banners)
with their short forms as aliases (``青岛市`` → ``青岛``; ``广西壮族自治区`` →
``广西``; ``崂山区`` → ``崂山``). The source is the ``adcodes.csv`` table that the
``cpca`` package (MIT licence) ships; the package is needed only to run this
script (``pip install cpca``), not at run time.

A county-level short form is kept only when it is at least two characters long
and is not an ordinary word (in jieba's dictionary with another part of speech,
unless a name or noun tag on a rare word: ``房山``, ``义乌`` are kept; or on the
``ORDINARY`` list: ``和平区`` → no ``和平``; ``城关区`` → no ``城关``;
``新城区`` → no ``新城``); a division named ``…新区`` is a PARK under the
guidelines and is left out. Usage::

    python scripts/make_places.py [-o OUT.csv]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/newsextract/data/gazetteers/places/divisions.csv"

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗")
# Short forms of county-level names that are ordinary words in news text
# (新城 in 龙兴新城, 大关 in 突破…大关, 市中, 城关): not aliases.
ORDINARY = {
    "新城", "城中", "城关", "城东", "城西", "城南", "城北", "城厢", "市中", "郊区", "矿区", "新华",
    "东区", "西区", "南区", "北区", "中区", "平安", "和平", "大关", "大通", "新市", "海港", "江南",
    "江北", "河东", "河西", "港口", "开发", "高新", "经开", "新兴", "先锋", "红旗", "胜利", "前进",
    "东风", "光明", "朝阳", "向阳", "解放", "友谊", "团结", "永胜", "长宁", "普陀", "白云",
    "新建", "城区", "市辖", "新区",
    # rare enough to pass the frequency test below, but ordinary words or brands first
    "大厂", "安居", "红星", "仁和", "天元", "兴业", "交口", "回民", "江岸", "博爱", "元宝", "同心",
    "七星", "九龙", "台前", "三门", "连平", "小金", "白沙", "清流", "惠民", "富民", "爱民", "老城",
    "白塔", "长治", "麒麟", "康乐", "方正", "阳春", "龙凤", "紫金", "鼓楼", "石鼓", "金沙", "民乐",
    "新民", "阳明", "金水", "黑水", "白水", "石泉", "玉泉", "天心", "明山", "方山", "水城", "古塔",
}
# County short forms that jieba's dictionary tags as a name or noun (余杭 nr, 房山 n, 义乌 nz,
# 崇礼 nrt) are places when rare in jieba's corpus (frequency <= MAX_NAME_FREQ: 义乌 92, 高密
# 125, 余姚 140); the frequent ones are ordinary words (中方 1408, 凤凰 1348, 合作 13478).
NAME_LIKE_TAGS = {"n", "nr", "nrt", "nrfg", "nz", "j"}
MAX_NAME_FREQ = 150


def _nations() -> list[str]:
    text = resources.files("cpca.resources").joinpath("56_nations.csv").read_text(encoding="utf-8")
    names = [row[0].strip() for row in csv.reader(io.StringIO(text)) if row and row[0].strip()]
    # longest first, so 维吾尔族 is tried before 维吾尔; also the forms without 族
    forms = set(names) | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(forms, key=len, reverse=True)


def short_form(name: str, suffixes: tuple[str, ...], nations: list[str]) -> str | None:
    for suf in suffixes:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            if suf.startswith("自治") or suf == "自治州":
                changed = True
                while changed:  # 广西壮族 → 广西, 延边朝鲜族 → 延边, 湘西土家族苗族 → 湘西
                    changed = False
                    for nat in nations:
                        if stem.endswith(nat) and len(stem) - len(nat) >= 2:
                            stem, changed = stem[: -len(nat)], True
                            break
            return stem if len(stem) >= 2 else None
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        table = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        print("error: this script needs the cpca package: pip install cpca", file=sys.stderr)
        return 2
    import jieba
    import jieba.posseg

    from newsextract.segment import configure_jieba

    configure_jieba()
    tags = jieba.posseg.dt.word_tag_tab
    nations = _nations()
    rows: dict[str, tuple[str, str, set[str]]] = {}
    for rec in csv.DictReader(io.StringIO(table)):
        code, name = rec["adcode"], rec["name"].strip()
        if not name or "直辖" in name or name.endswith("新区") or len(name) < 2:
            continue
        if code[2:6] == "0000":
            level, suffixes = "province", PROVINCE_SUFFIXES
        elif code[4:6] == "00":
            level, suffixes = "city", CITY_SUFFIXES
        else:
            level, suffixes = "county", COUNTY_SUFFIXES
        short = short_form(name, suffixes, nations)
        aliases: set[str] = set()
        if short and short != name:
            tag, freq = tags.get(short, "ns"), jieba.dt.FREQ.get(short, 0)
            # an ordinary word: in the dictionary with another part of speech, unless jieba tags it as
            # a name or noun and it is rare (房山, 义乌, 崇礼 are tagged n/nz/nrt, not ns)
            ordinary = freq > 0 and tag[:2] != "ns" and (tag not in NAME_LIKE_TAGS or freq > MAX_NAME_FREQ)
            if level != "county" or not (ordinary or short in ORDINARY):
                aliases.add(short)
        if name in rows:  # same name at two levels (e.g. a city and a district): keep the higher level
            rows[name][2].update(aliases)
            continue
        rows[name] = (name, level, aliases)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "label", "aliases", "level"])
        for name, level, aliases in sorted(rows.values(), key=lambda r: ({"province": 0, "city": 1}.get(r[1], 2), r[0])):
            w.writerow([name, "LOC", "|".join(sorted(aliases)), level])
    print(f"{len(rows)} divisions written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
