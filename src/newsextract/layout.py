"""Layout and noise: spans of the prepared text that hold no entity mentions.

Scraped news carries URLs, ``Original URL:`` lines and app banners cut off
mid-word (``客户端:青岛观``). They stay in the text, since offsets are into the
text as given, but the ``newsextract_layout`` component marks them as masked
spans (``doc._.masked``), and the resolver drops any candidate that overlaps
one partially. The patterns live in ``data/layout.tsv``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import masked_spans

DEFAULT_PATTERNS = Path(__file__).parent / "data" / "layout.tsv"


def load_patterns(path: Path | str = DEFAULT_PATTERNS) -> list[tuple[str, re.Pattern[str]]]:
    """Read ``kind<TAB>regex`` lines (``#`` comments allowed)."""
    out = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        try:
            out.append((kind.strip(), re.compile(pattern.strip(), re.MULTILINE)))
        except re.error as exc:
            raise ValueError(f"{path}:{lineno}: bad pattern {pattern!r}: {exc}") from None
    return out


def find_masked(text: str, patterns: list[tuple[str, re.Pattern[str]]]) -> list[tuple[int, int]]:
    spans = set()
    for _kind, rx in patterns:
        for m in rx.finditer(text):
            s, e = (m.span("body") if "body" in rx.groupindex else m.span())
            if e > s:
                spans.add((s, e))
    return sorted(spans)


@Language.factory("newsextract_layout", default_config={"patterns": None})
def make_layout(nlp: Language, name: str, patterns: str | None) -> LayoutMasker:
    """Mark URLs and layout fragments as masked spans (patterns file configurable)."""
    return LayoutMasker(load_patterns(patterns or DEFAULT_PATTERNS))


class LayoutMasker:
    def __init__(self, patterns: list[tuple[str, re.Pattern[str]]]) -> None:
        self.patterns = patterns

    def __call__(self, doc: Doc) -> Doc:
        doc._.masked = sorted(set(masked_spans(doc)) | set(find_masked(doc.text, self.patterns)))
        return doc
