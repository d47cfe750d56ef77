"""Load measurements of the real server, printed as tables (no asserts: numbers to read, not to gate on).

Three processes: the service (``python -m service serve``, uvicorn), the fake LLM (tests/fake_llm.py, a
threaded HTTP server answering after a fixed 200 ms) and this load generator (httpx.AsyncClient, one
connection per concurrent request), so that the load generator shares no event loop with the service.

1. The fake LLM alone, as the reference: what it adds above its own 200 ms at each concurrency.
2. Service overhead (end-to-end latency minus the fake's 200 ms) at concurrency 1, 50 and 200, with the
   default backpressure (CROSSCHECK_LLM_MAX_CONCURRENCY=16 slots, CROSSCHECK_MAX_PENDING_REQUESTS=256) and
   with it raised out of the way.
3. 200 concurrent POST /v1/analyses at once: errors and wall time against one request alone.
4. The server's resident memory before and after 2,000 (and 4,000) analyses.
5. The result cache: latency of a hit against a miss.
6. Start-up: from spawning the process to /healthz answering 200.

Run: ``python bench/load.py`` (``--quick`` for smaller counts). The machine's load average is printed: on a
shared 2-core machine, other work shifts the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import httpx  # noqa: E402

from bench.bench import _table  # noqa: E402
from tests.live_server import LiveServer, rss_kib  # noqa: E402

DELAY_S = 0.2
SHORT = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said. "
                 "Talks between Russia and Turkey resumed in Ankara on Saturday."}
SEED = {"text": (ROOT / "evals" / "data" / "articles" / "000_3f752992765d83bb.txt").read_text(encoding="utf-8")}
RAISED = {"CROSSCHECK_LLM_MAX_CONCURRENCY": "1000", "CROSSCHECK_MAX_PENDING_REQUESTS": "2000"}
# The fake in its own process (its listen backlog, set in tests/fake_llm.py, takes a burst of 200 connections).
_FAKE = """
import sys, time
from tests.fake_llm import FakeLLM
fake = FakeLLM()
fake.delay = float(sys.argv[1])
print(fake.url, flush=True)
while True:
    time.sleep(60)
    fake.requests.clear()
