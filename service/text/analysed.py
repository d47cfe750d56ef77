"""One analysed text, built once and shared: its sentences, each parsed once by the NLP pipeline, with what the
judge compares (content words, numbers, dates, names, clauses).

Every offset indexes the text as submitted (Python string indices). Sentences come from our own segmenter
(``service.text.sentences``), which keeps exact offsets; spaCy parses each of them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from service.text import lexical, names, nlp
from service.text.clauses import Clause, Role, clauses
from service.text.facts import DateRange, Quantity, dates, quantities
from service.text.framing import Lexicon, load_lexicon
from service.text.sentences import Sentence, is_caption, split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Derivational endings stripped for a second form of a word: "deployment" ~ "deployed", "attacker" ~ "attack".
_DERIVED = ("ments", "ment", "ations", "ation", "ions", "ion", "ers", "er", "ances", "ance", "ences", "ence",
            "ities", "ity", "ives", "ive", "als", "al")


@lru_cache(maxsize=65536)
def forms(word: str, lemma: str) -> frozenset[str]:
    """The forms under which a word matches another: its stem, its lemma's stem, and a derivational root."""
    w = word.lower().replace("’", "'")
    out = {lexical.stem(w), lexical.stem(lemma.lower())}
    for base in list(out):
        for suffix in _DERIVED:
            if len(base) > len(suffix) + 3 and base.endswith(suffix):
                out.add(base[: -len(suffix)])
                break
    return frozenset(x for x in out if x)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    forms: frozenset[str]
    noun: bool = False  # a noun, proper noun or adjective: what describes a party or a thing


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    when: DateRange | None  # None: a date the rules cannot place ("recently")
    yearless: bool = False  # placed in a stand-in year: neither the text nor a publication date gives one

    def overlaps(self, other: DateMention | DateRange, slack_days: int = 1) -> bool:
        """Whether two dates can be the same; a yearless one is compared by month and day only."""
        mine = self.when
        theirs = other.when if isinstance(other, DateMention) else other
        if mine is None or theirs is None:
            return False
        if self.yearless or (isinstance(other, DateMention) and other.yearless):
            mine, theirs = _in_year(mine), _in_year(theirs)
        if mine.lo != mine.hi and theirs.lo != theirs.hi:
            slack_days = 0  # the slack is for a day given near midnight; "October" and "November" do not meet
        return mine.overlaps(theirs, slack_days)


_STAND_IN = dt.date(2000, 12, 31)  # a leap year, so that 29 February has a place


def _in_year(r: DateRange) -> DateRange:
    try:
        return DateRange(r.lo.replace(year=2000), r.hi.replace(year=2000))
    except ValueError:
        return r


@dataclass
class Unit:
    """One sentence of a source, or one statement to check, as the judge reads it."""

    start: int
    end: int
    text: str
    words: tuple[Word, ...]  # content words (no stop words, numbers or punctuation)
    quantities: tuple[Quantity, ...]
    years: frozenset[int]
    dates: tuple[DateMention, ...]
    mentions: tuple[names.Mention, ...]
    clauses: tuple[Clause, ...]
    pronouns: frozenset[str]
    negated: bool
    extra_forms: frozenset[str] = frozenset()  # the lexicon's neutral wording of its loaded terms
    references: tuple[Word, ...] = ()  # pronouns and possessives that refer to a party ("he", "its")
    doc: Doc | None = field(default=None, repr=False, compare=False)  # the parse (token offsets from ``start``)
    caption: bool = False  # a caption (run into the next sentence, or under a label): evidence, never a claim or a
    # summary sentence

    @property
    def sequence(self) -> tuple[Word, ...]:
        """Its content words and references in order: what a statement is aligned with, word by word."""
        return tuple(sorted((*self.words, *self.references), key=lambda w: w.start))

    @cached_property
    def word_forms(self) -> frozenset[str]:
        return frozenset(f for w in self.words for f in w.forms) | self.extra_forms

    @cached_property
    def name_keys(self) -> frozenset[str]:
        return frozenset(k for m in self.mentions for k in m.keys)


