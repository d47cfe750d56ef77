"""Neutral summary: the LLM drafts, code keeps only what the source supports, then rewords and attributes.

- Each model sentence is checked against the article body (``grounding``); unsupported or repeated sentences
  are removed and reported in ``rejected``.
- Kept sentences get their loaded terms replaced by neutral wording, and an attribution when their support is
  a party's statement the sentence does not name ("According to AMN News, ...").
- A model sentence whose pronoun or "this"/"these" points at nothing earlier in the summary is rejected: the
  reader would not know what it means. The finished summary is read again in reading order (a capable model's in
  its own order, a replacement in the rejected sentence's place; the rules strategy's in the article's order, the
  lead first), and a sentence whose pronoun points at nothing there gives its place to the next claim.
- Rules strategy (a small model): the model's supported sentences then compete with the article's own claims
  (the claims step's output, already checked by the judge: self-contained, dates written out, who asserts it
  read from the parse) for the ``summary_max_sentences`` places, by how likely their source sentence states a
  key fact (``service.text.salience``); a model sentence left out is reported, with its reason. Model strategy
  (a capable model): a sentence the judge rejects is replaced by the claim it cites, or when it cites none by the
  claim that says most of what it says, and the summary is completed from the claims if short. Claims come one
  per source sentence, each attributed (to its party, else "The author says that"). Without claims
  (``/v1/summaries``), from the most check-worthy sentences instead, and only when fewer than ``MIN_SENTENCES``
  model sentences survive.
"""

from __future__ import annotations

import asyncio
import bisect
import math
import re
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from service.analysis.claim_building import not_a_statement
from service.analysis.context import ArticleJob
from service.analysis.rejections import collapse
from service.llm.prompts import Prompt
from service.schemas import Claim, Method, RejectedItem, Summary, SummarySentence
from service.text import lexical, nlp, selection
from service.text.analysed import analyse_statements
from service.text.atomic import circumstance, clause_parts, ironic_fact, judging_aside, stands_for_a_clause
from service.text.candidates import Candidate, clean_sentence, select_candidates
from service.text.framing import AUTHOR, SAYING_VERBS, UNATTRIBUTED, Lexicon, speaker_pronoun
from service.text.grounding import SourceIndex
from service.text.ingest import Document
from service.text.judge import Verdict
from service.text.salience import Ranking, salience
from service.text.sentences import DATELINE, split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Token

MIN_SENTENCES = 2
_SAYS = ("the author", "the article", "according to", "the writer")


class _ModelSummary(BaseModel):
    sentences: list[str] = Field(min_length=1, max_length=8)


class _CitedSentence(BaseModel):
    text: str
    claims: list[int] = Field(default_factory=list, max_length=20)


class _CitedSummary(BaseModel):
    """The model strategy's answer: each sentence with the numbers of the claims it rests on."""

    sentences: list[_CitedSentence] = Field(min_length=1, max_length=8)


MAX_LISTED = 60  # claims listed for the model (strategy model), in the article's order


def _truncate(body: str, limit: int) -> str:
    """Cut the body at a paragraph or sentence end before ``limit`` characters."""
    if len(body) <= limit:
        return body
    cut = body[:limit]
    for mark in ("\n\n", ". ", "\n"):
        pos = cut.rfind(mark)
        if pos > limit // 2:
            return cut[: pos + 1].strip()
    return cut


# A claim stands in for a rejected model sentence that cites none when this share of its content words is in it.
NEAREST_SHARE = 0.5


def _nearest(sentence: str, claims: list[Claim]) -> list[Claim]:
    """The claims most of whose content words the sentence has, the closest first (at most three)."""
    words = set(lexical.content_stems(sentence))
    scored = []
    for c in claims:
        own = set(lexical.content_stems(c.text))
        if own and (share := len(own & words) / len(own)) >= NEAREST_SHARE:
            scored.append((share, len(own & words), c))
    return [c for *_, c in sorted(scored, key=lambda x: (-x[0], -x[1]))[:3]]


def _why_not(verdict: Verdict) -> str:
    """The judge's reasons for not supporting a sentence, as the summary reports them."""
    return "; ".join(verdict.reasons) or "the source does not support it"


def _similar(a: str, b: str) -> bool:
    """Whether two sentences tell the same fact: most of their content words shared, or most of the shorter's in
    the longer ("The spacecraft that lost contact ... will re-enter the Earth's atmosphere in about a week, Roscosmos
    said" after "An unmanned Russian spacecraft ... will re-enter the Earth's atmosphere after flight controllers
    lost contact with it"), a fragment of three or four words aside. On the recorded summaries the second test
    frees a place for another key fact (key-fact coverage 0.480 -> 0.487; 0.70 and 0.75 alike, 0.80 frees
    none)."""
    sa, sb = set(lexical.content_stems(a)), set(lexical.content_stems(b))
    return bool(sa and sb) and (len(sa & sb) / len(sa | sb) >= 0.6 or (
        min(len(sa), len(sb)) >= 5 and len(sa & sb) / min(len(sa), len(sb)) >= 0.75))


def _party_of(doc: Document, parties: list[str], support: list[tuple[int, int]]) -> str:
    for start, end in support:
        for i, s in enumerate(doc.sentences):
            if s.start < end and start < s.end and parties[i] != AUTHOR:
                return parties[i]
    return AUTHOR


# A sentence that already says who asserts it: "..., the county highways office said." / "X told reporters ...".
_SPEECH_VERBS = frozenset({"say", "tell", "announce", "state", "insist", "add", "confirm", "deny", "claim", "believe",
                           "argue", "report", "allege", "assert", "assure", "warn", "write", "declare", "tweet"})
# "…, the county highways office said." / "…, a charity claims.": the parser often reads a final "claims" as a noun.
_CLOSING = re.compile(rf"(?i),\s+(?:[\w’'.-]+\s+){{0,6}}?(?:{SAYING_VERBS})\b[^,;:]{{0,60}}$")


