"""Ingest: split an article into paragraphs, set publisher boilerplate aside, read its metadata.

Nothing is rewritten: the body is a list of spans of the submitted text, so every later offset refers to the
text exactly as the client sent it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from service.schemas import ArticleIn, ArticleMeta, BoilerplateSpan
from service.text import injection, lexical
from service.text.sentences import DATELINE, Sentence, split_sentences

_MONTH = lexical.MONTH
_DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\b")
# A page's publication line opens so: "Published:", "Updated on", "**First published**".
_PUBLICATION = r"^[*_]*(?:first\s+)?(?:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?[*_]*"

# (kind, pattern) — a paragraph matching a pattern is boilerplate of that kind. Order matters: first wins.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("instruction", injection.STRUCTURAL),  # see service/injection.py; sentences are checked below
    ("share_appeal", re.compile(r"(?i)note to readers|click the share buttons|forward this article|"
                                r"crosspost on your blog|share this article|comment on .{0,40} facebook page")),
    ("donation_appeal", re.compile(r"(?i)\b(?:paypal|patreon|donate|become a (?:member|patron)|"
                                   r"support (?:south front|us|our work)|our work wouldn't be possible)\b")),
    ("disclaimer", re.compile(r"(?i)^\**disclaimer\b|contains copyrighted material|fair use|"
                              r"for media inquiries|grants permission to cross-post")),
    ("copyright", re.compile(r"(?i)copyright\s*©|^©|the original source of this article is|all rights reserved")),
    ("author_bio", re.compile(r"(?i)about the author|award-winning author|can be reached at|"
                              r"visit (?:his|her) blog|(?:his|her) new book|^articles by:|"
                              r"listen to cutting-edge|is a research associate of|claritypress\.com")),
    ("social_post", re.compile(r"(?m)^@\w{1,30}\s*$|\b\d[\d,.]*\s*\**\s*retweets\b|pic\.twitter\.com|"
                               r"^\d{1,2}/\d{1,2}/\d{2,4},\s+\d{1,2}:\d{2}\s*[AP]M\s*$")),
    ("navigation", re.compile(r"(?i)^(?:region|theme|in-depth report|tags?|related|read more|subscribe)\s*:|"
                              r"^\[[^\]]{1,60}\]\(#\)\s*$|^by\s+\[[^\]]+\]\([^)]*\)\s*$|"
                              r"^(?:global research|south front|\[south front\]\(#\)),?\s")),
    ("navigation", re.compile(rf"(?i){_PUBLICATION}[^\n]{{0,50}}\b\d{{4}}\b[^\n]{{0,30}}$")),
    ("media_link", re.compile(r"^\s*<?https?://\S+>?\s*$|^(?:video|watch|photo)\s*:\s*$", re.I)),
    ("separator", re.compile(r"^[\s*_\-=#\\]*$")),
]
_TWEET_HEAD = re.compile(r"^\**[^\n]{1,60}\**\s*✓?\s*$")
_BY = re.compile(r"(?im)^(?:articles\s+)?by:?\s+\[?([^\]\n(]{2,80}?)\]?(?:\([^)]*\))?\s*$")
_ORIGINAL = re.compile(r"(?i)the original source of this article is\s+\[?([^\]\n(]{2,80}?)\]?(?:\([^)]*\))?\s*$",
                       re.M)
_OUTLET_DATE = re.compile(rf"(?m)^\[?([A-Z][\w .&'-]{{1,40}}?)\]?(?:\([^)]*\))?,?\s+({_DATE.pattern})\s*$")
_TITLE = re.compile(r"(?m)^#\s+(.+?)\s*$")
# A page's publication line, "Published: 12 May 2022", "Updated on Tuesday, March 3, 2021".
_PUBLISHED = re.compile(rf"(?im){_PUBLICATION}\s*(?:[A-Z][a-z]+day,?\s+)?({_DATE.pattern})[^\n]{{0,30}}$")
# A wire agency's dateline credit, "SAVAR, Bangladesh (AP) --": the story is the agency's, whoever carries it.
_WIRE = re.compile(r"\b[A-Z][A-Z .'-]{1,40}(?:,\s*[\w .'-]{1,40})?\s*\((AP|Reuters|AFP|UPI|dpa)\)\s*(?:--|[-–—])")
_WIRE_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse", "UPI": "UPI",
               "dpa": "dpa"}


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str | None  # None: body; else the boilerplate kind


@dataclass
class Document:
    """An ingested article: the submitted text plus what the pipeline reads from it."""

    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    meta: ArticleMeta
    body_text: str = field(default="")  # the body paragraphs joined by blank lines: what an LLM sees
    memo: dict[object, object] = field(default_factory=dict, repr=False)  # derived data, computed once per document

    @property
    def boilerplate(self) -> list[BoilerplateSpan]:
        return self.meta.boilerplate

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _classify(para: str) -> str | None:
    for kind, rule in _RULES:
        if rule.search(para.strip()):
            return kind
    return None


# Words a headline in Title Case leaves in lower case.
_SMALL_WORDS = frozenset("a an and as at but by for from in into is are was of off on onto or over per the to up via "
                         "vs with".split())
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[-*•–])\s")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]*]*\s*$")


def _title_case(para: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", para) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _header_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A headline and its date or byline on consecutive lines, one paragraph at the top ("Former school treasurer
    charged with stealing 480,000 dollars\nPublished: 6 November 2025"): a paragraph per line, so that each is read
    as a header; a first paragraph whose lines are not all headers is left whole."""
    if not spans:
        return spans
    s, e = spans[0]
    lines = [(s + m.start(), s + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[s:e])]
    if len(lines) < 2 or not all(_is_header_line(text[a:b]) for a, b in lines[1:]):
        return spans
    first = text[lines[0][0] : lines[0][1]]
    if not (_is_header_line(first) or _plain_title(first, [text[a:b] for a, b in spans[1:5]])):
        return spans
    return [(t.start, t.end) for t in (_trimmed(text, a, b) for a, b in lines)] + spans[1:]