_CALENDAR = frozenset("""january february march april may june july august september october november december jan
feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())


_STATES = lexical.STATE_ABBREVIATIONS  # not pronouns, when capitalised


_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"})


def _mentions(doc: Doc, base: int, known: frozenset[str] = frozenset(),
              common: frozenset[str] = frozenset()) -> list[names.Mention]:
    """Names: spaCy's entities of the name types, widened to the whole run of proper nouns they sit in ("Evander"
    and "Holyfield's" are one name), plus runs of proper nouns it did not tag, and of capitalised words ``known``
    (a source's one-word names) it took for something else ("Aleppo" tagged an adjective at the start of a
    statement); never a month or a weekday, nor a first word the tagger took for a name that the source only
    writes in lower case, or that opens a sentence of the source the same way where it is no name (``common``:
    "Rebels and the government ...", "Blues legend B.B. King ...")."""
    found: list[names.Mention] = []
    covered: set[int] = set()

    def add(start: int, end: int, label: str) -> None:
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end <= start:
            return
        span = doc[start:end]
        k = tuple(w for w in names.keys(span.text) if w not in _CALENDAR)
        if label == "NORP" and not any(ch.isupper() for ch in span.text) and not all(names.is_state(w) for w in k):
            # ("the last terrorist (jihadist) stronghold", "a jihadist attack": a common noun the tagger took for a
            # people; a people's name has its capital, "Islamist". A state's people stays a name however written,
            # "the israeli army"; so do other kinds: a text typed without capitals still names its people,
            # "dybala", "andrea pirlo".)
            return
        # (a people's key may be a stop word: "us" for "American")
        if k and (not all(w in lexical.STOPWORDS for w in k) or span.text in _STATES
                  or (label == "NORP" and all(names.is_state(w) for w in k))):
            root = span.root
            role, head = "other", frozenset[str]()
            # A conjunct stands where the first of its list does ("in western Idlib and southwestern Aleppo": both
            # are places, neither a party acting; "Russian and Syrian airstrikes": both say whose).
            first = root
            while first.dep_ == "conj" and first.head.i != first.i and not (start <= first.head.i < end):
                first = first.head
            if first.dep_ in ("amod", "compound", "poss", "nmod", "nn") and first.head.pos_ in ("NOUN", "PROPN") \
                    and not (start <= first.head.i < end):
                noun = first.head
                between = doc[end : noun.i + 1] if noun.i >= end else doc[noun.i : noun.i + 1]
                role = "modifier"
                head = frozenset(f for t in between if t.is_alpha and not t.is_stop for f in forms(t.text, t.lemma_))
            elif first.dep_ in ("nsubj", "nsubjpass", "dobj", "iobj", "attr", "appos", "ROOT") or (
                    first.dep_ == "pobj" and first.head.dep_ == "agent"):
                role = "argument"
            attached = frozenset[str]()
            if first.dep_ == "pobj" and first.head.dep_ == "prep" and first.head.head.pos_ == "NOUN":
                noun = first.head.head
                attached = forms(noun.text, noun.lemma_)
            if role == "modifier" and head & names.GOVERNING:
                k = names.ruled(k)
            found.append(names.Mention(span.start_char + base, span.end_char + base, span.text, label, k, role,
                                       head, attached))
            covered.update(range(start, end))

    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start, ent.end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ in ("", ent.label_) \
                and doc[start - 1].lower_ not in _CALENDAR:
            start -= 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("", ent.label_) \
                and doc[end].lower_ not in _CALENDAR:
            end += 1
        if covered & set(range(start, end)):
            continue
        # Two titled names the tagger ran into one ("Mr Hall and Mr Laviolette"): two parties.
        cut = next((t.i for t in doc[start + 1 : end - 1] if t.lower_ == "and"
                    and doc[t.i + 1].lower_.rstrip(".") in _PERSONAL_TITLES), None)
        if cut is not None:
            for a, b in ((start, cut), (cut + 1, end)):
                add(a, b, "PERSON" if doc[a].lower_.rstrip(".") in _PERSONAL_TITLES else ent.label_)
            continue
        add(start, end, ent.label_)
    run: list[int] = []
    for t in [*doc, None]:
        if t is not None and (t.pos_ == "PROPN" or t.text in _STATES or (t.is_title and t.lower_ in known)) \
                and t.i not in covered \
                and t.lower_ not in _CALENDAR \
                and not (t.i == 0 and (t.is_stop or ((t.lower_ in common or _opening(doc) in common)
                                                     and not t.ent_type_))) \
                and not t.text.islower():  # a lower-case word the tagger called a proper noun ("mid", "embryos")
            run.append(t.i)
            continue
        if run:
            add(run[0], run[-1] + 1, "PROPN")
            run = []
    return sorted(found, key=lambda m: m.start)


def _opening(doc: Doc) -> str:
    """A sentence's first two words, lower-cased ("blues legend")."""
    return " ".join(t.lower_ for t in doc[:2])


