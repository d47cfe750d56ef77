"""Framing: loaded terms (from ``data/loaded_terms.toml``), who asserts a sentence, and neutral rewording."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import LoadedTerm
from service.text import lexical, nlp
from service.text.ingest import Document
from service.text.sentences import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

LEXICON_PATH = Path(__file__).parent / "data" / "loaded_terms.toml"
AUTHOR = "the author"
UNATTRIBUTED = "unattributed reports"
_NOT_PARTIES = frozenset({"it", "he", "she", "they", "this", "that", "there", "when", "while", "if", "as"})
_REPORTEDLY = re.compile(r"(?i)\breportedly\b|\b(?:was|were|has been|have been) reported\b|\breports say\b")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str
    forms: list[str] = Field(min_length=1)
    neutral: str
    category: str


class _LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    term: list[_Entry]


@dataclass(frozen=True)
class Lexicon:
    version: str
    pattern: re.Pattern[str]
    by_form: dict[str, tuple[_Entry, str]]  # lower-cased form -> (entry, neutral word for that form)

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[LoadedTerm]:
        """Loaded terms in ``text[lo:hi]``, with offsets into ``text``."""
        hi = len(text) if hi is None else hi
        out = []
        for m in self.pattern.finditer(text, lo, hi):
            entry, neutral = self.by_form[m.group().lower()]
            out.append(LoadedTerm(start=m.start(), end=m.end(), text=m.group(), term=entry.term,
                                  category=entry.category, neutral=neutral))
        return out

    def neutralize(self, sentence: str, outside_quotes: bool = False) -> tuple[str, list[str]]:
        """Replace loaded terms by their neutral wording, keeping the sentence grammatical: the capital, the
        indefinite article before it ("an occupier" -> "a foreign force"), and, read on the parse, the part of
        speech the term plays there (``_part``) and number agreement with its determiner. A replacement the parse
        says would break the sentence is not made (the caller attributes what is left); the others are.
        ``outside_quotes``: words inside quotation marks (``lexical.quoted_spans``) are a speaker's and stay as
        written.

        Returns:
            The reworded sentence and one note per replacement ("'regime' -> 'government'").
        """
        quoted = lexical.quoted_spans(sentence) if outside_quotes else []
        found = [m for m in self.pattern.finditer(sentence) if not any(a <= m.start() < b for a, b in quoted)]
        if not found:
            return sentence, []
        worded, spans = self._replaced(sentence, found)
        was, now = nlp.parse([sentence, worded])
        kept = [m for m, (old, new) in zip(found, spans, strict=True) if _part(was, *old) == _part(now, *new)]
        if len(kept) < len(found):
            if not kept:
                return sentence, []
            worded, spans = self._replaced(sentence, kept)
            now = nlp.parse([worded])[0]
        if _disagree(now) and not _disagree(was):
            return sentence, []
        return worded, [f"'{m.group()}' -> '{worded[a:b]}'" for m, (_, (a, b)) in zip(kept, spans, strict=True)]

    def _replaced(self, sentence: str, found: list[re.Match[str]]
                  ) -> tuple[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
        """The sentence with each found term in its neutral wording, and, per term, where it was and where its
        wording is now."""
        out: list[str] = []
        last = length = 0
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for m in found:
            _, neutral = self.by_form[m.group().lower()]
            if m.group()[0].isupper():
                neutral = neutral[0].upper() + neutral[1:]
            before = sentence[last : m.start()]
            if (article := _ARTICLE_BEFORE.search(before)) is not None:
                wanted = "an" if neutral[0].lower() in "aeiou" else "a"
                word = wanted.capitalize() if article.group(1)[0].isupper() else wanted
                before = before[: article.start(1)] + word + before[article.end(1) :]
            out += [before, neutral]
            length += len(before)
            spans.append(((m.start(), m.end()), (length, length + len(neutral))))
            length += len(neutral)
            last = m.end()
        out.append(sentence[last:])
        return "".join(out), spans


_ARTICLE_BEFORE = re.compile(r"(?<![\w-])([Aa]n?)\s+$")
_SINGULAR_DET = {"a", "an", "one", "this", "that", "each", "every", "another"}
_PLURAL_DET = {"these", "those", "many", "several", "both", "few", "two", "three", "four", "five", "various"}


def disagrees(sentence: str) -> bool:
    """Whether a determiner and its noun disagree in number on the parse ("a … militants", "these attack")."""
    return _disagree(nlp.parse([sentence])[0])


_DESCRIBING = frozenset({"acl", "advcl", "oprd", "acomp", "conj", "appos", "npadvmod"})


def _part(doc: Doc, start: int, end: int) -> str:
    """The part of speech a word group plays where it stands, read on the parse of its sentence: its head
    ("groups" of "terrorist groups", "held" of "held hostage") names or describes a thing ("theft", "stolen
    password"), or is a verb in a given form ("liberated" past, "liberate" base, "liberates"). A replacement must
    play the same part: "the theft of photos" had become "the taken of photos", "to plunder oil" "to taken oil"."""
    words = [t for t in doc if t.idx < end and t.idx + len(t) > start and not t.is_punct]
    if not words:
        return ""
    inside = {w.i for w in words}
    t = next((w for w in words if w.head.i not in inside or w.head.i == w.i), words[-1])
    # (an -ing form is told from a noun by guess too: "after boasting of" is tagged a noun, "mentioning" a verb;
    # a participle without an auxiliary describes, as an adjective does: "Infested with X, the government ..." reads
    # "Home to X, ...")
    if t.tag_.startswith("VB") and t.tag_ != "VBG" and t.dep_ not in ("amod", "compound") and not (
            t.tag_ == "VBN" and t.dep_ in _DESCRIBING and not any(c.dep_ in ("aux", "auxpass") for c in t.children)):
        # (a regular verb's past and participle are one word, which the tagger tells apart by guess)
        return "verb:" + {"VBN": "VBD", "VBP": "VB"}.get(t.tag_, t.tag_)
    return "nominal"


def _disagree(doc: Doc) -> bool:
    for token in doc:
        if token.dep_ not in ("det", "nummod") or token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        word = token.lower_
        if word in _SINGULAR_DET and token.head.tag_ in ("NNS", "NNPS"):
            return True
        if word in _PLURAL_DET and token.head.tag_ in ("NN",):
            return True
    return False


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and validate the lexicon; a malformed file fails here, at start-up."""
    data = _LexiconFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    by_form: dict[str, tuple[_Entry, str]] = {}
    for entry in data.term:
        for form in entry.forms:
            word, _, neutral = form.partition("=")
            by_form[word.lower()] = (entry, neutral or entry.neutral)
    # Longest forms first so "terrorist invaders" wins over "terrorist".
    alternatives = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w-])", re.I)
    return Lexicon(version=data.version, pattern=pattern, by_form=by_form)