def _plain_title(para: str, after: Sequence[str] | None = None) -> bool:
    """A paragraph at the top that reads as a headline: one line that does not end a sentence, not a list item,
    in Title Case ("Video: The Battle for Idlib is Ongoing. Turkish Forces to the Rescue ...") or, in sentence
    case, short (at most 14 words: "Cholera cases rise in port city as health officials race to vaccinate"),
    without a comma or a sentence break inside, over a body that ends its sentences ("Dockworkers
    strike shuts Rotterdam container terminals"). A lead pasted without its full stop ("Three people were killed
    in a shooting at a mall in Texas on Saturday, police said"), a line that leads into what follows ("Russia's
    envoy Vassily Nebenzia noted:", "... after weeks of pressure -"), an italic standfirst that ends a sentence, and
    lines of a text that uses no full stops are body."""
    p = para.strip()
    if len(p) >= 200 or "\n" in p or _LIST_MARK.match(p):
        return False
    if p.rstrip("*_\"”’'").endswith((".", ":", ",", ";", "-", "–", "—", "…", ")")):
        return False
    if _title_case(p):
        return True
    # (a comma only before a headline's present-tense credit: "Coffee drinkers may live longer, large study
    # suggests"; a lead pasted without its full stop has the past, "..., police said")
    if len(p.split()) > 14 or re.search(r",(?!\d)", _HEADLINE_CREDIT.sub("", p)) or re.search(r"[.?!][\"”’')]*\s", p):
        return False
    if after is None:
        return True
    # The body below: past a byline, a dateline or a subtitle, the first paragraph ends a sentence.
    for q in after:
        q = q.strip()
        if _is_header_line(q) or q.isupper() or (
                len(q.split()) <= 12 and not _ENDS_SENTENCE.search(q) and "\n" not in q):
            continue
        return bool(_ENDS_SENTENCE.search(q))
    return False


_HEADLINE_CREDIT = re.compile(r",(?:\s+[\w'’-]+){1,4}\s+(?:says?|suggests?|finds?|warns?|claims?|reports?|shows?|"
                              r"reveals?)\s*$")