# Auxiliaries of a verb whose event is still to come, and the verbs whose "to" clause is ("is due to meet").
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would"})
_FUTURE_HEADS = frozenset({"due", "set", "scheduled", "expected", "going", "planned", "slated"})


def _to_come(ent: Span) -> bool:
    """Whether a date names when something still to come will happen: its verb is in the future ("will meet on
    Monday"), the future of a report ("forecast that temperatures would reach 41 degrees on Wednesday"), or under
    a present "is due / set / expected to" ("the talks are due to resume on Friday")."""
    verb = ent.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    head = verb.head
    # (the present "be" is the head's auxiliary, "are expected to", or its head, "are due to")
    present = [c for c in head.children if c.dep_ in ("aux", "auxpass")] + (
        [head.head] if head.dep_ == "acomp" else [])
    return verb.dep_ == "xcomp" and head.lower_ in _FUTURE_HEADS and any(
        c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in present)


def _dates(doc: Doc, base: int, published: dt.date | None) -> list[DateMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in _DATE_LABELS:
            continue
        when = dates(ent.text, published, ahead=_to_come(ent))
        yearless = False
        if when is None and published is None and not _YEAR.search(ent.text):
            when, yearless = dates(ent.text, _STAND_IN), True
        out.append(DateMention(ent.start_char + base, ent.end_char + base, ent.text, when, yearless))
    return out


def build_unit(doc: Doc, text: str, start: int, published: dt.date | None,
               extra_forms: frozenset[str] = frozenset(), known: frozenset[str] = frozenset(),
               common: frozenset[str] = frozenset()) -> Unit:
    """A unit from the parse of ``text`` (which sits at ``start`` in the analysed text)."""
    words = []
    for t in doc:
        if t.is_punct or t.is_space or t.like_num or not any(ch.isalpha() for ch in t.text):
            continue
        low = t.lower_
        named = t.pos_ == "PROPN" or (t.ent_type_ in NAME_LABELS and t.text[:1].isupper()) or t.text in _STATES
        if (t.is_stop or low in lexical.STOPWORDS or low in lexical.NUMBER_WORDS) and not named:
            continue
        if t.ent_type_ in _DATE_LABELS or low in _CALENDAR:
            continue  # dates are compared as dates (service.text.judge), not word by word
        words.append(Word(t.idx + start, t.idx + len(t.text) + start, t.text, forms(t.text, t.lemma_),
                          t.pos_ in ("NOUN", "PROPN", "ADJ")))
    pronouns = frozenset(t.lower_ for t in doc if t.lower_ in names.PRONOUNS)
    references = tuple(Word(t.idx + start, t.idx + len(t.text) + start, t.text, frozenset({"<ref>"}))
                       for t in doc if t.lower_ in names.PRONOUNS)
    unit_mentions = tuple(_mentions(doc, start, known, common))
    unit_clauses = [_named_roles(c, unit_mentions) for c in clauses(doc, start)]
    return Unit(
        start=start, end=start + len(text), text=text, words=tuple(words), quantities=quantities(text),
        years=frozenset(int(y) for y in _YEAR.findall(text)), dates=tuple(_dates(doc, start, published)),
        mentions=unit_mentions, clauses=tuple(unit_clauses), pronouns=pronouns,
        negated=any(c.negated for c in unit_clauses) or lexical.has_negation(text), extra_forms=extra_forms,
        references=references, doc=doc,
    )


def _named_roles(c: Clause, mentions: Sequence[names.Mention]) -> Clause:
    """A clause whose party is a bare name the tagger read as a common word, where the unit's names (which know the
    source's one-word names) have it: "City have won their last four games", "City" of "Northgate City"."""
    def named(r: Role | None) -> Role | None:
        if r is None or r.names or r.referring != "plain":
            return r
        # (the whole phrase the name, not a name inside a title or a description: "The Thrill Is Gone")
        m = next((m for m in mentions if m.start <= r.root < m.end and m.keys
                  and m.text.lower() == r.text.lower().removeprefix("the ")), None)
        return r if m is None else replace(r, names=(m.keys,), main=(m.keys,), referring="name")

    agent, patient = named(c.agent), named(c.patient)
    return c if agent is c.agent and patient is c.patient else replace(c, agent=agent, patient=patient)


def _neutral_forms(lexicon: Lexicon, sentence: str) -> frozenset[str]:
    """The neutral wording of the loaded terms a sentence uses counts as that sentence's wording: "armed groups"
    is supported where the source says "terrorists", and only there."""
    out: set[str] = set()
    for term in lexicon.find(sentence):
        for w in lexical.words(term.neutral):
            if w not in lexical.STOPWORDS:
                out |= forms(w, w)
    return frozenset(out)


def _neutral_verbs(unit: Unit, lexicon: Lexicon) -> Unit:
    """A loaded verb's neutral wording is also its clause's predicate ("liberated" is "captured"), so that a
    statement in neutral words lines up with the clause, and its roles and negation are checked against it."""
    verbs = [(unit.start + t.start, unit.start + t.end, t.neutral) for t in lexicon.find(unit.text)
             if t.category == "verb"]
    if not verbs:
        return unit
    out = []
    for c in unit.clauses:
        extra = frozenset().union(*(forms(w, w) for lo, hi, neutral in verbs if lo <= c.verb < hi
                                    for w in lexical.words(neutral) if w not in lexical.STOPWORDS))
        out.append(replace(c, pred=c.pred | extra) if extra else c)
    return replace(unit, clauses=tuple(out))


# "the United Nations Children's Fund (Unicef)", "Hay'at Tahrir al-Sham (HTS)": a name and its short form.
_PAREN_ALIAS = re.compile(r"((?:[A-Z][\w'’.-]*\s+)(?:(?:of|for|and|the|de|al)\s+|[A-Z][\w'’.-]*\s+){0,8}[A-Z][\w'’.-]*)"
                          r"\s+\(([A-Z][\w.-]{1,12})\)")


# Words just before a person's name that say which pronoun the text would use: honorifics, and nouns of family and
# of work that only one of the two can be ("chairman" and "actor" are said of women too).
_HONORIFICS = frozenset({"mr", "sir", "lord", "mrs", "ms", "miss", "madam", "mme", "dame", "lady"})
_GENDERED = {**dict.fromkeys("""mr sir lord spokesman businessman congressman son husband father brother boyfriend
    grandfather nephew uncle prince widower grandson""".split(), "he"),
             **dict.fromkeys("""mrs ms miss madam mme dame lady actress spokeswoman businesswoman chairwoman
    congresswoman daughter wife mother sister girlfriend grandmother niece aunt princess widow granddaughter
    """.split(), "she")}
# The pronouns that say which of the two a person is, as ``Analysed.gender`` gives it.
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "he"),
                  **dict.fromkeys(("she", "her", "hers", "herself"), "she")}