# Verbs of saying as a speaker tag has them ("..., the authors noted", "X said"); also the summary's test of
# whether a sentence already carries its attribution.
SAYING_VERBS = (r"said|says|reported|reports|claimed|claims|announced|announces|stated|states|noted|notes|told|"
                r"stressed|added|vowed|warned|accused|insisted|insists|confirmed|denied|tweeted|wrote|quoted|assures|"
                r"declared|alleged|alleges|argued|argues|believes?|considers")
_SOURCE_NOUN = (r"(?:[A-Z][\w’'.-]*|sources|officials?|media|reports|ministry|army|agency|television|soldier|"
                r"spokes(?:man|woman|person)|envoy|witness(?:es)?|residents|activists|monitor|observatory|"
                r"government|authorities|police)")
_ACCORDING = re.compile(r"\b[Aa]ccording to ((?:[\w’'.-]+\s+){0,7}?[\w’'.-]+?)\s*(?:,|\bon\b|\bin\b|$)")
# (no "was" before the verb: "after John was told his cancer was terminal" makes John the one told, and "the
# attack was reported" names nobody; a passive subject is never the speaker. Nor a plural noun read as a verb:
# "Initial reports suggested ..." - a verb of saying or a past tense right after it makes it the subject's noun.)
_SUBJECT_VERB = re.compile(
    rf"((?:[\w’'.-]+\s+){{0,6}}{_SOURCE_NOUN})\s+(?:(?:also|even|had|has|have|later|then)\s+)*"
    rf"(?:(?!(?:reports|claims|states|notes)\s+(?:{SAYING_VERBS}|[a-z]+ed\s+(?:the|a|an|that|this|his|her|its|their|to|"
    rf"by|on|in)\b))(?:{SAYING_VERBS})|was quoted)\b")