def _carries_attribution(sentence: str) -> bool:
    """Whether the sentence says who asserts it, on the parse: "according to …", a closing "…, X said.", or a
    reporting verb on the main line with a subject of its own and a clause it reports ("X said (that) …"). Not
    "X reported the eatery to …" (no reported clause), which is the author's statement about X."""
    if "according to" in sentence.lower() or _CLOSING.search(sentence):
        return True
    for t in nlp.parse([sentence])[0]:
        if (t.lemma_.lower() in _SPEECH_VERBS and t.pos_ == "VERB"
                and any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
            head = t
            while head.dep_ in ("ccomp", "conj", "parataxis"):
                head = head.head
            if head.dep_ == "ROOT":
                return True
    return False


def _attribute(sentence: str, party: str, always: bool, source: str = "") -> tuple[str, list[str]]:
    """Prefix an attribution unless the sentence already carries one, in natural order: what follows "that" or
    the comma starts lower-case unless the parse reads its first word as a name."""
    low = sentence.lower()
    if any(low.startswith(p) or f" {p} " in low for p in _SAYS) or _carries_attribution(sentence):
        return sentence, []
    keys = lexical.name_keys(party) - lexical.STOPWORDS
    shared = keys & lexical.name_keys(sentence)
    # A connective that joined the sentence to the one before cannot follow an attribution ("According to Mr
    # Garcia, but it allows ...").
    body = _CONNECTIVE.sub("", sentence, count=1) or sentence
    self_claim = _SELF_CLAIM.match(body)
    # (a person's own act, "Mr Smith has resigned", keeps its subject: "it" or "they" would be wrong, and which of
    # "he" or "she" the code cannot always say)
    own = self_claim is not None and lexical.name_keys(self_claim.group(1)) - lexical.STOPWORDS == keys \
        and not _a_person(party)
    if party != AUTHOR and shared and (_SAYING.search(sentence) or (shared == keys and not own)):
        # The sentence names its speaker already: with a verb of saying ("AMN News reported ...": a shared "in" is
        # no name, "Decision makers in Damascus" and "... in order to ..."), or whole, as the subject of what it
        # thinks or does ("Pharmacists expected shortages"). Not the speaker as the subject of its own claim, stated
        # as done ("The hospital trust has now introduced audits" where the article has "The hospital trust said it
        # had since introduced audits"), nor a part of its name ("The government has carried out a planned
        # regrouping", the defence ministry's words): attributed below (tried as a user would).
        return sentence, []
    if party == AUTHOR and not always:
        return sentence, []
    if own and self_claim is not None:
        # (the speaker as the subject of its own claim: "it" or "they" after the attribution, not its name twice;
        # "they" for a plural verb, or for "had" after a plural name: "residents", "police")
        rest = body[self_claim.end(1):]
        verb = rest.split()[0]
        last = party.split()[-1].lower()
        plural = verb in ("have", "are", "were") or verb == "had" and (
            last in ("police", "people") or last.endswith("s") and not last.endswith("ss"))
        body = ("they" if plural else "it") + rest
    body = _lower_first(body, source)
    frames = _frames(party)
    # ("The author says that that meant ...": the same word twice reads as a slip)
    frame = frames[-1] if re.match(r"that\b", body) else frames[0]
    return f"{frame}{body}", [f"{_ATTRIBUTED}{party}"]


def _a_person(party: str) -> bool:
    """Whether a speaker's name is a person's, by a title or the parse ("Mr Smith", "Clara Weiss")."""
    words = party.split()
    return bool(words) and (words[0].lower().rstrip(".") in _HONORIFICS
                            or any(e.label_ == "PERSON" for e in nlp.parse([party])[0].ents))


_HONORIFICS = frozenset("mr mrs ms miss dr prof sir lord lady dame".split())


_SAYING = re.compile(rf"(?i)\b(?:{SAYING_VERBS})\b")
# A sentence opening with its subject and an auxiliary: "The hospital trust has now introduced ...".
_SELF_CLAIM = re.compile(r"^((?:[Tt]he\s+)?(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+(?=(?:has|have|had|is|are|was|were)\b)")
_ATTRIBUTED = "attributed to "  # the edit that records the attribution code added, and to whom


def _frames(party: str) -> tuple[str, ...]:
    """The openings the attribution code puts before a sentence it gives to ``party``: for the author, "The
    author says that ", or "According to the author, " before a sentence that opens with "that"."""
    if party == AUTHOR:
        return ("The author says that ", "According to the author, ")
    return (f"According to {_party_case(party)}, ",)


def _party_case(party: str) -> str:
    """A party read from the start of a sentence ("Decision makers in Damascus said ...") lower-cased when its
    first word is a common noun, an adjective or an article, not a name, by the parse: "According to decision makers in
    Damascus", "according to military sources"; "Syrian state media", "AMN News", "Bite-Back" and "Reuters" keep
    their capitals; "The UK-based Syrian Observatory" is "the UK-based ..."."""
    words = party.split()
    first = words[0] if words else ""
    # (a capitalised second word goes on a name, "The New York Times", unless it is a hyphenated adjective:
    # "The UK-based Syrian Observatory")
    named = len(words) > 1 and words[1][:1].isupper() and not re.fullmatch(r"[A-Z][\w.]*-[a-z]+", words[1])
    if not (first.isalpha() and (first[1:].islower() or first == "A")) or named:
        return party
    token = nlp.parse([party])[0][0]
    # "A garment manufacturers' group", "The factory owners": an article opens no name.
    return party[:1].lower() + party[1:] if token.pos_ in ("NOUN", "ADJ", "DET") and not token.ent_type_ else party


# ... and the author's emphasis, which reads as the speaker's once attributed ("According to X, actually, ...").
_CONNECTIVE = re.compile(rf"(?i)^(?:{'|'.join((*lexical.CONNECTIVES, 'actually', 'in fact', 'indeed'))})\b,?\s+(?=\S)")


_TIME_WORDS = frozenset("last next this early late mid on in".split())
_CALENDAR = lexical.MONTHS_DAYS | {"week", "month", "year"}


_NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
                    "LANGUAGE"})


def _lower_first(sentence: str, source: str = "") -> str:
    """The sentence with its first word lower-cased, unless it is a name or an acronym (by the parse), or the
    article writes it with its capital inside a sentence, followed by the same word ("Fall of an Empire features
    ..." where the article has "the release of Fall of an Empire": a title)."""
    tokens = list(nlp.parse([sentence])[0]) if sentence else []
    if not tokens:
        return sentence
    first = tokens[0]
    if len(tokens) > 1 and first.is_alpha and not first.is_stop and first.lower_ not in lexical.STOPWORDS \
            and source and re.search(
            rf"(?<=[a-z,] ){re.escape(first.text)}\s+{re.escape(tokens[1].text)}(?!\w)", source):
        return sentence
    if first.lower_ in _TIME_WORDS and len(tokens) > 1 and tokens[1].lower_ in _CALENDAR:
        return sentence[:1].lower() + sentence[1:]  # "Last May, ...": a time, whatever the parse calls it
    if first.pos_ == "PROPN" or (first.ent_type_ in _NAMED and first.pos_ != "DET") \
            or (first.text.isupper() and len(first.text) > 1) or first.text == "I":
        return sentence  # (a name, or a people's adjective: "Iranian military advisors")
    # A capitalised word after the first is a multi-word name the parse missed ("Blues Boy"), not a sentence start.
    if first.pos_ in ("NOUN", "ADJ") and len(tokens) > 1 and tokens[1].text[:1].isupper() and tokens[1].is_alpha:
        return sentence
    return sentence[:1].lower() + sentence[1:]


# A page's cue before a sentence: "Scroll down for video", "Click here ...".
_PAGE_CUE = re.compile(r"^(?:Scroll down for (?:video|more)|Click here[^.:]*|Video)\s*[:.]?\s+(?=[A-Z\"“‘'])",
                       re.IGNORECASE)
_CAPTION = re.compile(r"^([^:.!?\"“]{2,60}):\s+(?=[A-Z\"“‘'])")


def strip_lead(text: str) -> str:
    """The sentence without what a page put before it: a wire dateline ("SAVAR, Bangladesh — "), a page cue
    ("Scroll down for video"), a picture caption's label ("Slain in cold blood: ", "Lies: "): a phrase of at
    most six words with no subject (no clause: "X said: " stays), before a colon. A label's judgement is the
    page's, not a fact to summarise."""
    text = _PAGE_CUE.sub("", DATELINE.sub("", text, count=1), count=1)
    if (m := _CAPTION.match(text)) and len(m.group(1).split()) <= 6 and not any(
            t.dep_ in ("nsubj", "nsubjpass", "expl") for t in nlp.parse([m.group(1)])[0]):
        text = text[m.end():]
    return text



