"""The command line's text reports: one analysis (the article with its claims and loaded terms marked in
place) and one cross-check (every group with every member's article, party and verbatim quote).

Styled output (a rich ``Console`` that writes to a terminal) marks spans with colour and ``[c3]`` tags; plain
output uses bracket markers that survive copy-paste and can be parsed back (``⟦c3 …⟧`` a claim's quote,
``«…»`` a loaded term, ``⟪kind: …⟫`` text set aside), and keeps the article's own lines unwrapped so that a
copied quote is the verbatim source.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from rich.console import Console
from rich.text import Text

from service.marking import segments, source_names
from service.schemas import AnalysisOut, ClaimGroup, CrossCheckOut, GroupMember

WIDTH = 100
Kind = Literal["aside", "claim", "term"]
# Outer to inner when spans start together: boilerplate holds no claims, a claim may hold a loaded term.
_RANK: dict[Kind, int] = {"aside": 0, "claim": 1, "term": 2}
_CLOSE: dict[Kind, str] = {"aside": "⟫", "claim": "⟧", "term": "»"}
_STYLE: dict[Kind, str] = {"aside": "dim", "claim": "underline cyan", "term": "bold yellow"}
LEGEND_PLAIN = "⟦c3 …⟧ claim c3's quote · «…» loaded term · ⟪kind: …⟫ set aside, not analysed"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: Kind
    label: str  # claim ids ("c3" or "c3,c4" for one span) or the boilerplate kind; empty for a term


def _edges(m: Mark) -> tuple[int, int]:
    return m.start, m.end


def _order(m: Mark) -> tuple[int, int, int, str]:
    return m.start, -m.end, _RANK[m.kind], m.label


def marks_of(result: AnalysisOut, text: str) -> tuple[list[Mark], list[str]]:
    """The spans to mark, and a note for each span whose offsets do not index ``text`` (nothing is marked
    where the text and the response disagree)."""
    notes: list[str] = []
    by_span: dict[tuple[int, int], list[str]] = {}
    for c in result.claims:
        if text[c.start : c.end] == c.quote and c.end > c.start:
            by_span.setdefault((c.start, c.end), []).append(c.id)
        else:
            notes.append(f"claim {c.id}'s quote is not at [{c.start}:{c.end}] of this text; not marked")
    # Claims with the same quote (one sentence, several facts) share one marker.
    marks = [Mark(s, e, "claim", ",".join(ids)) for (s, e), ids in by_span.items()]
    marks += [Mark(t.start, t.end, "term", "") for t in result.loaded_terms
              if t.end > t.start and text[t.start : t.end] == t.text]
    marks += [Mark(b.start, b.end, "aside", b.kind) for b in result.article.boilerplate
              if 0 <= b.start < b.end <= len(text)]
    return sorted(marks, key=_order), notes


def _opening(m: Mark) -> str:
    return {"claim": f"⟦{m.label} ", "term": "«", "aside": f"⟪{m.label}: "}[m.kind]


def mark_plain(text: str, marks: list[Mark]) -> str:
    """Bracket markers, always properly nested: a span that crosses another's edge is closed there and
    reopened (with its label), so a parser with a stack gives every claim its exact quote back."""
    out: list[str] = []
    stack: list[Mark] = []
    for a, b, active in segments(text, marks, _edges):
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        out.extend(_CLOSE[m.kind] for m in reversed(stack[keep:]))
        out.extend(_opening(m) for m in active[keep:])
        out.append(text[a:b])
        stack = active
    out.extend(_CLOSE[m.kind] for m in reversed(stack))
    return "".join(out)


def mark_styled(text: str, marks: list[Mark]) -> Text:
    """Colour for a terminal: claims underlined with their ``[c3]`` tag where they start, loaded terms in
    another colour, set-aside text dimmed under its kind; where claims overlap the text is bold as well."""
    out = Text()
    for a, b, active in segments(text, marks, _edges):
        for m in active:
            if m.start == a and m.kind == "claim":
                out.append(f"[{m.label}]", style="bold cyan")
            elif m.start == a and m.kind == "aside":
                out.append(f"[set aside: {m.label}] ", style="dim italic red" if m.label == "instruction"
                           else "dim italic")
        styles = [_STYLE[m.kind] for m in active]
        if sum(m.kind == "claim" for m in active) > 1:
            styles.append("bold")
        out.append(text[a:b], style=" ".join(styles))
    return out


def _styled(console: Console, text: Text) -> str:
    with console.capture() as capture:
        console.print(text, width=min(console.width, WIDTH), overflow="fold")
    return capture.get().rstrip("\n")


def article_section(result: AnalysisOut, submitted: str, console: Console | None) -> list[str]:
    # For HTML input every offset indexes the extracted text, not the page that was sent.
    text = result.article.text or submitted
    marks, notes = marks_of(result, text)
    # Blank lines around the article are not part of any span: trimming them moves nothing that is marked.
    lead = len(text) - len(text.lstrip())
    body, shifted = text.strip(), [Mark(m.start - lead, m.end - lead, m.kind, m.label) for m in marks]
    out = ["\n## The article: claims and loaded terms marked"]
    if console is None:
        out += [LEGEND_PLAIN, "", mark_plain(body, shifted)]
    else:
        legend = Text.assemble(("[c3]", "bold cyan"), " ", ("claim c3's quote", _STYLE["claim"]), " · ",
                               ("loaded term", _STYLE["term"]), " · ", ("set aside, not analysed", _STYLE["aside"]))
        out += [_styled(console, legend), "", _styled(console, mark_styled(body, shifted))]
    out += [f"note: {n}" for n in notes]
    return out


def render(result: AnalysisOut, text: str, console: Console | None = None) -> str:
    """A person-readable analysis of ``text`` (the article as submitted). ``console``: styled for that
    terminal; None: plain text with bracket markers."""
    wrap = textwrap.TextWrapper(width=WIDTH, subsequent_indent="    ", break_on_hyphens=False)
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
    out.extend(article_section(result, text, console))
    out.append(f"\n## Checkable claims ({len(result.claims)})")
    for c in result.claims:
        out.append(wrap.fill(f"  {c.id}. {c.text}"))
        out.append(wrap.fill(f"      quote [{c.start}:{c.end}]: \"{c.quote}\""))
        certainty = "" if c.certainty == "asserted" else f" · {c.certainty}, not checkable as a fact"
        g = c.grounding
        out.append(f"      asserted by: {c.attributed_to} · kind: {c.kind}{certainty} · check-worthiness: "
                   f"{c.checkworthiness:.2f} · {c.method} · judge: {g.status} ({g.score:.2f})")
        out.extend(wrap.fill(f"      judge: {r}") for r in g.reasons)
    out.append("\n## Loaded terms")
    terms = Counter(t.text.lower() for t in result.loaded_terms)
    neutral = {t.text.lower(): t.neutral for t in result.loaded_terms}
    out.append(wrap.fill("  " + (", ".join(f"{k} ×{n} (neutral: {neutral[k]})" for k, n in terms.most_common())
                                 or "none")))
    m = result.meta
    cached = " · from the service's cache" if m.cache == "hit" else ""
    out.append(f"\nmodel {m.model} · prompts {', '.join(m.prompt_versions.values())} · "
               f"{m.usage.total_tokens} tokens in {m.usage.calls} calls · {m.timings_ms.get('total', 0) / 1000:.1f}s"
               f"{cached}")
    out.extend(f"note: {n}" for n in m.notes)
    return "\n".join(out)


def _fill(text: str, width: int, first: int, rest: int) -> str:
    # Lines break at spaces only: a quote must read verbatim ("pro-government", not "pro- government").
    return textwrap.fill(text, width, initial_indent=" " * first, subsequent_indent=" " * rest,
                         break_on_hyphens=False, break_long_words=False)


def _verdict(g: ClaimGroup, names: dict[str, str]) -> str:
    articles = len({m.article_id for m in g.claims})
    of = f"{articles} article{'s' if articles > 1 else ''}"
    who = ", ".join(names.get(s, s.removeprefix("party:")) for s in g.source_ids)
    if g.verdict == "corroborated":
        return f"corroborated by {g.independent_sources} independent sources ({who}) · {of}"
    if g.verdict == "conflicting":
        return f"CONFLICTING: {g.independent_sources} independent sources disagree ({who}) · {of}"
    return f"single source ({who}) · {of}"


def _member(m: GroupMember, names: dict[str, str], article_source: dict[str, str], width: int) -> list[str]:
    counted = names.get(m.source_id, m.source_id.removeprefix("party:"))
    who = m.attributed_to
    if m.attributed_to == "the author":
        who = f"the author ({names.get(article_source.get(m.article_id, ''), 'its source')})"
    elif counted.casefold() != m.attributed_to.casefold():
        who += f", counted as {counted}"
    return [f"      · {m.article_id}#{m.claim_id}  {who}",
            _fill(f"\"{m.quote}\"", width, 8, 9)]


def _group(g: ClaimGroup, names: dict[str, str], article_source: dict[str, str], width: int) -> list[str]:
    out = [f"  {g.id:<5}{_verdict(g, names)}",
           _fill(g.statement, width, 7, 7)]
    out.extend(textwrap.fill(f"differs ({d.part}): {d.detail}  [{', '.join(d.claims)}]", width,
                             initial_indent=" " * 7, subsequent_indent=" " * 9) for d in g.differs)
    if g.upstream_party:
        out.append(f"       all from one party, counted once: {g.upstream_party}")
    for m in g.claims:
        out.extend(_member(m, names, article_source, width))
    return out


def render_cross_check(result: CrossCheckOut, width: int = WIDTH) -> str:
    """A person-readable cross-check: the sources, then every group (corroborated and conflicting first, then
    single-source) with its verdict, statement and every member claim's article, party and verbatim quote."""
    names = source_names(result)
    article_source = {a.id: a.source_id for a in result.articles}
    titles = {a.id: (a.article.title or "(untitled)", a.claims) for a in result.articles}
    out = [f"## Sources ({len(result.sources)})"]
    for src in result.sources:
        out.append(f"  {src.id:<5}{src.name}")
        for aid in src.article_ids:
            title, claims = titles.get(aid, ("", 0))
            out.append(" " * 7 + textwrap.shorten(f"{aid} · {title} ({claims} claims)", width - 7, placeholder="…"))
        out.extend(textwrap.fill(f"merged because {why}", width, initial_indent=" " * 7,
                                 subsequent_indent=" " * 9) for why in src.merged_because)
    several = [g for g in result.groups if g.verdict != "single_source"]
    single = [g for g in result.groups if g.verdict == "single_source"]
    for title, groups in ((f"Corroborated and conflicting facts ({len(several)} of {len(result.groups)} groups)",
                           several),
                          (f"Facts from a single source ({len(single)} of {len(result.groups)} groups)", single)):
        out.append(f"\n## {title}")
        for g in groups:
            out.extend(_group(g, names, article_source, width))
        if not groups:
            out.append("  none")
    m = result.meta
    cached = " · from the service's cache" if m.cache == "hit" else ""
    out.append(f"\nmodel {m.model} · {m.usage.calls} LLM calls · {m.timings_ms.get('total', 0) / 1000:.1f}s{cached}")
    out.extend(f"note: {n}" for n in m.notes)
    return "\n".join(out)