"""


@contextmanager
def fake_llm(delay: float = DELAY_S) -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-c", _FAKE, str(delay)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def service(api_base: str, **env: str) -> Iterator[LiveServer]:
    live = LiveServer(api_base, "sk-bench", CROSSCHECK_LOG_LEVEL="ERROR", **env)
    live.start()
    try:
        yield live
    finally:
        live.stop()


async def _load(url: str, n: int, concurrency: int, body: dict[str, object], *, burst: bool = False
                ) -> tuple[list[float], Counter[int | str], float, list[dict[str, object]]]:
    """``n`` POSTs, ``concurrency`` at a time (``burst``: all ``n`` started at once).

    Returns:
        Latencies of the 200s (s), statuses (or the client error's name), wall time (s), and the metas of the
        200s.
    """
    sem = asyncio.Semaphore(n if burst else concurrency)
    latencies: list[float] = []
    metas: list[dict[str, object]] = []
    statuses: Counter[int | str] = Counter()
    limits = httpx.Limits(max_connections=concurrency + 10, max_keepalive_connections=concurrency + 10)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        async def one() -> None:
            async with sem:
                t0 = time.perf_counter()
                try:
                    r = await client.post(url, json=body)
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                    return
                statuses[r.status_code] += 1
                if r.status_code == 200:
                    latencies.append(time.perf_counter() - t0)
                    meta = r.json().get("meta")
                    if isinstance(meta, dict):
                        metas.append(meta)

        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        wall = time.perf_counter() - t0
    return latencies, statuses, wall, metas


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def _errors(statuses: Counter[int | str]) -> str:
    bad = {k: v for k, v in statuses.items() if k != 200}
    return ", ".join(f"{v}×{k}" for k, v in sorted(bad.items(), key=lambda kv: str(kv[0]))) or "0"


def bench_fake_alone(levels: list[tuple[int, int]]) -> list[list[object]]:
    body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}]}
    rows = []
    with fake_llm() as url:
        for concurrency, n in levels:
            lat, statuses, wall, _ = asyncio.run(_load(url + "/chat/completions", n, concurrency, body))
            over = [x - DELAY_S for x in lat]
            rows.append(["fake LLM alone", concurrency, n, _errors(statuses), _ms(_pct(over, 0.5)),
                         _ms(_pct(over, 0.99)), f"{wall:.2f}", f"{len(lat) / wall:.0f}",
                         f"{wall / (n / concurrency * DELAY_S):.2f}"])
    return rows


def bench_overhead(levels: list[tuple[int, int]]) -> list[list[object]]:
    rows = []
    with fake_llm() as api:
        for label, env in (("service, defaults (16 slots, 256 requests)", {}),
                           ("service, limits raised", RAISED)):
            with service(api, **env) as live:
                asyncio.run(_load(live.url + "/v1/summaries", 10, 5, SHORT))  # warm up
                for concurrency, n in levels:
                    lat, statuses, wall, _ = asyncio.run(_load(live.url + "/v1/summaries", n, concurrency, SHORT))
                    over = [x - DELAY_S for x in lat]
                    rows.append([label, concurrency, n, _errors(statuses), _ms(_pct(over, 0.5)),
                                 _ms(_pct(over, 0.99)), f"{wall:.2f}", f"{len(lat) / wall:.0f}",
                                 f"{wall / (n / concurrency * DELAY_S):.2f}"])
    return rows


def bench_burst_and_memory(n_memory: int) -> tuple[list[list[object]], list[list[object]]]:
    burst_rows, memory_rows = [], []
    with fake_llm() as api:
        for label, env in (("defaults (16 slots, 256 requests)", {}), ("limits raised", RAISED)):
            with service(api, **env) as live:
                url = live.url + "/v1/analyses"
                runs = [asyncio.run(_load(url, 1, 1, SEED)) for _ in range(6)][1:]
                single = statistics.median(run[0][0] for run in runs)
                usage = runs[0][3][0].get("usage")
                calls = usage.get("calls") if isinstance(usage, dict) else "?"
                lat, statuses, wall, _ = asyncio.run(_load(url, 200, 200, SEED, burst=True))
                burst_rows.append([label, 200, calls, _errors(statuses), _ms(single), f"{wall:.2f}",
                                   f"{wall / single:.1f}", _ms(_pct(lat, 0.5)), _ms(_pct(lat, 0.99))])
                if env is RAISED:
                    before = rss_kib(live.pid)
                    rss = [before]
                    for _ in range(2):
                        asyncio.run(_load(url, n_memory, 50, SEED))
                        rss.append(rss_kib(live.pid))
                    memory_rows.append([f"{before / 1024:.1f}", f"{rss[1] / 1024:.1f}", f"{rss[2] / 1024:.1f}",
                                        f"{(rss[1] - before) / 1024:+.1f}", f"{(rss[2] - rss[1]) / 1024:+.1f}",
                                        f"{rss_kib(live.pid, 'VmHWM') / 1024:.1f}"])
    return burst_rows, memory_rows


def bench_cache(n: int) -> list[list[object]]:
    rows = []
    with fake_llm() as api, tempfile.TemporaryDirectory() as tmp:
        with service(api, CROSSCHECK_CACHE="on", CROSSCHECK_CACHE_DIR=tmp, **RAISED) as live:
            url = live.url + "/v1/analyses"
            misses = []
            for i in range(5):  # each a new article: a miss that also fills the cache
                lat, _, _, metas = asyncio.run(_load(url, 1, 1, {"text": SEED["text"] + f"\n\nUpdate {i}."}))
                assert metas and metas[0].get("cache") == "miss", metas
                misses += lat
            for concurrency in (1, 50):
                lat, statuses, _, metas = asyncio.run(_load(url, n, concurrency, SEED))
                hits = sum(m.get("cache") == "hit" for m in metas)
                rows.append([concurrency, n, _errors(statuses), hits, _ms(statistics.median(misses)),
                             _ms(_pct(lat, 0.5)), _ms(_pct(lat, 0.99)),
                             f"{statistics.median(misses) / _pct(lat, 0.5):.2g}×"])
    return rows


def bench_startup(runs: int) -> list[list[object]]:
    times = []
    for _ in range(runs):
        live = LiveServer("http://127.0.0.1:9/v1", "sk-bench")
        times.append(live.start())
        live.stop()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import service.api.app"], cwd=ROOT, check=True,
                   env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
    imported = time.perf_counter() - t0
    return [[runs, f"{statistics.median(times):.2f}", f"{min(times):.2f}", f"{max(times):.2f}", f"{imported:.2f}"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    args = parser.parse_args()
    q = args.quick
    levels = [(1, 10 if q else 40), (50, 100 if q else 400), (200, 200 if q else 1000)]
    print(f"# crosscheck load bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load average before {os.getloadavg()[0]:.2f}")
    head = ["what", "concurrency", "requests", "errors", "overhead p50 ms", "overhead p99 ms", "wall s", "req/s",
            "wall / ideal"]
    print(f"\n## Overhead above the fake LLM's fixed {DELAY_S * 1000:.0f} ms (POST /v1/summaries: one LLM call, "
          "2-sentence article)\n")
    print(_table(head, bench_fake_alone(levels) + bench_overhead(levels)))
    burst, memory = bench_burst_and_memory(200 if q else 2000)
    print("\n## 200 concurrent POST /v1/analyses (seed 000, 8.8 kB; its LLM calls run concurrently)\n")
    print(_table(["config", "requests", "LLM calls each", "errors", "one alone ms", "wall s", "wall / one alone",
                  "p50 ms (200s)", "p99 ms (200s)"], burst))
    n = 200 if q else 2000
    print("\n## Server memory (VmRSS, MB) over POST /v1/analyses at concurrency 50, limits raised\n")
    print(_table(["before", f"after {n}", f"after {2 * n}", f"first {n}", f"second {n}", "peak (VmHWM)"], memory))
    print("\n## Result cache (disk): a hit against a miss, POST /v1/analyses of seed 000\n")
    print(_table(["concurrency", "requests", "errors", "cache hits", "miss p50 ms", "hit p50 ms", "hit p99 ms",
                  "miss p50 / hit p50"], bench_cache(50 if q else 300)))
    print("\n## Start-up: spawn `python -m service serve` until GET /healthz answers 200\n")
    print(_table(["runs", "median s", "min s", "max s", "`import service.api.app` alone s"],
                 bench_startup(3 if q else 5)))
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