# A speaker who acts, then speaks, in one sentence: "Transport minister Thomas Danielsen urged both sides to return to
# talks and said the government would not intervene" (the "said" has no subject of its own).
_SHARED_SUBJECT = re.compile(
    rf"^((?:[\w’'.-]+\s+){{0,6}}{_SOURCE_NOUN})\s+(?:[a-z]+ed|met|spoke|went|made|gave|held)\b[^.;:\"“”]{{0,160}}?"
    rf"\band\s+(?:also\s+|then\s+|later\s+)?(?:{SAYING_VERBS})\b")
_UNNAMED_SOURCE = re.compile(r"sources|officials?|witness(?:es)?|residents|activists|analysts|experts|observers|"
                             r"spokes(?:man|woman|person)|diplomats?|monitors?|locals|villagers|reports|government|"
                             r"authorities|police|ministry|army|military|agency|prosecutors?")
# An aside between a subject and its verb of saying: "The Syrian government, via state media, also denied",
# "Russia - a key ally of Syria - has said", "Kerry, who was in Jakarta, said". Set aside before the subject is
# read, so that the speaker is the subject, not the aside.
_ASIDE = re.compile(r",\s+(?:(?:via|through|who|which|in|at)\b|(?:a|an|the)\b(?![^,;“”\"]*\b(?:"
                    + SAYING_VERBS + r")\b))"
                    r"[^,;“”\"]{1,80},(?=\s)"
                    r"|\s[-–—]\s[^-–—;“”\"]{1,80}\s[-–—](?=\s)")
# "<subject> said “…": a speech verb right before a quotation mark makes whatever opens the sentence its speaker,
# however long ("Syrians forced against their will to aid ISIS’ oil trade said “…"), up to a dozen words and
# without a clause break.
_SUBJECT_QUOTE = re.compile(rf"^\W*((?:[^\s,;:“”\"]+\s+){{0,11}}?[^\s,;:“”\"]+)\s+(?:{SAYING_VERBS})[,:]?\s*[“\"‘]")
# ("... Ahmed Salem, told Reuters": whom one tells is no speaker, so "told" is not inverted; British papers close a
# quotation with a single mark: "'... when he was here,' said Carver")
_VERB_SUBJECT = re.compile(rf"[,”\"’]\s*(?:{SAYING_VERBS.replace('told|', '')})\s+((?:[A-Z][\w’'.-]*\s*){{1,6}})")
# A speech tag whose speaker is a personal pronoun, who points back to the last speaker: after a quotation
# ("...," he said) or before one ("He added: “...", "He added: ‘..."). Not any pronoun before a verb of saying:
# "He denied the charges" reports what he did.
_SAYING = r"said|says|added|adds|told|noted|stated|stressed|insisted|explained|continued|wrote"
_PRONOUN_SPEAKER = re.compile(
    rf"(?i)[,”\"’]\s*(?:(?:he|she|they)\s+(?:{_SAYING})|(?:{_SAYING})\s+(?:he|she|they))\b"
    rf"|^\W*(?:he|she|they)\s+(?:{_SAYING})\s*[,:]?\s*[“\"‘']")
