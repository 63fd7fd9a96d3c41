"""Word segmentation (jieba inside spaCy's ``zh`` tokenizer) and sentence boundaries.

jieba keeps its dictionary in process-global state (``jieba.dt``), which spaCy's
Chinese tokenizer calls through ``jieba.cut``. A user dictionary is therefore
not saved with a spaCy pipeline: :func:`configure_jieba` loads the domain
dictionary (and any gazetteer names) into the running process, and every place
that builds a pipeline, worker processes included, calls it. It is idempotent.

jieba also writes a cache of its prefix dictionary to the system temp folder,
shared by every user; here it goes to a per-user folder
(``$NEWSEXTRACT_CACHE`` or ``~/.cache/newsextract``).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .wordlists import read_rows

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_USER_DICT = DATA_DIR / "userdict.txt"
# jieba dictionary words that join two entities (上海市浦东新区): deleted at start-up
SPLIT_WORDS = DEFAULT_USER_DICT.parent / "jieba_split.txt"

_lock = threading.Lock()
_loaded_words: set[str] = set()
_loaded_files: set[str] = set()
_configured = False


def cache_dir() -> Path:
    """Per-user cache folder for jieba's prefix dictionary."""
    base = os.environ.get("NEWSEXTRACT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsextract"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def configure_jieba(user_dicts: Iterable[Path | str] = (), words: Iterable[str] = ()) -> None:
    """Point jieba's cache at a per-user folder and load the domain dictionary.

    ``user_dicts`` are extra jieba dictionary files (``word [freq] [tag]`` a
    line); ``words`` are names (gazetteer entries) to keep whole. Safe to call
    repeatedly: a file or word is loaded once per process.
    """
    global _configured
    import jieba

    with _lock:
        if not _configured:
            jieba.setLogLevel(logging.WARNING)
            jieba.dt.tmp_dir = str(cache_dir())
            jieba.dt.cache_file = "jieba.cache"
            jieba.initialize()
            if SPLIT_WORDS.exists():
                for row in read_rows(SPLIT_WORDS):
                    jieba.del_word(row[0].strip())
            _configured = True
        for path in [DEFAULT_USER_DICT, *user_dicts]:
            key = str(Path(path).resolve())
            if key in _loaded_files or not Path(path).exists():
                continue
            jieba.load_userdict(key)
            _loaded_files.add(key)
        for word in words:
            word = word.strip()
            if word and word not in _loaded_words and " " not in word:
                jieba.add_word(word, freq=max(2000, 200 * len(word)))
                _loaded_words.add(word)


# Sentence ends: Chinese and Western terminal punctuation (with closing quotes
# or brackets after them), ellipses, and paragraph breaks.
_SENT_END = re.compile(r"(?:[。！？!?；;]|…+|\.{3,})[”’」』）)]*|\n+")


def sentence_starts(text: str) -> list[int]:
    """Character offsets at which a sentence starts (0 included for non-empty text)."""
    starts = [0] if text else []
    for m in _SENT_END.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] in " \t\u3000\n":
            pos += 1
        if 0 < pos < len(text) and pos != starts[-1]:
            starts.append(pos)
    return starts


@Language.factory("newsextract_sentences")
def make_sentencizer(nlp: Language, name: str) -> SentenceSplitter:
    """Sentence boundaries at 。！？；… and paragraph breaks."""
    return SentenceSplitter()


class SentenceSplitter:
    """Sets ``Token.is_sent_start`` from punctuation and line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        starts = set(sentence_starts(doc.text))
        # One from_array call: setting Token.is_sent_start token by token checks
        # the whole doc's annotation each time (quadratic in the article's length).
        flags = numpy.array([1 if i == 0 or tok.idx in starts else -1 for i, tok in enumerate(doc)],
                            dtype="int64").reshape(-1, 1)
        if len(doc):
            doc.from_array([SENT_START], flags.astype("uint64"))
        return doc
