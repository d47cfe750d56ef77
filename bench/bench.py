"""Measurements, printed as tables (no timing asserts anywhere in the test suite).

1. Per seed article: raw vs sent characters and tokens (what boilerplate removal saves), and the wall time of
   a full analysis on the embedded model.
2. The service's own overhead per request: end-to-end latency over a fake LLM with a fixed delay, minus that
   delay, p50/p99 at concurrency 1 and 50 (the service runs under uvicorn in a subprocess, load from here).

Run: ``python bench/bench.py`` (``--skip-embedded`` for part 2 only).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from service.config import Settings  # noqa: E402
from service.schemas import ArticleIn  # noqa: E402
from service.text.ingest import ingest  # noqa: E402
from tests.fake_llm import FakeLLM  # noqa: E402

SEEDS = sorted((ROOT / "evals" / "data" / "articles").glob("0*.txt"))
DELAY_S = 0.2


def _table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [headers, *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def bench_embedded() -> None:
    from service.analysis.pipeline import Pipeline
    from service.llm import embedded

    settings = Settings()
    pipeline = Pipeline(settings)
    pipeline.llm.warm_up()
    llama = embedded.get_model(None, settings.embedded_n_ctx, settings.embedded_threads)._llama
    rows = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        doc = ingest(ArticleIn(text=text))
        raw_tok = len(llama.tokenize(text.encode()))
        sent_tok = len(llama.tokenize(doc.body_text.encode()))
        t0 = time.perf_counter()
        a = asyncio.run(pipeline.analyze(ArticleIn(text=text), "bench"))
        wall = time.perf_counter() - t0
        llm_claims = sum(c.method == "llm" for c in a.claims or [])
        rows.append([path.stem[:3], len(text), doc.meta.chars_body, f"{1 - doc.meta.chars_body / len(text):.0%}",
                     raw_tok, sent_tok, f"{wall:.1f}", a.meta.usage.calls, len(a.claims or []), llm_claims,
                     a.summary.method if a.summary else "-"])
    print("\n## Seeds on the embedded model (SmolLM2-135M, 2 cores)\n")
    print(_table(["seed", "raw chars", "sent chars", "cut", "raw tok", "body tok", "wall s", "LLM calls",
                  "claims", "llm claims", "summary"], rows))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _load(url: str, n: int, concurrency: int, body: dict[str, str]) -> tuple[list[float], int]:
    sem = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency + 10)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        async def one() -> None:
            nonlocal errors
            async with sem:
                t0 = time.perf_counter()
                r = await client.post(url, json=body)
                latencies.append(time.perf_counter() - t0)
                errors += r.status_code != 200
        await asyncio.gather(*(one() for _ in range(n)))
    return latencies, errors


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_overhead() -> None:
    fake = FakeLLM()
    fake.delay = DELAY_S
    port = _free_port()
    env = {**os.environ, "CROSSCHECK_LLM_MODEL": "openai/fake", "CROSSCHECK_LLM_API_BASE": fake.url,
           "CROSSCHECK_LLM_API_KEY": "sk-bench", "CROSSCHECK_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        body = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said. "
                        "Talks between Russia and Turkey resumed in Ankara on Saturday."}
        asyncio.run(_load(base + "/v1/summaries", 5, 1, body))  # warm up
        rows = []
        for concurrency, n in ((1, 40), (50, 300)):
            t0 = time.perf_counter()
            lat, errors = asyncio.run(_load(base + "/v1/summaries", n, concurrency, body))
            wall = time.perf_counter() - t0
            over = [x - DELAY_S for x in lat]
            rows.append([concurrency, n, errors, f"{statistics.median(lat) * 1000:.1f}",
                         f"{_pct(over, 0.5) * 1000:.1f}", f"{_pct(over, 0.99) * 1000:.1f}", f"{wall:.2f}",
                         f"{wall / (n / concurrency * DELAY_S):.2f}"])
        print(f"\n## Service overhead over a fake LLM with a fixed {DELAY_S * 1000:.0f} ms delay "
              "(POST /v1/summaries: one LLM call)\n")
        print(_table(["concurrency", "requests", "errors", "p50 ms", "overhead p50 ms", "overhead p99 ms",
                      "wall s", "wall / ideal"], rows))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        fake.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-embedded", action="store_true")
    args = parser.parse_args()
    bench_overhead()
    if not args.skip_embedded:
        bench_embedded()


if __name__ == "__main__":
    main()