async def _settled(job: ArticleJob, index: SourceIndex, sentence: str, check: Verdict
                   ) -> tuple[SummarySentence | None, Verdict]:
    """A model sentence the judge supports, neutralised and attributed to the speaker the judge names; checked
    again when that changed its words (an attribution may give a clause to the wrong speaker): None if it then
    fails, with the verdict that says why."""
    finished = _finish(job, index, sentence, check.support, "llm", party=check.speaker)
    if finished.text == sentence:
        return finished, check
    again = (await asyncio.to_thread(index.check_many, [finished.text]))[0]
    return (finished if again.supported else None), again


_PICTURED = re.compile(r"(?i)\((?:left|right|centre|center|pictured|above|below|inset)\)")
_OPINIONATED: weakref.WeakKeyDictionary[SourceIndex, bool] = weakref.WeakKeyDictionary()


def _opinionated(index: SourceIndex, lexicon: Lexicon) -> bool:
    """Whether the article argues rather than reports (``selection.opinionated``), read once per analysed body."""
    if index not in _OPINIONATED:
        _OPINIONATED[index] = selection.opinionated(index.units, lexicon)
    return _OPINIONATED[index]


def _authors_view(text: str, method: Method, index: SourceIndex, lexicon: Lexicon) -> bool:
    """Whether a summary sentence is the author's view, to be attributed: loaded terms or an unsourced verdict in
    it; taken from the article's text, a judgement in the author's words or a photo caption ("Jamie Silvonek
    (left), 14, and her boyfriend ... have been charged with killing the girl's mother for trying to break them
    up": the editor's framing, however plain its words); or any sentence, the model's included, of an article
    that argues rather than reports: the model retelling seed 001's "Turkish artillery units ... directly
    supported both of the attacks" as "Turkey has also used its military to attack the Syrian Army" states the
    author's one-sided account in plainer words, not a fact. A straight report's own sentences are stated as it
    states them ("The author says that the quake struck at 15:48" helps no reader)."""
    if lexicon.find(text) or _unsourced_verdict(text):
        return True
    return (method == "extractive" and (selection.opinion(text, lexicon) or bool(_PICTURED.search(text)))
            or _opinionated(index, lexicon))


def _finish(job: ArticleJob, index: SourceIndex, text: str, support: list[tuple[int, int]],
            method: Method, party: str | None = None) -> SummarySentence:
    lexicon = job.lexicon
    party = party or _party_of(job.doc, job.parties, support)
    text = strip_lead(text)
    compressed: list[str] = []
    if method == "llm" and (fact := ironic_fact(text)) is not None:
        # The model copied the author's irony ("celebrated the talks with 120 airstrikes"): the fact under it.
        text, compressed = fact, ["ironic framing set aside"]
    if (scene := circumstance(text)) is not None:
        # ("With national outrage boiling over, officers arrested the owner": the writer's scene-setting, no one's
        # statement and no fact; the summary keeps the fact)
        text = _sentence_case(text[len(scene) :].lstrip(" ,"))
        compressed.append(f"setting '{scene}' left out")
    if (aside := judging_aside(text)) is not None:
        # ("... the Assad regime that blatantly violated the de-escalation by attacking peaceful al-Qaeda militants":
        # the writer's verdict on the act, no fact the summary needs, and no one else's words)
        text = aside[0]
        compressed.append(f"judgement '{aside[1]}' left out")
    text, named = named_speaker(text, party)
    compressed += named
    text, mended = mended_quotes(text)
    compressed += mended
    if method == "llm":
        text, named = _named_subject(text, [index.analysed.text[a:b] for a, b in support])
        compressed += named
    contested = _authors_view(text, method, index, lexicon)
    worded, edits = lexicon.neutralize(text, outside_quotes=True)
    worded, more = _attribute(worded, party, always=contested, source=job.doc.text)
    return SummarySentence(text=with_stop(worded), supported=True, support=[index.span(a, b) for a, b in support],
                           method=method, edits=compressed + edits + more)


def named_speaker(text: str, party: str) -> tuple[str, list[str]]:
    """A sentence whose speaker is a pronoun ("He said: 'Peter was certainly not the type ...'", "..., he said.")
    with the speaker the article gives it written out, and the edit: the article's "he" is the speaker before, whom
    the summary may not have named."""
    m = speaker_pronoun(text)
    if m is None or party in (AUTHOR, UNATTRIBUTED) or not party[:1].isupper():
        return text, []
    named = party if m.start(1) == 0 else _party_case(party)  # (", the volunteer said.")
    edit = f"'{m.group(1)}' -> '{named}', the speaker the article gives"
    return text[: m.start(1)] + named + text[m.end(1) :], [edit]


def mended_quotes(text: str) -> tuple[str, list[str]]:
    """A sentence cut from glued paragraphs that starts inside a quotation and ends opening the next one (XSum's
    'We\'ve seen so much ... should be the default," said Prof Alan Woodward, from the University of Surrey."') with
    its marks where they belong ('"We\'ve seen ... University of Surrey.'), and the edit; a sentence that opens a
    quotation it does not close, the article's quotation going on in the next sentence ('"We signed a form stating
    ... both parties\' consent.', the mark closing after "... if we separated,\" he said."), closed at its end; any
    other sentence as it is."""
    end = text.rstrip()
    if _balanced(text):
        return text, []
    if end[:1] in ('"', "\u201c") and end[-1:] in ".!?":
        closed = end + ('"' if end[0] == '"' else "\u201d")
        if _balanced(closed):
            return closed, ["quotation marks mended: the quotation goes on in the article's next sentence; closed "
                            "at this one's end"]
    if not end.endswith(('."', '!"', '?"')):
        return text, []
    mended = '"' + end[:-1]
    if not _balanced(mended):
        return text, []
    return mended, ["quotation marks mended: the sentence began inside a quotation, and its last mark opened the next"]


_HE_OR_SHE = re.compile(r"(?i)\b(?:he|she)\b")


