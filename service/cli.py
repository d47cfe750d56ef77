"""crosscheck: neutral summaries and grounded, checkable claims from news articles.

  crosscheck serve                   run the HTTP API (http://127.0.0.1:8000, OpenAPI at /docs)
  crosscheck analyze FILE|-          analyse one article: summary, claims, loaded terms (--json: the API response)
  crosscheck check FILE FILE ...     cross-check several articles about one story

analyze and check run in this process, with the model configured by CROSSCHECK_* settings (by default the
embedded one, loaded by this command); to use a running service and its cache, POST to its API instead.
Also: python -m service.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import textwrap
import uuid

from service.config import get_settings
from service.errors import CrosscheckError, InputError, LLMError
from service.schemas import AnalysisOut, ArticleIn, CrossCheckOut


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.api.app import create_app

    settings = get_settings()
    app = create_app(settings)  # configures logging (CROSSCHECK_LOG_FORMAT)
    # timeout_graceful_shutdown: on SIGTERM, in-flight requests get this long to finish.
    # log_config=None: uvicorn's own lines go through the service's handler too (one format on stderr);
    # access_log=False: the service logs each request itself, with its LLM totals.
    uvicorn.run(app, host=args.host, port=args.port, timeout_graceful_shutdown=int(settings.llm_budget_s),
                log_config=None, access_log=False)
    return 0


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def render(result: AnalysisOut) -> str:
    """A person-readable analysis."""
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="    ")
    a, out = result.article, []
    out.append(f"# {a.title or '(untitled)'}")
    details = [f"by {a.author}" if a.author else "", a.outlet or "", str(a.published or ""),
               f"original source: {a.original_source}" if a.original_source else ""]
    out.append(" · ".join(d for d in details if d))
    out.append(f"{a.chars_body:,} of {a.chars_total:,} characters analysed "
               f"({len(a.boilerplate)} boilerplate blocks set aside)\n")
    out.append(f"## Neutral summary ({result.summary.method})")
    for s in result.summary.sentences:
        out.append(wrap.fill(f"  - {s.text}  [{s.method}; {len(s.support)} source span(s)]"))
    out.append(f"\n## Checkable claims ({len(result.claims)})")
    for c in result.claims:
        out.append(wrap.fill(f"  {c.id}. {c.text}"))
        out.append(wrap.fill(f"      quote [{c.start}:{c.end}]: \"{c.quote}\""))
        out.append(f"      asserted by: {c.attributed_to} · kind: {c.kind} · check-worthiness: "
                   f"{c.checkworthiness:.2f} · {c.method} · grounding: {c.grounding.status}")
    terms: dict[str, int] = {}
    for t in result.loaded_terms:
        terms[t.text.lower()] = terms.get(t.text.lower(), 0) + 1
    out.append("\n## Loaded terms")
    out.append("  " + (", ".join(f"{k} ×{v}" for k, v in sorted(terms.items(), key=lambda kv: -kv[1])) or "none"))
    m = result.meta
    out.append(f"\nmodel {m.model} · prompts {', '.join(m.prompt_versions.values())} · "
               f"{m.usage.total_tokens} tokens in {m.usage.calls} calls · {m.timings_ms.get('total', 0) / 1000:.1f}s")
    out.extend(f"note: {n}" for n in m.notes)
    return "\n".join(out)


def _analyze(args: argparse.Namespace) -> int:
    from service.analysis.pipeline import Pipeline

    settings = get_settings()
    pipeline = Pipeline(settings)
    pipeline.llm.check_config()
    article = ArticleIn(text=_read(args.file))
    analysis = asyncio.run(pipeline.analyze(article, uuid.uuid4().hex))
    result = pipeline.to_response(analysis)
    print(result.model_dump_json(indent=2) if args.json else render(result))
    return 0


def render_cross_check(result: CrossCheckOut, width: int = 100) -> str:
    """A person-readable cross-check: sources, then one row per group (verdict, sources, statement, articles)."""
    out = ["## Sources"]
    for src in result.sources:
        out.append(f"  {src.id}  {src.name}: {', '.join(src.article_ids)}")
        out.extend(textwrap.fill(f"merged because {why}", width, initial_indent="      ",
                                 subsequent_indent="        ") for why in src.merged_because)
    shown = [g for g in result.groups if len(g.claims) > 1 or g.verdict != "single_source"]
    out.append(f"\n## Facts stated by more than one article ({len(shown)} of {len(result.groups)} groups)")
    out.append(f"  {'verdict':<14}{'sources':<9}statement  [articles]")
    for g in shown:
        articles = ", ".join(dict.fromkeys(c.article_id for c in g.claims))
        line = f"{g.statement}  [{articles}]"
        out.append(textwrap.fill(line, width, initial_indent=f"  {g.verdict:<14}{g.independent_sources:<9}",
                                 subsequent_indent=" " * 25))
        out.extend(f"{'':<25}differs: {d.part}: {d.detail}" for d in g.differs)
        if g.upstream_party:
            out.append(f"{'':<25}all from one party: {g.upstream_party}")
    single = [g for g in result.groups if g not in shown]
    out.append(f"\n## Single-source claims: {len(single)} (use --json for all)")
    m = result.meta
    out.append(f"\nmodel {m.model} · {m.usage.calls} LLM calls · {m.timings_ms.get('total', 0) / 1000:.1f}s")
    out.extend(f"note: {n}" for n in m.notes)
    return "\n".join(out)


def _check(args: argparse.Namespace) -> int:
    from service.analysis import crosscheck
    from service.analysis.pipeline import Pipeline

    settings = get_settings()
    if len(args.files) < 2:
        raise ValueError("a cross-check needs two or more articles")
    pipeline = Pipeline(settings)
    pipeline.llm.check_config()
    articles = [(_article_id(path, n), ArticleIn(text=_read(path))) for n, path in enumerate(args.files, 1)]
    result = asyncio.run(crosscheck.run(pipeline, articles, uuid.uuid4().hex))
    print(result.model_dump_json(indent=2) if args.json else render_cross_check(result))
    return 0


def _article_id(path: str, n: int) -> str:
    """The file's name without its extension, as the article's id (a1, a2... for standard input)."""
    return f"a{n}" if path == "-" else os.path.splitext(os.path.basename(path))[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosscheck", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=_serve)
    analyze = sub.add_parser("analyze", help="analyse one article (a file, or - for standard input)")
    analyze.add_argument("file")
    analyze.add_argument("--json", action="store_true", help="print the raw API response")
    analyze.set_defaults(func=_analyze)
    check = sub.add_parser("check", help="cross-check several articles about one story (files)")
    check.add_argument("files", nargs="+")
    check.add_argument("--json", action="store_true", help="print the raw API response")
    check.set_defaults(func=_check)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (InputError, LLMError) as exc:
        print(f"crosscheck: {getattr(exc, 'title', 'error')}: {exc}", file=sys.stderr)
        return 2
    except CrosscheckError as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2