def _is_header_line(para: str) -> bool:
    """Title lines, bylines and dateline-only paragraphs at the top of a page."""
    p = para.strip()
    return bool(_TITLE.fullmatch(p) or _BY.fullmatch(p) or _OUTLET_DATE.fullmatch(p) or _WIRE.fullmatch(p)
                or (_DATE.search(p) and len(p) < 60))


def _mark_tweets(text: str, spans: list[tuple[int, int]], kinds: list[str | None]) -> None:
    """An embedded social post is the author line before a '@handle' line, the post, and the counts after."""
    for i, (s, e) in enumerate(spans):
        if kinds[i] != "social_post" or not re.search(r"(?m)^@\w+\s*$", text[s:e]):
            continue
        if i > 0 and kinds[i - 1] is None and _TWEET_HEAD.match(text[spans[i - 1][0] : spans[i - 1][1]]):
            kinds[i - 1] = "social_post"
        # The post's text and timestamp follow, up to the retweet/like counts.
        for j in range(i + 1, min(i + 5, len(spans))):
            kinds[j] = "social_post"
            if re.search(r"(?i)retweets|likes", text[spans[j][0] : spans[j][1]]):
                break


# A page's furniture run into a paragraph of text, with no line break (a scraped page: "Share this withEmail
# FacebookMessenger…Copy this linkThe charity said …", "… two weeks ago.Updates on this story and more from
# LeicestershireThree other cats …"): set aside, the text around it kept.
_INLINE: list[tuple[str, re.Pattern[str]]] = [
    # (the networks' names as the page spells them: "LinkedIn", "Linkedin")
    ("share_appeal", re.compile(r"Share this with(?:\s*(?i:email|facebook|messenger|twitter|pinterest|whatsapp|"
                                r"linkedin|reddit))*\s*Copy this link")),
    ("navigation", re.compile(r"Updates on this story and more from [A-Z][a-z]+(?: [A-Z][a-z]+)*")),
]


def _set_aside(text: str, paragraphs: list[Paragraph],
               find: Callable[[Paragraph], Iterable[tuple[int, int, str]]]) -> list[Paragraph]:
    """Body paragraphs split around the spans ``find`` sets aside (with their kind), so that the text around them
    is still analysed."""
    out: list[Paragraph] = []
    for p in paragraphs:
        if p.kind is not None:
            out.append(p)
            continue
        cursor = p.start
        for start, end, kind in find(p):
            if text[cursor:start].strip():
                out.append(_trimmed(text, cursor, start))
            out.append(Paragraph(start, end, kind))
            cursor = end
        if text[cursor : p.end].strip():
            out.append(_trimmed(text, cursor, p.end))
    return out