@dataclass
class Analysed:
    """A source text: its sentences as units, with document-level statistics."""

    text: str
    units: list[Unit]
    published: dt.date | None
    idf: dict[str, float] = field(default_factory=dict)
    idf_unseen: float = 1.0
    kinds: dict[str, str] = field(default_factory=dict)  # name key -> coarse type (person, org, place, other)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # short form key -> the long name's keys
    # What the text says a party is, where it names it: a name's keys -> the stems of the words put beside it
    # ("Roscosmos, the Russian Federal Space Agency", "Charity Bite-Back", "Activist group The Aleppo Media Centre").
    descriptions: list[tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=list)
    # What a stage reads off the whole text once and others read again (the sentences' placement in it).
    cache: dict[tuple[object, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def describes(self, keys: tuple[str, ...], role: Role) -> bool:
        """Whether ``role``, a description with no name of its own at its head ("the Russia space agency", "Mr
        Buckingham's charity"), is what the text says the party ``keys`` is."""
        if role.referring == "pronoun" or not role.head or any(role.head in k for k in role.main):
            return False  # (a name at its head is compared as a name)
        named = {k for n in role.names for k in n}
        return any(role.head in stems and names.same_party(keys, self.expand(k))
                   # every word of it said of the party ("Russia", "space"; not Tass, "Russia's state news agency")
                   # (or a name the text ties to the party: "Mr Buckingham's charity"; titles aside)
                   and all(set(n) <= stems or self._tied(n, keys) for n in role.names)
                   and role.words - named - names.TITLES <= stems
                   for k, stems in self.descriptions)

    def _tied(self, name: tuple[str, ...], keys: tuple[str, ...]) -> bool:
        """Whether the text names the party ``keys`` in what it says the named one is: "Mr Buckingham's charity"
        may be Bite-Back where the text has "Graham Buckingham, campaign director at Bite-Back"."""
        return any(set(keys) <= stems and names.same_party(self.expand(name), self.expand(k))
                   for k, stems in self.descriptions)

    @cached_property
    def phrase_forms(self) -> dict[str, frozenset[str]]:
        """For each noun of the text, the forms of the words its phrases put with it, wherever it stands: what the
        text says that thing is ("shipment" -> "chemical", "weapon" from "two shipments of chemical weapons")."""
        out: dict[str, frozenset[str]] = {}
        for u in self.units:
            for t in u.doc or ():
                if t.pos_ not in ("NOUN", "PROPN"):
                    continue
                mods = frozenset().union(*(forms(c.text, c.lemma_) for c in phrase_words(t)))
                if mods:
                    for f in forms(t.text, t.lemma_):
                        out[f] = out.get(f, frozenset()) | mods
        return out

    @cached_property
    def _gender_votes(self) -> list[tuple[tuple[str, ...], str]]:
        """What the text itself says of each person's gender: an honorific or a gendered noun just before the name
        ("Mr Mekdad", "actress Sofia Vergara", "his daughter Claudette King"). (The pronoun a verb of saying has its
        speaker report, "Loeb says he met the actress", was read too: two of the four persons it gave a gender in the
        evaluation articles were wrong, "Angela Moore ... said ... that he was back home".)"""
        votes: list[tuple[tuple[str, ...], str]] = []
        for u in self.units:
            if u.doc is None:
                continue
            for m in u.mentions:
                if self.kind(m) != "person":
                    continue
                toks = [t for t in u.doc if m.start <= u.start + t.idx < m.end]
                if not toks:
                    continue
                keys = self.expand(m.keys)
                # (the honorific may be inside the name as tagged: "Mr Buckingham"; an honorific is capitalised, and
                # neither it nor a noun is a verb: "City will miss Kevin De Bruyne")
                before = [toks[0]] + ([u.doc[toks[0].i - 1]] if toks[0].i > 0 else [])
                if g := next((_GENDERED[w] for t in before if (w := t.lower_.rstrip(".")) in _GENDERED
                              and t.pos_ != "VERB" and (w not in _HONORIFICS or t.text[:1].isupper())), None):
                    votes.append((keys, g))
        return votes

    def gender(self, keys: tuple[str, ...]) -> str | None:
        """"he" or "she" where the text says which a person is (``_gender_votes``), None where it does not, or
        says both."""
        keys = self.expand(keys)
        # (a vote for a short form is not a longer name's where another person shares it: "Mr Obama" may be Barack,
        # not Michelle Obama)
        found = {g for k, g in self._gender_votes if names.same_party(k, keys) and not (
            len(k) < len(keys) and any(names.same_party(k, o) and not names.same_party(o, keys)
                                       for o in self._full_names))}
        return found.pop() if len(found) == 1 else None

    @cached_property
    def _full_names(self) -> list[tuple[str, ...]]:
        """The persons the text names in full (two words or more)."""
        return [self.expand(m.keys) for u in self.units for m in u.mentions
                if len(m.keys) > 1 and self.kind(m) == "person"]

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        """The words the text writes in lower case somewhere, even if also inside a name ("weapons" beside the
        "Organisation for the Prohibition of Chemical Weapons"): capitalised for opening a statement, not a name."""
        return frozenset(t.text for u in self.units for t in u.doc or () if t.is_lower and t.is_alpha)

    @cached_property
    def appositions(self) -> dict[str, list[names.Mention]]:
        """The persons the text describes in apposition, by the stem of the description's head ("Julie Burkhart,
        CEO of ...": "ceo" -> Julie Burkhart), in the text's order: read once, asked for each "X is D" statement."""
        out: dict[str, list[names.Mention]] = {}
        for u in self.units:
            for t in u.doc or ():
                if t.dep_ != "appos":
                    continue
                at = t.head.idx + u.start
                owner = next((n for n in u.mentions if n.start <= at < n.end), None)
                if owner is not None and self.kind(owner) == "person":
                    out.setdefault(lexical.stem(t.lemma_.lower()), []).append(owner)
        return out

    @cached_property
    def one_word_names(self) -> frozenset[str]:
        """The names the text gives as one capitalised word ("Aleppo", "Tass"), lower-cased: what a statement
        about it may capitalise where the tagger does not read a name."""
        return frozenset(m.text.lower() for u in self.units for m in u.mentions
                         if m.text.istitle() and m.text.isalpha() and m.text.lower() not in lexical.STOPWORDS
                         and (m.label != "PROPN" or m.start > u.start))  # (not capitalised for opening a sentence)

    @cached_property
    def common_words(self) -> frozenset[str]:
        """The words the text writes in lower case and never capitalises inside a sentence ("rebels"): a
        statement that opens with one ("Rebels and the government ...") names nobody with it."""
        capital = {t.lower_ for u in self.units for t in u.doc or () if t.i > 0 and t.is_title}
        return self.lowercase_words - capital

    @cached_property
    def plain_openings(self) -> frozenset[str]:
        """The first two words of the text's sentences that open with a capitalised word it reads as no name
        ("blues legend", of "Blues legend B.B. King was hospitalized ..."): a statement that opens the same way
        names nobody with that word, though the text names someone with it elsewhere ("Blues Boy")."""
        return frozenset(_opening(u.doc) for u in self.units if u.doc is not None and len(u.doc) > 1
                         and u.doc[0].is_title and not any(m.start == u.start for m in u.mentions))

    def expand(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """A name's keys with the long form a short form stands for in this text ("unicef" -> its full name)."""
        out = list(keys)
        for short, long in self.aliases.items():
            if short in keys:
                out.extend(long)
            elif set(long) <= set(keys) and not short.startswith("rule:"):
                # (not a state's rulers for the state: "the Trump regime" is the US by its own keys, and the US
                # given every ruler the table has, Trump's and Obama's, would be neither's)
                out.append(short)
        return tuple(dict.fromkeys(out))

    def kind(self, mention: names.Mention) -> str:
        votes = [self.kinds[k] for k in mention.keys if k in self.kinds]
        # Ties go to the first vote in the text's order (a set's order would change with the hash seed).
        return max(dict.fromkeys(votes), key=votes.count) if votes else coarse(mention.label)

    def weight(self, word: Word) -> float:
        """Rarity of a word in this source: rare words carry a statement's content."""
        return max((self.idf.get(f, self.idf_unseen) for f in word.forms), default=self.idf_unseen)

    def units_near(self, start: int, end: int, context: int = 0) -> list[int]:
        """Indices of the units overlapping ``[start, end)`` plus ``context`` units on each side."""
        hits = [i for i, u in enumerate(self.units) if u.start < end and start < u.end]
        if not hits:
            return []
        lo, hi = max(0, hits[0] - context), min(len(self.units), hits[-1] + context + 1)
        return list(range(lo, hi))


# What inside a noun's phrase says what the thing is: its modifiers, theirs, and an of-phrase's.
PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})


def phrase_words(noun: Token) -> list[Token]:
    """The words of a noun's phrase that describe it ("two shipments of chemical weapons": "chemical",
    "weapons"; "Idlib armed groups": "Idlib", "armed")."""
    out: list[Token] = []
    stack = [noun]
    while stack and len(out) < 12:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in PHRASE_DEPS:
                out.append(c)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj":
                        out.append(o)
                        stack.append(o)
    return out


def coarse(label: str) -> str:
    """spaCy's entity label as the type a swap is judged by: people, organisations, places (states and their
    peoples included), other."""
    if label == "PERSON":
        return "person"
    if label in ("ORG",):
        return "org"
    if label in ("GPE", "LOC", "FAC", "NORP"):
        return "place"
    return "other"


def _titled(m: names.Mention, text: str) -> bool:
    """Whether the text writes a name after a courtesy title ("Mr Dokukin"), in the mention or just before it."""
    before = text[max(0, m.start - 6) : m.start]
    words = [*before.split()[-1:], *m.text.split()[:1]] if before[-1:].isspace() else m.text.split()[:1]
    return any(w.lower().rstrip(".") in _PERSONAL_TITLES for w in words)


def _inventory(units: Sequence[Unit], text: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    # A name whose surname the text writes after "Mr" or "Ms" is a person's wherever it appears, whatever the
    # tagger typed it there ("Kiev-based programmer Yevhen Dokukin", typed an organisation, is "Mr Dokukin").
    titled = {m.keys[-1] for u in units for m in u.mentions if len(m.keys) == 1 and _titled(m, text)}
    votes: dict[str, dict[str, int]] = {}
    for u in units:
        for m in u.mentions:
            kind = "person" if m.keys and m.keys[-1] in titled else coarse(m.label)
            if kind == "other":
                continue
            for k in m.keys:
                votes.setdefault(k, {}).setdefault(kind, 0)
                votes[k][kind] += 1
    kinds = {k: max(v, key=lambda x: v[x]) for k, v in votes.items()}
    aliases: dict[str, tuple[str, ...]] = {}
    for found in _PAREN_ALIAS.finditer(text):
        short = names.keys(found.group(2))
        long = names.keys(found.group(1))
        if len(short) == 1 and long and short[0] not in long:
            aliases[short[0]] = long
    aliases.update(names.leaders(text))
    return kinds, aliases


def analyse(text: str, sentences: Sequence[Sentence] | None = None, published: dt.date | None = None,
            lexicon: Lexicon | None = None) -> Analysed:
    """Parse ``text`` sentence by sentence (or the given sentences) once, for every later check."""
    spans = [s for s in (split_sentences(text) if sentences is None else sentences) if s.end > s.start]
    lexicon = lexicon or load_lexicon()
    docs = nlp.parse([text[s.start : s.end] for s in spans])
    units = [_neutral_verbs(replace(build_unit(d, text[s.start : s.end], s.start, published,
                                               _neutral_forms(lexicon, text[s.start : s.end])),
                                    caption=is_caption(text, s)), lexicon)
             for s, d in zip(spans, docs, strict=True)]
    df: dict[str, int] = {}
    for u in units:
        for f in u.word_forms:
            df[f] = df.get(f, 0) + 1
    n = len(units)
    idf = {f: math.log((n + 1) / (c + 1)) + 1.0 for f, c in df.items()}
    kinds, aliases = _inventory(units, text)
    return Analysed(text, units, published, idf, math.log(n + 1) + 1.0, kinds, aliases, _descriptions(units))


def _descriptions(units: Sequence[Unit]) -> list[tuple[tuple[str, ...], frozenset[str]]]:
    """The words a text puts beside the names of the parties its clauses speak of: the common words of the phrase
    and its appositions, not the name's own."""
    out: dict[tuple[str, ...], frozenset[str]] = {}
    for u in units:
        for c in u.clauses:
            for r in (c.agent, c.patient, c.speaker):
                if r is None:
                    continue
                for key in r.main:  # a name and the names in apposition to it ("Roscosmos, the Russian ... Agency")
                    own = {lexical.stem(k) for k in key} | set(key)
                    stems = ((r.words | r.described) - own) | {k for n in r.names if n != key for k in n}
                    if stems:
                        out[key] = out.get(key, frozenset()) | stems
    # A lead that tells of a person without the name ("A former mayor of Dunmore was sentenced ..."), named by the
    # sentence after it, which opens with the name and a description ("Peter Hale, 61, who led the town council
    # ..."): the wire-story way of naming the lead's subject.
    body = [u for u in units if not u.caption]
    if len(body) >= 2:
        lead, named = _subject(body[0]), _subject(body[1])
        if lead is not None and named is not None and not lead.main and lead.text.lower().startswith(("a ", "an ")) \
                and named.main and named.start == body[1].start and body[1].doc is not None \
                and body[1].text[named.end - named.start:].startswith(",") \
                and any(t.ent_type_ == "PERSON" for t in body[1].doc if t.idx + body[1].start == named.root):
            out[named.main[0]] = out.get(named.main[0], frozenset()) | lead.words | {k for n in lead.names for k in n}
    return list(out.items())


def _subject(u: Unit) -> Role | None:
    """The grammatical subject of a unit's main clause."""
    root = next((c for c in u.clauses if c.root), None)
    if root is None:
        return None
    return root.patient if root.passive else root.agent


def analyse_statements(statements: Sequence[str], published: dt.date | None = None,
                       known: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()) -> list[Unit]:
    """Statements to check (claims, summary sentences), parsed in one batch; ``known``: the source's one-word
    names, read as names wherever a statement capitalises them; ``common``: the source's words it writes only in
    lower case, no name where a statement opens with them."""
    docs = nlp.parse(list(statements))
    return [build_unit(d, s, 0, published, known=known, common=common)
            for s, d in zip(statements, docs, strict=True)]
