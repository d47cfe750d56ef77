"""What the web page shows, computed from the API's own responses: the article marked up in place, and the
cross-check as a grid. Pure functions over the response models, so that the page can show nothing the API
does not return, and so that the offsets are tested without a browser.

The article is cut at every boundary of every span (claims, loaded terms, set-aside blocks, summary support),
and each piece says which spans cover it. Overlapping spans therefore need no special case: a claim whose
quote overlaps another's is the run of pieces carrying its id, and the text of that run is its quote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from service.marking import segments, source_names
from service.schemas import (
    AnalysisOut,
    BoilerplateSpan,
    Claim,
    ClaimGroup,
    CrossCheckOut,
    GroupMember,
    LoadedTerm,
    Span,
)

# What a set-aside block is, in words (BoilerplateSpan.kind).
ASIDE_LABELS = {
    "instruction": "set aside: text addressed to an AI model (possible prompt injection)",
    "navigation": "set aside: navigation",
}

VERDICT_WORDS = {
    "corroborated": "corroborated",
    "conflicting": "conflicting",
    "single_source": "single source",
}


@dataclass
class Piece:
    text: str
    claims: list[str] = field(default_factory=list)
    terms: list[LoadedTerm] = field(default_factory=list)
    aside: BoilerplateSpan | None = None
    support: list[str] = field(default_factory=list)  # ids of the summary sentences it supports


def pieces(text: str, claims: Sequence[Claim] = (), terms: Sequence[LoadedTerm] = (),
           aside: Sequence[BoilerplateSpan] = (), support: dict[str, list[Span]] | None = None) -> list[Piece]:
    """``text`` cut at every span boundary; each piece with the spans that cover it."""
    spans: list[tuple[Claim | LoadedTerm | BoilerplateSpan | str, int, int]] = [
        *((c, c.start, c.end) for c in claims), *((t, t.start, t.end) for t in terms),
        *((b, b.start, b.end) for b in aside),
        *((sid, sp.start, sp.end) for sid, ss in (support or {}).items() for sp in ss)]
    out: list[Piece] = []
    for a, b, covering in segments(text, spans, lambda s: (s[1], s[2])):
        piece = Piece(text[a:b])
        for item, _, _ in covering:
            if isinstance(item, Claim):
                piece.claims.append(item.id)
            elif isinstance(item, LoadedTerm):
                piece.terms.append(item)
            elif isinstance(item, BoilerplateSpan):
                piece.aside = piece.aside or item
            elif item not in piece.support:
                piece.support.append(item)
        out.append(piece)
    return out


def tier(checkworthiness: float) -> str:
    """High, medium or low, as the labels grade check-worthiness."""
    return "high" if checkworthiness >= 0.67 else "medium" if checkworthiness >= 0.34 else "low"


def marked_article(text: str, claims: Sequence[Claim] = (), terms: Sequence[LoadedTerm] = (),
                   aside: Sequence[BoilerplateSpan] = (), support: dict[str, list[Span]] | None = None) -> Markup:
    """The article as HTML with its spans marked in place. Every character of ``text`` appears once, in order,
    and nothing else does (labels are CSS-generated), so the element text is exactly the source text.

    Consecutive pieces that share a span share its element (set-aside block, then claim, then support, then
    loaded term, outermost first), so a claim is one link unless another claim's quote overlaps it."""
    tiers = {c.id: tier(c.checkworthiness) for c in claims}

    def aside_open(p: Piece) -> Markup:
        assert p.aside is not None
        label = ASIDE_LABELS.get(p.aside.kind, f"set aside: {p.aside.kind.replace('_', ' ')}")
        cls = "aside instruction" if p.aside.kind == "instruction" else "aside"
        return Markup('<span class="{}" data-label="{}">').format(cls, label)

    def claim_open(p: Piece) -> Markup:
        return Markup('<a class="claim cw-{}" href="#claim-{}" data-claims="{}">').format(
            tiers.get(p.claims[0], "low"), p.claims[0], " ".join(p.claims))

    def support_open(p: Piece) -> Markup:
        return Markup('<span class="support" data-support="{}">').format(" ".join(p.support))

    def term_open(p: Piece) -> Markup:
        t = p.terms[0]
        note = f"loaded term ({t.category}); neutral wording: {t.neutral}"
        return Markup('<mark class="loaded" tabindex="0" title="{}" data-note="{}">').format(note, note)

    def aside_key(p: Piece) -> object:
        return id(p.aside) if p.aside else None

    def claims_key(p: Piece) -> object:
        return tuple(p.claims) or None

    def support_key(p: Piece) -> object:
        return tuple(p.support) or None

    def term_key(p: Piece) -> object:
        return id(p.terms[0]) if p.terms else None

    # (what a piece shares with its neighbour, how the element opens, how it closes)
    levels: list[tuple[Callable[[Piece], object], Callable[[Piece], Markup], str]] = [
        (aside_key, aside_open, "</span>"),
        (claims_key, claim_open, "</a>"),
        (support_key, support_open, "</span>"),
        (term_key, term_open, "</mark>"),
    ]

    def render(run: list[Piece], depth: int) -> str:
        if depth == len(levels):
            return "".join(str(escape(p.text)) for p in run)
        key, opening, closing = levels[depth]
        out, i = [], 0
        while i < len(run):
            j, k = i, key(run[i])
            while j < len(run) and key(run[j]) == k:
                j += 1
            inner = render(run[i:j], depth + 1)
            out.append(inner if k is None else f"{opening(run[i])}{inner}{closing}")
            i = j
        return "".join(out)

    return Markup(render(pieces(text, claims, terms, aside, support), 0))


def analysis_text(result: AnalysisOut, submitted: str) -> str:
    """The text every offset of ``result`` refers to: the extracted article for HTML input, else what was sent."""
    return result.article.text if result.article.text is not None else submitted


def summary_support(result: AnalysisOut) -> dict[str, list[Span]]:
    return {f"s{n}": s.support for n, s in enumerate(result.summary.sentences, 1)}


@dataclass
class GridRow:
    group: ClaimGroup
    verdict: str
    cells: list[list[GroupMember]]  # one list per article column, in column order


@dataclass
class Grid:
    articles: list[tuple[str, str, str]]  # id, title, source name
    rows: list[GridRow]
    single_source: list[GridRow]


def grid(result: CrossCheckOut) -> Grid:
    """Facts as rows, articles as columns; each cell holds that article's own claims in the group."""
    names = source_names(result)
    columns = [(a.id, a.article.title or a.id, names.get(a.source_id, a.source_id)) for a in result.articles]
    order = [a for a, _, _ in columns]
    rows: list[GridRow] = []
    single: list[GridRow] = []
    for g in result.groups:
        cells: list[list[GroupMember]] = [[] for _ in order]
        for m in g.claims:
            if m.article_id in order:
                cells[order.index(m.article_id)].append(m)
        row = GridRow(g, VERDICT_WORDS.get(g.verdict, g.verdict), cells)
        (single if g.verdict == "single_source" else rows).append(row)
    return Grid(columns, rows, single)
