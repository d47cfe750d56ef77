"""The result cache: an identical request (same article, model, prompts and settings) costs no LLM call.

What is stored is one article's analysis (summary, claims, rejected items, notes), under a key that is the
SHA-256 of everything that can change it; the article's text is never a key and never logged. On disk by
default (diskcache: SQLite, safe across threads and worker processes), or in Redis when CROSSCHECK_CACHE_URL
is set, so that every worker and host shares it. A cache that fails (Redis down, disk full) is a miss, never
a failed request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Protocol

import diskcache
import redis.asyncio as aioredis
from pydantic import BaseModel

from service import __version__, telemetry
from service.config import Settings
from service.schemas import ArticleIn, Claim, RejectedItem, Summary
from service.text.checkworthiness import load_scorer
from service.text.salience import load_ranker, load_redundancy
from service.text.selection import load_selector

log = logging.getLogger(__name__)
KEY_VERSION = 1  # bump when the stored layout changes


class CachedAnalysis(BaseModel):
    """The LLM-dependent part of an analysis; ingest and loaded terms are recomputed (cheap, deterministic)."""

    summary: Summary | None
    claims: list[Claim] | None
    rejected_claims: list[RejectedItem]
    prompt_versions: dict[str, str]
    notes: list[str]


class ResultCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes) -> None: ...

    async def aclose(self) -> None: ...


class DiskCache:
    def __init__(self, directory: Path, ttl_s: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(directory))
        self._ttl = ttl_s or None

    async def get(self, key: str) -> bytes | None:
        # SQLite reads are quick but blocking: off the event loop.
        value = await asyncio.to_thread(self._cache.get, key)
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes) -> None:
        await asyncio.to_thread(self._cache.set, key, value, expire=self._ttl)

    async def aclose(self) -> None:
        self._cache.close()


class RedisCache:
    PREFIX = "crosscheck:result:"

    def __init__(self, url: str, ttl_s: int) -> None:
        # Short timeouts: a slow Redis must cost a request little, since a miss is always an option.
        self._client = aioredis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._ttl = ttl_s or None

    async def get(self, key: str) -> bytes | None:
        value = await self._client.get(self.PREFIX + key)
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes) -> None:
        await self._client.set(self.PREFIX + key, value, ex=self._ttl)

    async def aclose(self) -> None:
        await self._client.aclose()


def make_cache(settings: Settings) -> ResultCache | None:
    """The configured cache, or None when CROSSCHECK_CACHE=off."""
    if not settings.cache:
        return None
    if settings.cache_url is not None:
        return RedisCache(settings.cache_url.get_secret_value(), settings.cache_ttl_s)
    return DiskCache(settings.cache_dir, settings.cache_ttl_s)


def cache_key(article: ArticleIn, settings: Settings, prompts: dict[str, str], lexicon_version: str,
              parts: dict[str, bool], judge_version: str) -> str:
    """SHA-256 of a canonical JSON of everything the result depends on.

    ``prompts`` maps each prompt used to a digest of its full text, so an edited prompt misses even if its
    version was not bumped. ``judge_version`` names what the judge's decisions depend on besides the code (its
    rules' version, the NLP model, the calibration, the alias table): a result an older judge decided is not
    served. The service version stands for the rest of the code.
    """
    s = settings
    material: dict[str, Any] = {
        # The ArticleIn fields only: a subclass's extras (a cross-check's article id) don't change the result.
        "v": KEY_VERSION, "service": __version__,
        "article": article.model_dump(mode="json", include=set(ArticleIn.model_fields)),
        "model": s.llm_model, "api_base": s.llm_api_base, "fallbacks": s.llm_fallbacks, "prompts": prompts,
        "lexicon": lexicon_version, "judge": judge_version, "parts": parts,
        "settings": {name: getattr(s, name) for name in (
            "llm_temperature", "llm_max_tokens", "llm_json_mode", "llm_repair_attempts", "fallback_on_bad_output",
            "claims_max_candidates", "claims_batch_size", "claims_window", "claims_by_model", "claims_reviewed",
            "summary_max_sentences", "summary_input_chars", "embedded_n_ctx")},
        "selector": load_selector().version,
        "ranker": load_ranker().version,  # the summary's ranker: its data file is not code the version stands for
        "redundancy": load_redundancy().version,  # (and which sentences it takes to state the same fact)
        "checkworthiness": load_scorer().high.version,  # the claims' check-worthiness model
        "embedded_model_path": str(s.embedded_model_path) if s.is_embedded else None,
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def load(cache: ResultCache, key: str) -> CachedAnalysis | None:
    try:
        raw = await cache.get(key)
        return CachedAnalysis.model_validate_json(raw) if raw is not None else None
    except Exception as exc:  # noqa: BLE001 - any cache failure is a miss
        telemetry.CACHE_ERRORS.inc()
        log.warning("cache read failed: %s", type(exc).__name__)
        return None


async def store(cache: ResultCache, key: str, value: CachedAnalysis) -> None:
    try:
        await cache.set(key, value.model_dump_json().encode())
    except Exception as exc:  # noqa: BLE001 - the answer is already computed; only the saving is lost
        telemetry.CACHE_ERRORS.inc()
        log.warning("cache write failed: %s", type(exc).__name__)
