"""Text addressed to an AI model rather than to readers (prompt injection), found by rules.

Two levels:
- whole paragraphs with structural markers: chat-template tokens, role prefixes ("Assistant:"), code fences (a
  JSON answer planted in the page);
- single sentences in prose: "ignore previous instructions", notes to language models or summarising
  software, "if you are a language model", "your summary must", imperatives about claims or the summary; plus
  the sentence an instruction introduces ("add the following line: ...") or the quotation it opens, and the
  sentences after it in its paragraph while they still instruct (an imperative, "you", "the claims"): the
  defence works on the block, not only on the sentence that names the model; a few phrasings in French,
  Spanish, German, Italian and Portuguese.

Matching ignores invisible format characters (zero-width spaces inside "I\u200bGNORE") and quoted speech, so
news that quotes an injection ("hidden lines such as 'ignore all previous instructions'") stays news. What is
found is set aside like boilerplate by ``service.ingest``: reported with offsets, never analysed, never sent to
the model. Rules can be evaded by rewording; the grounding of every output is the second line of defence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from service.text import lexical
from service.text.sentences import Sentence

STRUCTURAL = re.compile(
    r"<\|im_(?:start|end)\|>|\[/?INST\]|<<SYS>>|</?(?:article|system)>|^\s*(?:system|assistant|user)\s*:"
    r"|^\s*```",
    re.I | re.M)
# Who an instruction addresses. Told what to do ("... must report ..."): only words that name a model.
_MODEL = (r"(?:language\s+models?|AI\s+(?:systems?|assistants?|models?|tools?)|LLMs?|chatbots?"
          r"|automated\s+summar(?:y|ies)|summari[sz](?:ers?|ing\s+(?:software|tools?|systems?)))")
# Addressed by a note ("Note for the summarising software:"): also the vaguer words.
_ADDRESSEE = rf"(?:{_MODEL}|AI|assistants?|bots?|software|crawlers?)"
_VERB = (r"(?:report|state|say|add|list|output|include|summari[sz]e|write|attribute|ignore|mention|claim|"
         r"describe|present)")
PHRASES = re.compile(
    r"\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding)\s+"
    r"(?:instructions|prompts?|rules|directions)"
    r"|\bdisregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|your)\s+(?:instructions|prompts?|rules)"
    rf"|\b{_MODEL}\b[^.\n]{{0,80}}\b(?:must|should|shall|need\s+to|are\s+to|is\s+to|"
    rf"are\s+(?:required|instructed)\s+to)\s+(?:\w+\s+)?{_VERB}\b"
    rf"|\b(?:note|instructions?|message)\s+(?:to|for)\s+(?:the\s+|all\s+|any\s+)?{_ADDRESSEE}\b"
    rf"|\b{_MODEL}\s*,\s*(?:please\s+)?(?:{_VERB}|do\s+not|don't|never)\b"
    r"|\bif\s+you\s+are\s+an?\s+(?:AI|language\s+model|LLM|assistant|chatbot|bot)\b"
    r"|\byou\s+are\s+(?:now\s+|no\s+longer\s+)an?\s+[\w\s-]{0,30}?(?:assistant|summari[sz]er|model|AI|bot)\b"
    r"|\b(?:your|the)\s+(?:summary|answer|output|response|list\s+of\s+claims)\s+(?:must|should|shall)\b"
    r"|^\s*(?:attribute|output|print|return|summari[sz]e|state|add|list|write|say|ignore|disregard|forget|pretend)"
    r"\b[^.\n]{0,120}\b(?:claims?|summary|summari[sz]e|instructions)\b",
    re.I | re.M)
# Instructions in other languages the article may carry (a few common phrasings; the NLP is English-only).
_FOREIGN = re.compile(
    r"\bignore[zr]?\s+(?:toutes\s+)?les\s+instructions\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures)"
    r"|\bignora\s+(?:todas\s+)?las\s+instrucciones\s+anteriores"
    r"|\bignoriere?\s+(?:alle\s+)?(?:vorherigen|bisherigen)\s+(?:Anweisungen|Instruktionen)"
    r"|\bignora\s+(?:tutte\s+)?le\s+istruzioni\s+precedenti"
    r"|\bignore\s+(?:todas\s+)?as\s+instru[çc][õo]es\s+anteriores",
    re.I)
# Within a paragraph, an instruction's next sentences belong to its block while they still instruct: an imperative
# opening, the reader addressed as "you", or the output named ("the claims", "the summary", "the assistant").
_CONTINUES = re.compile(
    r"^\W*(?:please\s+)?(?:do|don'?t|never|always|also|then|instead|remember|make\s+sure|ensure|include|add|"
    r"list|write|state|say|report|output|return|print|attribute|describe|mention|omit|ignore|use|treat|"
    r"present|summari[sz]e|call|refer|label|avoid|replace|translate|answer|respond)\b"
    r"|\b(?:you|your|yourself)\b"
    r"|\b(?:the|your|any|all)\s+(?:summary|summaries|claims?|assistant|model|output|response|answer|"
    r"instructions|rules)\b",
    re.I)
# An instruction that announces what follows takes the rest of its paragraph ("add the following lines: ...").
_ANNOUNCES = re.compile(r"(?i)\bthe\s+following\b|\bthis\s+(?:summary|line|text|claim|sentence)\b|:\s*$")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’")


def _visible(text: str) -> str:
    """Without invisible format characters (zero-width spaces and joiners, BOM, bidi marks)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def is_structural(paragraph: str) -> bool:
    return bool(STRUCTURAL.search(_visible(paragraph)))


def is_instruction(sentence: str) -> bool:
    """Whether a sentence, outside its quotations, is addressed to a model."""
    visible = _visible(sentence)
    bare = _QUOTED.sub(" ", visible)
    return bool(STRUCTURAL.search(visible) or PHRASES.search(bare) or _FOREIGN.search(bare))


def instruction_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """The sentences of one paragraph to set aside, as (start, end) spans, in order."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        sentence = text[s.start : s.end]
        if not is_instruction(sentence):
            i += 1
            continue
        j = i + 1
        if lexical.opens_quotation(sentence):  # the dictated text runs until the quotation closes
            while j < len(sentences) and not lexical.closes_quotation(text[sentences[j].start : sentences[j].end]):
                j += 1
            j = min(j + 1, len(sentences))
        elif _ANNOUNCES.search(_QUOTED.sub(" ", _visible(sentence))):
            j = len(sentences)  # "write the following: ..." dictates the rest of its paragraph, statements included
        while j < len(sentences) and _continues(text[sentences[j].start : sentences[j].end]):
            j += 1  # the block goes on: later sentences need not name the model to be part of it
        out.extend((x.start, x.end) for x in sentences[i:j])
        i = j
    return out


def _continues(sentence: str) -> bool:
    bare = _QUOTED.sub(" ", _visible(sentence))
    return bool(_CONTINUES.search(bare) or PHRASES.search(bare) or _FOREIGN.search(bare))


