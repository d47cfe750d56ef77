"""Cross-check wall time against one article's analysis, over a fake LLM with a fixed delay.

    python bench/cross_check.py [--delay 0.2] [--repeat 3]

Prints a table: a single-article analysis (summary + claims), a single article's claims, and cross-checks of
5 and 20 articles, each with its LLM calls, wall time and ratio to the single analysis; once with the default
LLM concurrency cap (CROSSCHECK_LLM_MAX_CONCURRENCY) and once with the cap raised, to show what is the cap's
doing and what is the engine's. Also the matching step alone (no LLM) for 20 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evals.labels import article_ids, load  # noqa: E402
from evals.stories import load_story  # noqa: E402
from service.analysis import crosscheck  # noqa: E402
from service.analysis.pipeline import Pipeline  # noqa: E402
from service.schemas import ArticleIn  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.fake_llm import FakeLLM  # noqa: E402


def corpus() -> list[tuple[str, ArticleIn]]:
    """20 real articles: the 5 seeds, the 5 Rana Plaza articles and 10 CNN/DM and XSum articles."""
    seeds = [(i, ArticleIn(text=load(i)[0])) for i in article_ids() if i[0].isdigit()]
    rana = [(k, ArticleIn(text=t)) for k, t in load_story("bd_rana_plaza").texts.items()]
    others = [(i, ArticleIn(text=load(i)[0])) for i in article_ids() if not i[0].isdigit()][:10]
    return seeds + rana + others


async def timed(coro_factory, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    walls, calls = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        calls = await coro_factory()
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls), calls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.2, help="the fake LLM's fixed delay per call (s)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fake = FakeLLM()
    fake.delay = args.delay
    articles = corpus()
    rows = []
    try:
        for label, cap in (("default cap", None), ("cap 64", 64)):
            overrides = {"claims_batch_size": 6, "llm_timeout_s": 60.0, "llm_budget_s": 300.0}
            if cap:
                overrides |= {"llm_max_concurrency": cap}
            settings = make_settings(fake, **overrides)
            pipeline = Pipeline(settings)

            single, claims_only = _single(pipeline, articles[0][1], True), _single(pipeline, articles[0][1], False)

            def check(n: int, pipeline: Pipeline = pipeline):  # type: ignore[no-untyped-def]
                async def run() -> int:
                    out = await crosscheck.run(pipeline, articles[:n], "bench")
                    return out.meta.usage.calls
                return run

            base, base_calls = asyncio.run(timed(single, args.repeat))
            rows.append((label, "1 article: analysis (summary+claims)", base_calls, base, 1.0))
            wall, calls = asyncio.run(timed(claims_only, args.repeat))
            rows.append((label, "1 article: claims only", calls, wall, wall / base))
            for n in (5, 20):
                wall, calls = asyncio.run(timed(check(n), args.repeat))
                rows.append((label, f"cross-check of {n} articles", calls, wall, wall / base))
        analyses = asyncio.run(_analyses(Pipeline(make_settings(fake, claims_batch_size=6)), articles))
        t0 = time.perf_counter()
        groups, _ = crosscheck.cross_check(analyses)
        match_ms = (time.perf_counter() - t0) * 1000
    finally:
        fake.close()
    print(f"fake LLM delay {args.delay * 1000:.0f} ms per call; median of {args.repeat} runs; 2 cores\n")
    print(f"| {'LLM cap':<12}| {'what':<38}| {'LLM calls':>9} | {'wall (s)':>8} | {'× single analysis':>17} |")
    print(f"|{'-' * 13}|{'-' * 39}|{'-' * 11}|{'-' * 10}|{'-' * 19}|")
    for label, what, calls, wall, ratio in rows:
        print(f"| {label:<12}| {what:<38}| {calls:>9} | {wall:>8.2f} | {ratio:>17.2f} |")
    n_claims = sum(len(a.claims or []) for a in analyses.values())
    print(f"\nmatching alone (no LLM), 20 articles, {n_claims} claims -> {len(groups)} groups: {match_ms:.0f} ms")


def _single(pipeline: Pipeline, article: ArticleIn, summary: bool):  # type: ignore[no-untyped-def]
    async def run() -> int:
        a = await pipeline.analyze(article, "bench", summary=summary)
        return a.meta.usage.calls
    return run


async def _analyses(pipeline: Pipeline, articles: list[tuple[str, ArticleIn]]):  # type: ignore[no-untyped-def]
    results = await asyncio.gather(*(pipeline.analyze(a, "bench", summary=False) for _, a in articles))
    return {k: r for (k, _), r in zip(articles, results, strict=True)}


if __name__ == "__main__":
    main()