# A sentence whose speaker is the pronoun it opens with: "He said: '...'", "She added that ...".
_OPENING_PRONOUN_SPEAKER = re.compile(rf"^(He|She|They)\s+(?:{_SAYING})\b")
# A capitalised word inside a sentence: someone a "he" further on may stand for.
_NAMED = re.compile(r"(?<=[\w,;] )[A-Z][a-z]")
_LEADING_NOISE = re.compile(r"^(?:(?:and|but|the|a|an|on|in|at|as|while|since|after|also|then|that|"
                            r"however|last week|this week)\s+)+", re.I)


def _clean_party(raw: str) -> str | None:
    words = raw.strip(" ,.;:*").split()
    # Keep the phrase from its first capitalised word (or a 'sources'-style noun phrase).
    for i, w in enumerate(words):
        if w[:1].isupper() or w.lower().strip("*") in {"pro-government", "local", "opposition", "state"}:
            party = " ".join(words[i:]).strip("*")
            stripped = _LEADING_NOISE.sub("", party)
            if stripped and not any(w[:1].isupper() for w in stripped.split()) and party.lower().startswith("the "):
                return "the " + stripped  # "The government said": the capital was the sentence's, not a name's
            return stripped or None
    # No name: an unnamed source is still a party ("according to the sources", "officials said"), kept with
    # its determiner, so the reader sees who, however vaguely, says it.
    if words and _UNNAMED_SOURCE.fullmatch(words[-1].lower().strip("*")) and len(words) <= 4:
        return " ".join(w.strip("*") for w in words)
    return None


# The same pronoun closing the sentence as its speaker: "At least three rescuers were injured in the fire, he said."
_CLOSING_PRONOUN_SPEAKER = re.compile(rf",\s+(he|she)\s+(?:{_SAYING})\b[^,;:\"“”]{{0,40}}$")


def speaker_pronoun(sentence: str) -> re.Match[str] | None:
    """The pronoun a sentence opens or closes with as its speaker ("He said: '...'", "..., he said."), its group 1;
    None when it has none."""
    return _OPENING_PRONOUN_SPEAKER.match(sentence) or _CLOSING_PRONOUN_SPEAKER.search(sentence)


def reported(text: str) -> bool:
    """True when the text itself says it is reported ("reportedly", "was reported", "reports say")."""
    return _REPORTEDLY.search(text) is not None


# A name set before a speaker's role by a comma: "Alexander Downer, Australian high commissioner to the UK, said".
_NAME_BEFORE = re.compile(r"(?:^|,\s)((?:[A-Z][\w’'.-]+\s){1,3}[A-Z][\w’'.-]+),\s*$")
# A name set off by commas after the speaker's role: "The teen's attorney, John Waldron, said Thursday ...".
_APPOSED_NAME = re.compile(rf",\s((?:[A-Z][\w’'.-]+\s){{1,3}}[A-Z][\w’'.-]+),\s+(?:{SAYING_VERBS})\b")


def attribution(sentence: str) -> str | None:
    """Who the sentence says asserts it ('AMN News', 'Russia's UN envoy Vassily Nebenzia'), or None.

    Rules, not a model: 'according to X', 'X said/reported/claimed…', and '…,” said X'.
    """
    text = sentence.replace("**", "")
    for rx in (_ACCORDING, _SUBJECT_VERB, _APPOSED_NAME, _VERB_SUBJECT, _SUBJECT_QUOTE, _SHARED_SUBJECT):
        read = _ASIDE.sub("", text) if rx is _SUBJECT_VERB else text
        m = rx.search(read)
        if m and (party := _clean_party(m.group(1))):
            if rx is _SUBJECT_VERB and any(w.islower() for w in party.split()) \
                    and (named := _NAME_BEFORE.search(read, 0, m.start(1))) is not None \
                    and named.group(1).split()[0].lower() not in lexical.STOPWORDS:
                # "Alexander Downer, Australian high commissioner to the UK, said": the name, not the role
                party = named.group(1)
            if party.lower() in _NOT_PARTIES or party.lower().endswith("ever") or party.lower() in lexical.MONTHS_DAYS:
                continue  # (nor a day: "John Waldron, said Thursday he believes ...")
            if party.endswith(("’s", "'s")):
                continue  # a name that qualifies the speaker: "..., said United’s head coach" is no "United’s"
            if not {w.lower() for w in lexical.words(party)} - lexical.STOPWORDS \
                    and party not in lexical.STATE_ABBREVIATIONS:
                continue  # "The" (from "The claims should state ..."): a function word names nobody
            return party
    if reported(text):
        return UNATTRIBUTED
    return None


