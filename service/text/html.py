"""Articles sent as HTML: the article's text extracted (trafilatura), with the title, date and site the page
carries, and elements hidden from readers (``hidden``, ``aria-hidden``, ``display:none``, comments) removed
first, since text a reader never sees is where an injected instruction hides.

The extracted text is what every offset of the response indexes; the response returns it as ``article.text``.
"""

from __future__ import annotations

import re

from service.schemas import ArticleIn

# A page, not prose that mentions a tag: a doctype or <html>, or several block or head elements.
_PAGE = re.compile(r"(?is)^\s*(?:<!doctype\s+html|<html\b)")
_TAGS = re.compile(r"(?i)<(?:head|body|article|div|p|script|style|nav|footer|header|main|section|span|br|meta)\b")
_STYLE = "translate(@style, ' ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_HIDDEN = (f"//*[@hidden or @aria-hidden='true' or contains({_STYLE}, 'display:none') "
           f"or contains({_STYLE}, 'visibility:hidden')]")


_MIN_WORDS = 15


def looks_like_html(text: str) -> bool:
    return bool(_PAGE.search(text)) or len(_TAGS.findall(text[:20000])) >= 5


def extract(article: ArticleIn) -> tuple[ArticleIn, list[str]]:
    """The article's text and metadata from its HTML, and notes on what was removed. Raises ValueError when the
    page holds no article text."""
    import lxml.html  # type: ignore[import-untyped]
    import trafilatura
    from lxml import etree

    tree = lxml.html.document_fromstring(article.text)
    hidden = tree.xpath(_HIDDEN)
    for el in hidden:
        el.drop_tree()
    comments = [c for c in tree.xpath("//comment()") if c.getparent() is not None]
    for c in comments:
        _drop_keeping_tail(c)
    page = etree.tostring(tree, encoding="unicode", method="html")
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True, deduplicate=False)
    found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (found.get("text") or "").strip()
    if len(text.split()) < _MIN_WORDS:  # a menu or a cookie notice is not an article
        raise ValueError(f"no article text found in the HTML page (under {_MIN_WORDS} words of text)")
    # Paragraphs as the seeds have them (a blank line between): ingest reads paragraphs that way.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    if author := " ".join(str(found.get("author") or "").split())[:80]:
        text = f"By {author}\n\n{text}"  # the page's byline, where ingest reads one (and sets it aside)
    notes = ["html: the article was extracted from the page (trafilatura); every offset indexes article.text"]
    if hidden or comments:
        notes.append(f"html: {len(hidden)} hidden element(s) and {len(comments)} comment(s) removed before "
                     "extraction (readers never see them)")
    published = article.published
    if published is None and found.get("date"):
        import datetime as dt

        try:
            published = dt.date.fromisoformat(str(found["date"])[:10])
        except ValueError:
            published = None
    title = article.title or found.get("title")
    return ArticleIn(text=text, title=title[:1000] if title else None, url=article.url or found.get("url"),
                     published=published, outlet=article.outlet or found.get("sitename")), notes


def _drop_keeping_tail(node: object) -> None:
    """Remove a node but keep the text that follows it (lxml keeps that text on the node itself)."""
    parent, prev, tail = node.getparent(), node.getprevious(), node.tail  # type: ignore[attr-defined]
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)