def _named_subject(text: str, support: list[str]) -> tuple[str, list[str]]:
    """A model sentence whose subject is "he" or "she" where the sentence it rests on names that subject, with the
    name written in, and the edit. The judge reads the pronoun as anyone; a reader takes the summary's last-named
    person ("She conceded defeat late on Sunday", resting on "Pfeil conceded defeat ...", after a sentence about the
    winner, Clara Weiss)."""
    if not _HE_OR_SHE.search(text):  # (most sentences: no parse)
        return text, []
    doc = nlp.parse([text])[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if root is None or subject is None or subject.lower_ not in ("he", "she"):
        return text, []
    for source in nlp.parse(support):
        for verb in source:
            if verb.lemma_.lower() != root.lemma_.lower():
                continue
            actor = next((c for c in verb.children if c.dep_ == subject.dep_), None)
            # (a name, however the parser types it: "Pfeil" and "Weiss" come out as organisations)
            if actor is None or actor.pos_ != "PROPN":
                continue
            first = actor.i  # (the name's own words before it: "Clara Weiss", not "candidate Clara Weiss")
            while first > 0 and source[first - 1].pos_ == "PROPN" and source[first - 1].dep_ == "compound":
                first -= 1
            name = source[first : actor.i + 1].text
            edit = f"'{subject.text}' -> '{name}', whom the article says it of"
            return text[: subject.idx] + name + text[subject.idx + len(subject.text) :], [edit]
    return text, []


def with_stop(sentence: str) -> str:
    """The sentence ended with a full stop, unless it ends already: a stop inside a closing quotation mark or bracket
    ends it too ("He said: ‘… and the lighting.’" takes no second one), as does a closing double quotation mark.
    A comma or colon left at the end goes first (the small model wrote "... and UN Security Council.,")."""
    sentence = sentence.rstrip(" ,;:")
    if sentence.endswith(('"', "”")) or sentence.rstrip("'’)]").endswith((".", "!", "?")):
        return sentence
    return sentence + "."


# A judgement put in the passive with nobody behind it ("has been dubbed one of the biggest independent films",
# "is widely regarded as"): someone's view, which a summary must attribute, not state.
_VERDICT = re.compile(r"(?i)\b(?:(?:has|have|had)\s+been|is|are|was|were)\s+(?:widely\s+|often\s+)?(?:dubbed|hailed|"
                      r"touted|billed|branded|labell?ed|considered|(?:regarded|described|seen|viewed)\s+as)\b"
                      r"(?!.*\bby\b)")


def _unsourced_verdict(text: str) -> bool:
    return bool(_VERDICT.search(text))


def prompt_name(by_model: bool) -> str:
    """The summary prompt of a strategy: the model's (``summary_document``) or the rules' (``summary``)."""
    return "summary_document" if by_model else "summary"


async def summarize(job: ArticleJob, prompt: Prompt,
                    claims: Awaitable[tuple[list[Claim], list[RejectedItem]]] | None = None) -> Summary:
    """A neutral summary whose every sentence is supported by the article body. ``claims``: the claims step's
    result, from which the summary is completed (rules strategy: awaited after the model's draft) or written
    (model strategy, ``summary_document``: awaited first, and given to the model)."""
    doc, settings, notes = job.doc, job.settings, job.notes
    wanted = settings.summary_max_sentences
    body = _truncate(doc.body_text, settings.summary_input_chars)
    by_model = prompt.name == "summary_document"
    found: list[Claim] = []
    if by_model:
        if claims is not None:
            found = (await claims)[0]
        listed = "\n".join(f"{n}. [{c.attributed_to}] {c.text}" for n, c in enumerate(found[:MAX_LISTED], 1))
        result = await job.llm.complete_json(
            prompt, {"title": doc.meta.title or "(none)", "published": str(doc.meta.published or "unknown"),
                     "body": body, "claims": listed or "(none)", "max_sentences": wanted},
            _CitedSummary, job.budget, job.usage)
    else:
        result = await job.llm.complete_json(
            prompt, {"title": doc.meta.title or "(none)", "body": body,
                     "max_sentences": settings.summary_max_sentences}, _ModelSummary, job.budget, job.usage)
    kept: list[SummarySentence] = []
    ranks: list[Ranking] = []

    def ranked(index: SourceIndex) -> Ranking:
        """The body sentences' key-fact salience, computed once (a repair and the completion both rank)."""
        if not ranks:
            ranks.append(salience(index.analysed, [s.start for s in doc.sentences], job.parties, job.lexicon))
        return ranks[0]

    rejected: list[RejectedItem] = []
    if result.value is None:
        notes.append(f"summary: model output unusable ({result.error}); extractive")
    else:
        assert isinstance(result.value, (_ModelSummary, _CitedSummary))
        items = [(s, []) if isinstance(s, str) else (s.text, s.claims) for s in result.value.sentences]
        # A model's "sentence" that holds several is checked, kept or rejected sentence by sentence, as a reader
        # (and the eval's verifier) reads it.
        flat = [(" ".join(raw.split()), cited) for raw, cited in items]
        items = [(_sentence_case(_MODEL_FRAME.sub("", _PROMPT_ECHO.sub("", raw[p.start : p.end]))), cited)
                 for raw, cited in flat for p in split_sentences(raw)]
        drafted: list[tuple[str, list[int]]] = []
        repeats: list[str] = []
        for sentence, cited in items:
            if not sentence:
                continue
            if any(_similar(sentence, k) for k, _ in drafted) or any(_similar(sentence, r) for r in repeats) \
                    or any(_similar(sentence, r.text) for r in rejected):
                repeats.append(sentence)
                continue
            drafted.append((sentence, cited))
        # The judge parses and checks them (CPU-bound): in a worker thread, so the event loop keeps serving.
        index = await job.index()
        checks = await asyncio.to_thread(index.check_many, [d for d, _ in drafted] + repeats)
        # A repeat is judged too: one that the source does not support is reported for that, not as a repeat
        # ("The jury ruled Hale would not appeal" shares most words with "The jury found Hale guilty", and is false).
        for sentence, verdict in zip(repeats, checks[len(drafted):], strict=True):
            rejected.append(RejectedItem(text=sentence, reason="repeats an earlier sentence" if verdict.supported
                                         else _why_not(verdict)))
        checks = checks[:len(drafted)]
        for n, ((sentence, cited), check) in enumerate(zip(drafted, checks, strict=True)):
            if len(kept) >= wanted:
                # Nothing the model wrote goes unreported: what comes after a full summary is listed with the judge's
                # verdict (a repeat of one of these was reported as a repeat above).
                for (later, _), verdict in zip(drafted[n:], checks[n:], strict=True):
                    full = f"{LEFT_OUT}: the summary already had its {wanted} sentences"
                    rejected.append(RejectedItem(text=later, reason=full if verdict.supported else _why_not(verdict)))
                break
            why = _why_not(check) if not check.supported \
                else _not_a_sentence(sentence) or (
                    f"'{word}' points at nothing earlier in the summary"
                    if (word := _dangling(sentence, kept, check.support, _kinds(job))) else "")
            split = not check.supported
            if not why and len(speakers := check.speakers) > 1:
                # The article gives its clauses to two speakers ("The government carried out a planned regrouping and
                # killed at least 9 civilians": the defence ministry's and local residents'): one attribution would
                # give one of them the other's words, so each clause on its own, below.
                why, split = f"the article gives its parts to {' and '.join(speakers)}", True
            if not why:
                # What the source attributes (the judge's warning), the summary attributes to the same speaker.
                finished, again = await _settled(job, index, sentence, check)
                if finished is not None:
                    kept.append(finished)
                    continue
                # One speaker for a sentence whose clauses the source gives to two ("According to officials, the
                # quake struck ... and was felt as far away as Milan", the second Italian media's): rejected as
                # attributed, so split or replaced below like any other.
                why = "once attributed: " + _why_not(again)
                check, split = again, not again.supported
            # Two facts joined by a semicolon or as two clauses ("X took the town and shelled the road"), one of
            # them unsupported or both checked as one (a strong model joins facts of distant sentences): each on
            # its own, the shared subject written out.
            halves = [h.strip() for h in sentence.split("; ") if h.strip()] if split else []
            if len(halves) > 1:
                parts = [with_stop(h[:1].upper() + h[1:]) for h in halves]
            else:
                parts = await asyncio.to_thread(clause_parts, sentence) if split else []
            if len(parts) > 1:
                before = len(kept)
                for part, part_check in zip(parts, await asyncio.to_thread(index.check_many, parts), strict=True):
                    if (len(kept) < wanted and part_check.supported and not _not_a_sentence(part)
                            and not _dangling(part, kept, part_check.support, _kinds(job))):
                        finished, _ = await _settled(job, index, part, part_check)
                        if finished is None:
                            continue
                        kept.append(finished)
                        kept[-1].edits.append("split from a model sentence the judge rejected whole")
                if len(kept) > before:
                    rejected.append(RejectedItem(text=sentence, reason=f"{why}; its supported part(s) kept"))
                    continue
            # Repair (model strategy): the claim the sentence cites, checked already, in its place; when it cites
            # none, the claim that says most of what it says.
            usable = [found[n - 1] for n in cited if 0 < n <= min(len(found), MAX_LISTED)]
            repair = _claims_to_add(job, ranked(index), usable, kept, len(kept) + 1)
            how = "the claim it cites"
            for near in ([] if usable or repair else _nearest(sentence, found)):
                if repair := _claims_to_add(job, ranked(index), [near], kept, len(kept) + 1):
                    how = "the article's claim closest to it"
                    break
            rejected.append(RejectedItem(text=sentence, reason=why + (f"; replaced by claim {repair[0].id}"
                                                                      if repair else "")))
            if repair:
                c = repair[0]
                kept.append(_finish(job, index, c.text, [(c.start, c.end)], "extractive", party=c.attributed_to))
                kept[-1].edits.append(f"replaced the model's sentence, which the judge rejected, by {how}")
    if claims is not None and not by_model:
        found = (await claims)[0]
        if kept:
            index = await job.index()
            kept = _compete(job, index, ranked(index), kept, found, wanted, rejected)
    model_kept = sum(k.method == "llm" for k in kept)
    if claims is not None and len(kept) < wanted:
        index = await job.index()
        for claim in _claims_to_add(job, ranked(index), found, kept, wanted, reading_order=not by_model):
            kept.append(_finish(job, index, claim.text, [(claim.start, claim.end)], "extractive",
                                party=claim.attributed_to))
    if len(kept) < MIN_SENTENCES:
        for cand in _lead_candidates(doc, job.parties, settings.summary_max_sentences):
            if len(kept) >= max(MIN_SENTENCES, min(4, settings.summary_max_sentences)):
                break
            text = clean_sentence(cand.text)
            if any(_similar(text, k.text) for k in kept):
                continue
            kept.append(_finish(job, await job.index(), text, [(cand.start, cand.end)], "extractive"))
    if result.value is not None and len(kept) > model_kept:
        notes.append(f"summary: {model_kept} model sentence(s) kept; completed from the article's "
                     f"{'claims' if claims is not None else 'most check-worthy sentences'}")
    # (a capable model's summary reads in its own order, a replacement in the place of the sentence it replaced)
    if not by_model:
        kept = _in_reading_order(kept)
    if claims is not None:
        kept = _none_dangling(job, await job.index(), ranked, kept, found, wanted, rejected, reorder=not by_model)
    methods = {s.method for s in kept}
    method: Literal["llm", "extractive", "mixed"] = (
        "mixed" if len(methods) > 1 else "llm" if methods == {"llm"} else "extractive")
    return Summary(text=" ".join(s.text for s in kept), method=method, sentences=kept, rejected=collapse(rejected))


def _as_drafted(k: SummarySentence) -> str:
    """A summary sentence without the attribution code put in front of it ("The author says that ...")."""
    for edit in k.edits:
        if edit.startswith(_ATTRIBUTED):
            for frame in _frames(edit.removeprefix(_ATTRIBUTED)):
                if k.text.startswith(frame):
                    return k.text[len(frame):]
    return k.text


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _in_reading_order(kept: list[SummarySentence]) -> list[SummarySentence]:
    """The article's order, by where each sentence's support begins: the lead first, as a news report tells its
    facts by importance. (Model sentences first had put "The employers' association VRS has offered a 4.5%
    increase" before the strike it was about.)"""
    return sorted(kept, key=lambda k: min((sp.start for sp in k.support), default=math.inf))


def _none_dangling(job: ArticleJob, index: SourceIndex, ranked: Callable[[SourceIndex], Ranking],
                   kept: list[SummarySentence], claims: list[Claim], wanted: int,
                   rejected: list[RejectedItem], reorder: bool) -> list[SummarySentence]:
    """The summary in reading order with no pronoun pointing at nothing before it. The claims were checked for
    it in the order they were chosen (by salience), and the summary reads in the article's: "Most recently, he
    claimed …" chosen after a sentence naming the hacker can come out ahead of it, or stay when the sentence naming
    him loses its place. Such a sentence goes, and the next claim takes its place (each one rechecked)."""
    dropped: set[tuple[int, int]] = set()
    for _ in range(wanted):
        # Each sentence as drafted, without the attribution code put in front ("The author says that it ..."
        # leaves "it" pointing at nothing, and "author" is no referent): mostly the claim's own text, whose parse
        # the choice of claims already made.
        read = [_sentence_case(_as_drafted(k)) for k in kept]
        supports = [[(sp.start, sp.end) for sp in k.support] for k in kept]
        word, at = next(((w, i) for i in range(len(kept)) if (w := _dangling_in(
            read[i], read[:i], supports[:i], supports[i], index.analysed.kinds)) is not None), (None, -1))
        if word is None:
            break
        gone = kept.pop(at)
        dropped.update((sp.start, sp.end) for sp in gone.support)
        why = f"'{word}' points at nothing earlier in the summary"
        if gone.method == "llm":
            rejected.append(RejectedItem(text=gone.text, reason=why))
        else:  # (``rejected`` lists the model's sentences; a claim left out is a note)
            job.notes.append(f"summary: a claim left out, {why}: {gone.text[:80]}")
        rest = [c for c in claims if (c.start, c.end) not in dropped]
        kept = kept + [_finish(job, index, c.text, [(c.start, c.end)], "extractive", party=c.attributed_to)
                       for c in _claims_to_add(job, ranked(index), rest, kept, wanted, reading_order=reorder)]
        kept = _in_reading_order(kept) if reorder else kept
    return kept


# The reason given for a model sentence the judge supports and the summary leaves out (rules strategy).
LEFT_OUT = "supported, but left out"


def _compete(job: ArticleJob, index: SourceIndex, ranking: Ranking, drafted: list[SummarySentence],
             claims: list[Claim], wanted: int, rejected: list[RejectedItem]) -> list[SummarySentence]:
    """Rules strategy: the small model's supported sentences compete with the article's claims for the summary's
    places, one place at a time, by the new key fact their source sentence most likely states (``Ranking.novel``:
    how likely it states a key fact, and none of those the places taken state), the first place to the article's
    lead where a sentence rests on it; the model's sentences left out are reported. A model sentence whose pronoun
    pointed at a model sentence now left out is left out too."""
    starts = [s.start for s in job.doc.sentences]

    def sentence_of(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    # (the claims offered are picked for what they add to each other, not to the model's sentences: those may lose
    # their places to them)
    offered: list[SummarySentence | Claim] = [
        *drafted, *_claims_to_add(job, ranking, claims, drafted, len(drafted) + len(claims), against_kept=False,
                                 reading_order=True)]
    # (a model sentence stands for the source sentence of its support most likely to state a key fact)
    where = [max((sentence_of(sp.start) for sp in k.support), key=ranking.get, default=-1)
             if isinstance(k, SummarySentence) else sentence_of(k.start) for k in offered]
    chosen: set[int] = set()
    while len(chosen) < min(wanted, len(offered)):
        picked = [where[n] for n in chosen]
        chosen.add(max((n for n in range(len(offered)) if n not in chosen),
                       key=lambda n: (not picked and where[n] == ranking.lead, ranking.novel(where[n], picked), -n)))
    kept: list[SummarySentence] = []

    def leave_out(k: SummarySentence, why: str) -> None:
        # (the model's repeats of it, rejected as repeats, are counted with it: one entry, one reason; they were
        # rejected as the model wrote them, before any attribution was added)
        drafts = {k.text.casefold(), _as_drafted(k).casefold()}
        repeats = [r for r in rejected if r.text.casefold() in drafts]
        rejected[:] = [r for r in rejected if r.text.casefold() not in drafts]
        rejected.append(RejectedItem(text=k.text, reason=f"{LEFT_OUT}: {why}", count=1 + sum(r.count for r in repeats)))

    for n, k in enumerate(drafted):
        if n not in chosen:
            leave_out(k, "the summary's places went to sentences more likely to state the article's key facts")
        elif (word := _dangling(k.text, kept, [(sp.start, sp.end) for sp in k.support], index.analysed.kinds)) \
                is not None:
            leave_out(k, f"'{word}' points at a sentence left out")
        else:
            kept.append(k)
    # (only the claims that take a place are reworded and attributed: each costs a parse)
    return kept + [_finish(job, index, c.text, [(c.start, c.end)], "extractive", party=c.attributed_to)
                   for n, c in enumerate(offered) if n >= len(drafted) and n in chosen and isinstance(c, Claim)]


# A claim longer than this reads as a paragraph in a summary (it is usually several source sentences run together).
MAX_CLAIM_WORDS = 45
# The weight of the article's opening against check-worthiness (news puts its point first), as _lead_candidates.


def _claims_to_add(job: ArticleJob, ranking: Ranking, claims: list[Claim], kept: list[SummarySentence],
                   wanted: int, against_kept: bool = True, reading_order: bool = False) -> list[Claim]:
    """The claims that complete the summary: supported, asserted and checkable (a guess or a prediction is not a
    summary's fact; a fact given as reported is, its hedge kept: ``_reported``), short enough to read, quotation
    marks balanced, no pronoun left pointing at nothing; one place at a time, the claim whose sentence most likely
    states a key fact that the sentences already in the summary do not (``Ranking.novel``; then the most
    check-worthy; the first, when nothing is told yet, a claim of the article's lead if there is one), one per
    source sentence, none repeating a kept sentence. ``against_kept``: whether what the kept sentences state counts
    as told (else only what the claims chosen before state)."""
    starts = [s.start for s in job.doc.sentences]

    def sentence_of(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    # (a sentence supported by two of the article's, "The study found that X" by "..., according to a study" and
    # the sentence that says X, uses the one it states most of: the other's own fact can still take a place)
    used = [sentence_of(max(k.support, key=lambda sp: len(set(lexical.content_stems(sp.text))
                                                          & set(lexical.content_stems(k.text)))).start)
            for k in kept if k.support]
    chosen: list[Claim] = []
    texts = [k.text for k in kept]
    supports = [[(sp.start, sp.end) for sp in k.support] for k in kept]
    left = [c for c in claims
            if c.grounding.status == "supported" and (c.checkable and c.certainty == "asserted" or _reported(c))
            and len(c.text.split()) <= MAX_CLAIM_WORDS and (_balanced(c.text) or mended_quotes(c.text)[1])
            and not _not_a_sentence(strip_lead(c.text))]
    def read_before(c: Claim) -> tuple[list[str], list[list[tuple[int, int]]]]:
        if not reading_order:
            return texts, supports
        first = [min((a for a, _ in sp), default=math.inf) for sp in supports]
        earlier = sorted((i for i in range(len(texts)) if first[i] < c.start), key=first.__getitem__)
        return [texts[i] for i in earlier], [supports[i] for i in earlier]

    while left and len(kept) + len(chosen) < wanted:
        # (a claim passed over here, its sentence taken, repeating a kept sentence or its pronoun pointing at
        # nothing, stays passed over: what is kept only grows)
        told = used if against_kept else used[len(used) - len(chosen):]
        # (the lead first: a summary that starts from nothing opens with the article's first sentence when a claim of
        # it can take the place, as the news does)
        left.sort(key=lambda c: (bool(told) or sentence_of(c.start) != ranking.lead,
                                 -ranking.novel(sentence_of(c.start), told), -c.checkworthiness))
        while left:
            c = left.pop(0)
            where = sentence_of(c.start)
            if where in used or any(_similar(c.text, t) for t in texts) \
                    or _dangling_in(c.text, *read_before(c), [(c.start, c.end)], _kinds(job)):
                continue
            chosen.append(c)
            used.append(where)
            texts.append(c.text)
            supports.append([(c.start, c.end)])
            break
    return chosen


# A fact the article gives as reported ("were reportedly killed"): the summary can state it, hedge and all, where it
# cannot state a guess ("may have") or a prediction.
_REPORTING_HEDGE = re.compile(r"(?i)\b(?:reportedly|allegedly|purportedly)\b")


def _reported(claim: Claim) -> bool:
    return claim.certainty == "hedged" and bool(_REPORTING_HEDGE.search(claim.text))


# The prompt's field labels copied before a sentence ("Title: (none) Article: The Kansas law ..."): the small model
# echoes its input; what follows them is the sentence.
_PROMPT_ECHO = re.compile(r"^(?:Title:.*?)?Article:\s*")

# The model's own attribution to the text ("The article says the government has carried out a planned regrouping and
# killed at least 9 civilians."): no speaker of the article's, and it hid from the judge that the article gives the
# two clauses to two (the defence ministry; local residents). Set aside before the judge reads the sentence: the
# summary attributes what it keeps to the speaker the judge names, or to the author (tried as a user would).
_MODEL_FRAME = re.compile(r"(?i)^(?:according to (?:the|this) (?:article|author|writer|text),\s*|(?:the|this) "
                          r"(?:article|author|writer|text) (?:says|states|reports|notes|claims|argues|suggests|"
                          r"writes|adds|alleges)(?: that)?\s+)(?![\"“‘'(]|(?:why|how|what|when|where|whether|who|"
                          r"which|that)\b)(?=\S)")

# "The article also highlights the role of ...": the model's commentary on the text, which no sentence of it states.
_ABOUT_THE_TEXT = re.compile(r"(?i)^(?:the|this) (?:article|report|piece|story|text)\b(?! (?:says|said|reports)\b)")


def _not_a_sentence(sentence: str) -> str:
    """Why a model's summary "sentence" is a fragment a reader cannot use, or "": it starts mid-sentence (lower case
    or punctuation), it ends on a word that needs more ("…what it describes as."), or it states nothing (a bare
    phrase without a verb: "dismemberment abortion.")."""
    if not re.match(r"[\"“‘'(]?[A-Z0-9]", sentence):
        return "a fragment: it starts mid-sentence"
    if _ABOUT_THE_TEXT.match(sentence):
        return "it describes the article, not what the article reports"
    words = [t for t in nlp.parse([sentence])[0] if not t.is_punct]
    if words and (words[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "AUX", "PART") and not _complete_end(words[-1])
                  # "…, Tass reported, adding.": a participle clause announced and cut off
                  or (words[-1].tag_ == "VBG" and words[-1].dep_ == "advcl" and not list(words[-1].children)
                      and words[-1].i > 0 and words[-1].nbor(-1).text == ",")):
        return f"a fragment: it ends on \u201c{words[-1].text}\u201d"
    return not_a_statement(sentence, analyse_statements([sentence])[0])


def _complete_end(word: Token) -> bool:
    """A last word that closes the sentence all the same: a verb's particle ("has been called off", "turn it on")
    or a preposition the passive leaves behind ("had been accounted for"), not one waiting for its object
    ("…what it describes as.")."""
    if word.dep_ == "prt":
        return True
    return word.dep_ == "prep" and not list(word.children) and word.head.tag_ == "VBN" \
        and any(c.dep_ == "auxpass" for c in word.head.children)


def _balanced(text: str) -> bool:
    """Whether a sentence's quotation marks open and close within it: as many of each, and the first straight one
    opening a quotation, not closing one begun in a sentence before (xsum_29237469's glued paragraphs gave "We've
    seen so much ... should be the default," said Prof Alan Woodward, from the University of Surrey."', two marks,
    the first a closing one)."""
    if text.count('"') % 2 or text.count("“") != text.count("”") or text.find("”") < text.find("“"):
        return False
    first = text.find('"')
    if first <= 0:
        return True
    after = text[first + 1:first + 2]
    return not (text[first - 1] not in " \t\n([" and (after == "" or after.isspace() or after in ",.;:!?)"))


_HE_SHE = frozenset({"he", "she", "him", "his", "her"})
_IT_THEY = frozenset({"it", "its", "they", "them", "their"})


def _thing_for(u: Token, it: Token, kinds: Mapping[str, str]) -> bool:
    """A word before "it" in its sentence that "it" can stand for: a noun or name not a person's, and not the subject
    of the verb "it" is the object of."""
    return u.pos_ in ("NOUN", "PROPN") and not _someone(u, kinds) and not (
        u.dep_ in ("nsubj", "nsubjpass") and u.head.i == _verb_of(it).i)


def _verb_of(t: Token) -> Token:
    """The verb whose clause a word is in ("make" for the "it" of "make it the default option")."""
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


_DEMONSTRATIVES = frozenset({"this", "these", "those"})
# Deictic, not anaphoric: "this week", "that day" point at the calendar, not at an earlier sentence.
_TIME_NOUNS = frozenset({"year", "month", "week", "day", "morning", "afternoon", "evening", "night", "weekend",
                         "time", "season", "summer", "winter", "spring", "autumn", "fall", "century", "decade",
                         "hour", "moment", "term", "quarter", "point", "stage", "way"})
# What says which one: "the attack on the prison", "the attack that followed", "the Ankara meeting", "the February 10
# clashes", "Turkey's move".
_WHICH = frozenset({"prep", "relcl", "acl", "compound", "nmod", "poss", "nummod"})
# Side clauses, where the sentence's own words may have told of the event: "conspired to have her mother killed,
# texting him hours before the attack".
_SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl", "xcomp", "csubj", "pcomp", "conj"})
# A demonstrative keeps its referent when the previous summary sentence comes from the article text just before.
_NEAR = 400
_ADJACENT = 3  # characters between two sentences that follow each other in the article


# What "he"/"she" can stand for besides a name: one person named by a noun ("the mother", "a 14-year-old girl",
# "the fugitive owner"). Endings catch most nouns for a person's role ("activist", "spokesman", "publicist").
_ONE_PERSON = frozenset({
    "aide", "actress", "adult", "agent", "ambassador", "analyst", "attorney", "aunt", "baby", "bishop", "boss", "boy",
    "bride", "candidate", "captain", "chief", "child", "citizen", "client", "colleague", "cousin", "daughter",
    "defendant", "detective", "doctor", "envoy", "executive", "expert", "fiance", "fiancee", "friend", "fugitive",
    "general", "girl",
    "governor", "guard", "head", "hero", "husband", "individual", "infant", "judge", "king", "lady", "legend",
    "mayor", "militant", "minister", "mother", "father", "nephew", "niece", "nurse", "official", "parent",
    "patient", "pilot", "president", "priest", "prince", "princess", "prosecutor", "queen", "rebel", "resident",
    "senator", "sister", "brother", "son", "star", "student", "suspect", "survivor", "teen", "uncle", "veteran",
    "victim", "widow", "wife", "witness", "youngster",
    # (the ones whose "-er"/"-or" ending follows no verb: ``_agent`` does not find them)
    "boyfriend", "girlfriend", "coach", "customer", "diplomat", "jockey", "lawyer", "member", "neighbor", "neighbour",
    "officer", "partner", "passenger", "prisoner", "refugee", "soldier", "stranger", "teenager", "user"})
_PERSON_ENDINGS = ("man", "woman", "person", "ist", "ian", "year-old")
# An agent noun's endings: a person only where what is left is a verb ("manager", "survivor", "runner",
# "employee"), not "quarter", "order", "summer" or "water" (``_agent``).
_AGENT_ENDINGS = ("er", "or", "ee")
# Entity types that are never one person: "he" after "Cyber Berkut" (an ORG) or "Russia" points at nothing.
_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})
_NOT_SOMEONE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
                          "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})


def _kinds(job: ArticleJob) -> Mapping[str, str]:
    """The article's names typed over its whole text (``Analysed.kinds``: "holyfield" -> person, where the parser
    alone types "Holyfield beat him" a place); empty while the body is still being analysed."""
    return job.analysing.result().analysed.kinds if job.analysing.done() else {}


def _someone(t: Token, kinds: Mapping[str, str]) -> bool:
    """Whether a word names one person "he" or "she" can point back to: a person's name (as the article's names
    are typed over its whole text, ``kinds``, else as the parser types it here, an untyped name included), not an
    organisation's or a group's plural name ("the Ukrainian Cyber Troops"); a noun for one person ("the mother",
    "a 14-year-old girl"), or one of several ("one of the men")."""
    head = t
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    if t.pos_ == "PROPN" and t.lower_ in kinds:
        return kinds[t.lower_] == "person" and head.tag_ != "NNPS"
    if t.ent_type_ == "PERSON":
        return True
    if t.pos_ == "PROPN":
        return t.ent_type_ not in _NOT_SOMEONE and head.tag_ != "NNPS"
    # (a noun the tagger took for an adjective, where it stands as one: "A cleaner who feared a body he found ...")
    nominal = t.pos_ == "ADJ" and t.dep_ in _NOMINAL and any(c.dep_ == "det" for c in t.children)
    if t.pos_ != "NOUN" and not nominal or head is not t:
        return False
    if any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom", "whose") for w in c.children) for c in t.children):
        return t.tag_ not in ("NNS", "NNPS")  # "a cleaner who ...": one whom "who" stands for is someone
    word = t.lower_ if nominal else t.lemma_.lower()
    if word in ("author", "writer"):
        return False  # the attribution code adds ("The author says that …") names no one the article's "he" is
    if t.ent_type_ in _NOT_SOMEONE:
        return False  # "this summer", "a quarter of": a date or a number
    personal = word in _ONE_PERSON or word.endswith(_PERSON_ENDINGS) or _agent(word) \
        or t.lower_ in ("men", "women", "people")
    if t.tag_ == "NNS":
        # "one of the men dropped his backpack"
        return personal and t.head.lower_ == "of" and t.head.head.lower_ == "one"
    return personal


def _agent(word: str) -> bool:
    """Whether a noun is one who does what a verb says: "-er", "-or" or "-ee" after the verb ("reporter", "runner",
    "investigator", "employee")."""
    if not word.endswith(_AGENT_ENDINGS) or len(word) < 5:
        return False
    base, verbs = word[:-2], nlp.verb_bases()
    doubled = word.endswith("er") and len(base) > 3 and base[-1] == base[-2] and base[:-1] in verbs
    return base in verbs or base + "e" in verbs or doubled


def _dangling(sentence: str, kept: list[SummarySentence], support: list[tuple[int, int]],
              kinds: Mapping[str, str]) -> str | None:
    return _dangling_in(sentence, [k.text for k in kept], [[(sp.start, sp.end) for sp in k.support] for k in kept],
                        support, kinds)


def _dangling_in(sentence: str, before: list[str], before_support: list[list[tuple[int, int]]],
                 support: list[tuple[int, int]], kinds: Mapping[str, str]) -> str | None:
    """The first word of ``sentence`` that points at nothing in the summary before it (outside quotation marks):
    he/she/his/her with no one person before it (``_someone``); it/they/their with no noun before it, "it" with no
    thing before it in its own sentence when it opens the summary (``_thing_for``); a
    demonstrative used alone ("this is…"), or before a noun the summary has not used ("That next flight ..." with
    no flight before it; not "this week"), or "the" before an event or a group the summary has not told of ("the
    assault", "the group": ``_told_before``), unless the previous summary sentence comes from the article text just
    before this one."""
    docs = nlp.parse([*before, sentence]) if before else nlp.parse([sentence])
    earlier, doc = docs[:-1], docs[-1]
    person = any(_someone(t, kinds) for d in earlier for t in d)
    thing = thing_before = any(t.pos_ in ("NOUN", "PROPN") for d in earlier for t in d)
    # (the things and acts earlier in the summary: "flight controllers" tells of no flight)
    used = {t.lemma_.lower() for d in earlier for t in d
            if t.pos_ in ("NOUN", "PROPN", "VERB") and t.dep_ != "compound"}
    quoted = [m.span() for m in re.finditer(r"[\"“][^\"”]*(?:[\"”]|$)", sentence)]
    for t in doc:
        if any(a < t.idx < b for a, b in quoted):
            continue
        low = t.lower_
        if _someone(t, kinds):
            person = True
        if t.pos_ in ("NOUN", "PROPN"):
            thing = True
        if t.pos_ == "PRON" and low in _HE_SHE and not person:
            return t.text
        if t.pos_ == "PRON" and low in _IT_THEY and not thing and t.dep_ != "expl":
            return t.text
        if t.pos_ == "PRON" and low == "it" and not thing_before and not stands_for_a_clause(t) and not any(
                _thing_for(u, t, kinds) for u in doc[: t.i]):
            # "One expert suggested that Apple should instead make it the default option": not the expert, not Apple
            return t.text
        alone = low in _DEMONSTRATIVES and t.tag_ == "DT" and t.dep_ not in ("det", "mark", "advmod") \
            and not any(c.dep_ in ("relcl", "acl", "prep") for c in t.children)
        # ("That next flight, which will be ..." with no flight earlier in the summary; not "this week")
        noun = t.head.lemma_.lower()
        before_noun = (low in (*_DEMONSTRATIVES, "that") and t.tag_ == "DT"
                       or _told_before(t) and not (before and noun in lexical.SUM_UP_NOUNS)) \
            and t.dep_ == "det" and t.head.pos_ == "NOUN" and noun not in _TIME_NOUNS \
            and not _told(noun, used | {u.lemma_.lower() for u in doc[: t.i] if u.dep_ != "compound"})
        if alone or before_noun:
            # (the article's sentence before may hold what it points at: near it for a pronoun, right before it for a
            # noun the summary has not used, as "That next flight" after the sentence that names the flight)
            previous = before_support[-1] if before_support else []
            first = min((a for a, _ in support), default=0)
            if not any(first - (_NEAR if alone else _ADJACENT) <= b <= first for _, b in previous):
                return f"{t.text} {t.head.text}" if low == "the" else t.text
    return None


def _told_before(t: Token) -> bool:
    """"the" before a noun for an event or a group told before (``lexical.EVENT_AND_GROUP_NOUNS``), not a named
    event, with nothing that says which one, in the sentence's main clause: "the meeting was attended by ...", not
    "the meeting in Ankara", "the Ankara meeting", "the meeting that followed", "Turkey's meeting" or "texting him
    hours before the attack"."""
    head = t.head
    if t.lower_ != "the" or head.lemma_.lower() not in lexical.EVENT_AND_GROUP_NOUNS or head.ent_type_ \
            or any(c.dep_ in _WHICH for c in head.children) or _occurs(head):
        return False
    while head.head.i != head.i:
        if head.dep_ in _SIDE_CLAUSES:
            return False
        head = head.head
    return True


# Verbs that tell an event happen: a sentence whose event "began", "broke out" or "took place" tells it, and its "the"
# points at nothing before ("The incident began on Tuesday morning when border agents encountered two men ...").
_OCCUR = frozenset({"begin", "start", "happen", "occur", "unfold", "erupt"})


def _occurs(noun: Token) -> bool:
    """Whether the noun is the subject of a verb that tells it happen: "began", "occurred", "broke out", "took
    place"."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma, parts = verb.lemma_.lower(), {c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj")}
    return lemma in _OCCUR or lemma == "break" and "out" in parts or lemma == "take" and "place" in parts


def _told(noun: str, lemmas: set[str]) -> bool:
    """Whether the noun, or the verb it is made from, is among the lemmas: "this move" after "moved", "the meeting"
    after "met" ("meeting" -> "meet")."""
    stem = noun.removesuffix("ing") if noun.endswith("ing") and len(noun) > 5 else None
    return noun in lemmas or stem is not None and (stem in lemmas or stem + "e" in lemmas)


def _lead_candidates(doc: Document, parties: list[str], n: int) -> list[Candidate]:
    """The most check-worthy sentences, favouring the article's opening (where news puts its point)."""
    cands = select_candidates(doc, parties, limit=max(3 * n, 10))
    total = max(len(doc.sentences), 1)
    return sorted(cands, key=lambda c: -(c.score + 0.3 * (1 - c.index / total)))