def attributions(doc: Document) -> list[str]:
    """Who asserts each of the document's sentences (``speakers``)."""
    return speakers(doc.text, doc.sentences)


def speakers(source: str, sentences: Sequence[Sentence]) -> list[str]:
    """Who asserts each sentence of ``source``: its own attribution, else that of the quotation it continues, else
    the author.

    A sentence continues the quotation of the sentence before it when it opens with a quotation mark, when the
    quotation the sentence before opened is still open (``Damascus said "Turkey has offered ... . The base has
    been attacked 55 times ... ."``: every sentence up to the closing mark is theirs), or when the sentence
    before ends with a colon (``..., said Southfront, adding:``), or when it starts in lower case (a sentence
    broken by a stray line break). An open quotation does not carry across a paragraph break otherwise: an
    unbalanced mark (a stray inch sign) must not attribute the rest of the article. A sentence whose speaker is
    "he" or "she" (``He added: "This is a serious business.``) is the last speaker's."""
    texts = [source[s.start : s.end] for s in sentences]
    own = [attribution(t) for t in texts]
    parties: list[str] = []
    open_quote = False
    for i, s in enumerate(sentences):
        text = texts[i]
        party = own[i]
        if party is None and not open_quote and lexical.opens_quotation(text):
            party = _closing_speaker(source, sentences, texts, own, i, parties)
        if party is None and _PRONOUN_SPEAKER.search(text) and parties[i - 1 : i] == [AUTHOR]:
            # (a "he said" after a sentence of the author's is the last speaker's in the three before, when the
            # author's sentences between name no one else he could be: "Loeb says he met the actress ... After two
            # attempts failed ... '... rather than as property?,' he said.")
            last = next((j for j in range(i - 1, max(i - 4, -1), -1) if parties[j] != AUTHOR), None)
            if last is not None and not any(_NAMED.search(texts[j]) for j in range(last + 1, i)):
                party = parties[last]
        if party is None and i > 0 and parties[i - 1] != AUTHOR:
            before = sentences[i - 1]
            same_paragraph = "\n" not in source[before.end : s.start].strip(" \t")
            # (a sentence that starts in lower case is the one before, broken by a stray line break: "... the right
            # and duty of" / "any government to fight with.”")
            if (text.lstrip("*")[:1] in "\"“‘'" or (open_quote and same_paragraph) or _PRONOUN_SPEAKER.search(text)
                    or source[before.start : before.end].rstrip(" *").endswith(":") or text[:1].islower()):
                party = parties[i - 1]
        parties.append(party or AUTHOR)
        open_quote = not lexical.closes_quotation(text) if open_quote else lexical.opens_quotation(text)
    return parties


def _closing_speaker(source: str, sentences: Sequence[Sentence], texts: list[str], own: list[str | None], i: int,
                     before: list[str]) -> str | None:
    """The speaker a quotation opened in sentence ``i`` is given where it closes, in the same paragraph
    (``"We are defending our people. We have never bombarded places with civilians," Mr Mekdad insisted``); a
    "he said" there is the last speaker's, in the three sentences before (``Loeb said he filed a complaint ... He
    filed it in August ... "We signed a form ... . The form did not specify ...," he said.``)."""
    for j in range(i + 1, min(i + 6, len(texts))):
        if "\n" in source[sentences[j - 1].end : sentences[j].start].strip(" \t"):
            return None
        if lexical.closes_quotation(texts[j]):
            if own[j] is None and _PRONOUN_SPEAKER.search(texts[j]):
                return next((p for p in reversed(before[-3:]) if p != AUTHOR), None)
            return own[j]
    return None