def _set_instructions_aside(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Body paragraphs split around the sentences addressed to a model (kind "instruction"), so that the news
    around an injected sentence is still analysed."""
    return _set_aside(text, paragraphs, lambda p: ((a, b, "instruction") for a, b in injection.instruction_spans(
        text, split_sentences(text, p.start, p.end))))


def _set_furniture_aside(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Body paragraphs split around a page's furniture run into them (``_INLINE``)."""
    return _set_aside(text, paragraphs, lambda p: sorted(
        (m.start(), m.end(), kind) for kind, rule in _INLINE for m in rule.finditer(text, p.start, p.end)))


def _trimmed(text: str, start: int, end: int) -> Paragraph:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Paragraph(start, end, None)


def _parse_date(value: str) -> dt.date | None:
    cleaned = re.sub(r"[.,]", " ", value)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(" ".join(cleaned.split()), fmt).date()
        except ValueError:
            continue
    return None


def dateline(text: str) -> dt.date | None:
    """The publication date a page's dateline gives ("Global Research, February 11, 2020"), if any."""
    if (m := _OUTLET_DATE.search(text)) is not None:
        return _parse_date(m.group(2))
    m = _PUBLISHED.search(text[:3000])
    return _parse_date(m.group(1)) if m is not None else None


def _strip_md(value: str) -> str:
    return re.sub(r"[*_#\[\]]|\(#\)", "", value).strip()


def ingest(article: ArticleIn) -> Document:
    """Split the article into body and boilerplate, and read its metadata."""
    text = article.text
    spans = _header_lines(text, _paragraphs(text))
    kinds: list[str | None] = [_classify(text[s:e]) for s, e in spans]
    _mark_tweets(text, spans, kinds)
    # Header lines (title, byline, dateline) before the first body paragraph are navigation; so are a plain-text
    # headline and subtitle (lines on their own at the top, the first read as the title below): the summary, the
    # claims and the evidence the judge cites come from the body, and a headline a model copies must be supported
    # there.
    for i, (s, e) in enumerate(spans):
        after = [text[a:b] for a, b in spans[i + 1 : i + 5]]
        # (a subtitle only under a headline set aside, and in Title Case: "Adventures of Idlib Hipsters. American
        # Waterloo in Khirbat Amu"; not the short lines of a list or of a text without full stops)
        headline = bool(after) and _plain_title(text[s:e], after) and (
            i == 0 or (kinds[i - 1] == "navigation" and _title_case(text[s:e])))
        if kinds[i] is None and not (_is_header_line(text[s:e]) or headline):
            break
        if kinds[i] is None:
            kinds[i] = "navigation"
    paragraphs = _set_instructions_aside(text, _set_furniture_aside(
        text, [Paragraph(s, e, k) for (s, e), k in zip(spans, kinds, strict=True)]))
    body = [p for p in paragraphs if p.kind is None]
    if not body:  # Everything looked like boilerplate: better to analyse it all than nothing.
        body = [Paragraph(p.start, p.end, None) for p in paragraphs]
        paragraphs = body
    sentences = [s for p in body for s in split_sentences(text, p.start, p.end)]
    # (the story's dateline is no part of its first sentence: the claims quote, the judge parses and the summary
    # states the sentence after it; the text sent to the model keeps it. It opens the first paragraph, or the
    # second under a headline not told from the body: "Central bank holds rates, signals cut ...")
    for p in body[:2]:
        k = next((k for k, x in enumerate(sentences) if x.start >= p.start), len(sentences))
        opening = sentences[k] if k < len(sentences) and sentences[k].start < p.end else None
        if opening is not None and (d := DATELINE.match(text[opening.start : opening.end])) \
                and opening.start + d.end() < opening.end:
            sentences[k] = Sentence(opening.start + d.end(), opening.end)
            break

    title = article.title
    if title is None and (m := _TITLE.search(text)):
        title = _strip_md(m.group(1))
    if title is None and spans and _plain_title(first := text[spans[0][0] : spans[0][1]]):
        title = _strip_md(first)
    author = _strip_md(m.group(1)) if (m := _BY.search(text)) else None
    original = _strip_md(m.group(1)) if (m := _ORIGINAL.search(text)) else None
    if original is None and (m := _WIRE.search(text[:3000])):
        original = _WIRE_NAMES[m.group(1)]
    outlet, published = article.outlet, article.published
    if (m := _OUTLET_DATE.search(text)) is not None:
        outlet = outlet or _strip_md(m.group(1))
        published = published or _parse_date(m.group(2))
    if published is None and (m := _PUBLISHED.search(text[:3000])) is not None:
        published = _parse_date(m.group(1))
    boilerplate = [BoilerplateSpan(start=p.start, end=p.end, text=text[p.start : p.end], kind=p.kind)
                   for p in paragraphs if p.kind is not None]
    meta = ArticleMeta(
        title=title, author=author, outlet=outlet, published=published, url=article.url,
        original_source=original, chars_total=len(text), chars_body=sum(p.end - p.start for p in body),
        boilerplate=boilerplate,
    )
    body_text = "\n\n".join(text[p.start : p.end] for p in body)
    return Document(text=text, paragraphs=paragraphs, sentences=sentences, meta=meta, body_text=body_text)
