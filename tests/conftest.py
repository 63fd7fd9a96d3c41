"""Shared fixtures. Building the pipeline loads jieba and the model once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"
SEED_ID = "qingdao-daily-parks"


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ.setdefault("NEWSEXTRACT_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def pipe():
    from newsextract import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
