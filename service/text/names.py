"""Names as the judge compares them: people, organisations, places, groups, in their short and long forms.

A name is reduced to *keys*: its words, lower-cased, without titles ("Mr", "President"), possessives or
articles, with demonyms and capitals mapped to the state they stand for (``data/aliases.toml``: "Turkish" and
"Ankara" count as Turkey). Two mentions are the same party when one's keys contain the other's ("Mekdad" and
"Faisal al-Mekdad"), or when they share the last key and no first name contradicts ("Jamie Silvonek" is not
"Cheryl Silvonek").
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ALIASES = Path(__file__).parent / "data" / "aliases.toml"
# Words that qualify a name without being part of it: titles, ranks, roles, articles.
TITLES = frozenset("""mr mrs ms miss dr prof sir lord lady dame gen general lt col colonel maj major capt captain
sgt sergeant spc pte cpl president vice prime minister deputy foreign defense defence secretary senator sen rep
representative governor gov mayor king queen prince princess sheikh emir pope saint st judge justice chief
ambassador envoy spokesman spokeswoman spokesperson commander officer minister's president's the a an of
former late acting interim new""".split())
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?", re.UNICODE)
_PREFIXES = frozenset({"pro", "anti", "non", "ex", "post", "pre"})
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person",
    "she": "person", "her": "person", "hers": "person", "herself": "person",
    "they": "any", "them": "any", "their": "any", "theirs": "any", "themselves": "any",
    "it": "thing", "its": "thing", "itself": "thing",
}


# Nouns for a state's rulers named after its leader ("the Erdogan regime", "the Trump administration"): that name
# then also stands for the state the article says the person leads (``ruled``, ``leaders``).
GOVERNING = frozenset({"regime", "government", "administration", "cabinet", "junta"})
_LEADER_TITLES = r"(?:President|Prime\s+Minister|Premier|King|Emir|Chancellor|Supreme\s+Leader|Leader)"
_NAME_WORD = r"(?:[A-Z]|al-|el-)[\w'’.-]*"
_LEADER = re.compile(r"\b([A-Z][\w.]*)\s+" + _LEADER_TITLES + rf"\s+((?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD})")


def is_state(key: str) -> bool:
    """Whether a key is a state's (or a people's) canonical name: "turkey" for "Turkish", "Ankara", "Turkey"."""
    return key in _states()


def is_capital(name: str) -> bool:
    """Whether a name is a capital city the aliases map to its state ("Ankara", "Damascus")."""
    return " ".join(name.lower().split()) in _capitals()


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    return frozenset(k.lower() for k in _table()["capitals"])


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    """``data/aliases.toml``, read once."""
    return tomllib.loads(ALIASES.read_text("utf-8"))


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(_aliases().values())


def ruled(keys: tuple[str, ...]) -> tuple[str, ...]:
    """A leader's name as it names the state's rulers ("Erdogan" in "the Erdogan regime"): its keys, and a key
    that ``leaders`` maps to the state. A state's own name ("the Syrian government") is left as it is."""
    if not keys or is_state(keys[-1]):
        return keys
    return (*keys, f"rule:{keys[-1]}")


def leaders(text: str) -> dict[str, tuple[str, ...]]:
    """Who the text says leads which state ("Turkish President Recep Tayyip Erdogan"): the key ``ruled`` gives the
    leader, mapped to the state's key."""
    out: dict[str, tuple[str, ...]] = {f"rule:{k}": (v,) for k, v in _known_leaders().items()}
    for m in _LEADER.finditer(text):
        state, person = keys(m.group(1)), keys(m.group(2))
        if len(state) == 1 and is_state(state[0]) and person and not is_state(person[-1]):
            out.setdefault(f"rule:{person[-1]}", state)
    return out


@lru_cache(maxsize=1)
def _known_leaders() -> dict[str, str]:
    return {k.lower(): v for k, v in _table().get("leaders", {}).items()}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    data = _table()
    table: dict[str, str] = {}
    for section in ("demonyms", "abbreviations", "capitals"):
        table.update({k.lower(): v for k, v in data[section].items()})
    # The people of a state by the plural of its demonym ("the Saudis", "Canadians"), where the table lists the
    # singular only and the plural is regular.
    for k, v in data["demonyms"].items():
        if k.endswith(("an", "i")):
            table.setdefault(f"{k.lower()}s", v)
    return table


def aliases_version() -> str:
    return str(_table()["version"])


def normal(word: str) -> str:
    """One word of a name as compared: lower-case, straight apostrophes, no possessive, canonical state."""
    w = word.lower().replace("’", "'").strip(".")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    return _aliases().get(w, w)


def keys(name: str) -> tuple[str, ...]:
    """The keys of a name, in order: "President Recep Tayyip Erdogan's" -> ("recep", "tayyip", "erdogan")."""
    low = " ".join(name.lower().split())
    table = _aliases()
    for phrase, canonical in table.items():
        if " " in phrase and phrase in low:
            low = low.replace(phrase, canonical)
    out: list[str] = []
    found = list(_WORD.finditer(low))
    for i, m in enumerate(found):
        w = normal(m.group())
        if not w or any(ch.isdigit() for ch in w) or (len(w) == 1 and not m.group().endswith(".")):
            continue
        if w in TITLES and (i + 1 < len(found) or w in ("the", "a", "an", "of")):
            continue  # "President Erdogan" is Erdogan; "King" alone is a name
        out.append(w)
        # "al-Mekdad" is also "Mekdad"; "B.B." also "BB".
        if "-" in w:
            out.extend(normal(part) for part in w.split("-") if len(part) > 2 and part not in TITLES
                       and part not in _PREFIXES)
        if "." in w:
            out.append(w.replace(".", ""))
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Mention:
    """A name in an analysed text."""

    start: int
    end: int
    text: str
    label: str  # spaCy's entity label (PERSON, ORG, GPE, NORP, ...), or PROPN for a proper noun it missed
    keys: tuple[str, ...]
    # How it sits in its sentence: "modifier" of a noun ("Syrian government forces", "Aleppo's prison"),
    # "argument" of a verb (its subject or object), or "other" (after a preposition: "in Idlib").
    role: str = "other"
    head: frozenset[str] = frozenset()  # for a modifier: the forms of the noun it modifies
    # After a preposition on a noun ("the quake near Lucca", "the attack on Aleppo"): the forms of that noun.
    attached: frozenset[str] = frozenset()

    @property
    def last(self) -> str:
        return self.keys[-1] if self.keys else ""


def _misspelt(x: str, y: str) -> bool:
    """Two spellings of one name: nearly alike, or, for a long name, alike where a misspelling leaves a word
    alike, its start and its end ("Azabaijan" for "Azerbaijan"; not "Slovakia" for "Slovenia")."""
    if min(len(x), len(y)) < 6:
        return False
    ratio = difflib.SequenceMatcher(None, x, y).ratio()
    return ratio >= 0.85 or (min(len(x), len(y)) >= 8 and ratio >= 0.8 and x[:2] == y[:2] and x[-3:] == y[-3:])


def same_party(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names can name the same party (see the module's docstring)."""
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    if sa <= sb or sb <= sa:
        return True
    if (len(a) == 1 and a[0] == acronym(b)) or (len(b) == 1 and b[0] == acronym(a)):
        return True  # "EU" and "the European Union"
    if a[-1] != b[-1]:
        # One word each, spelt nearly alike: "Azabaijan" (as an article misspells it) is "Azerbaijan".
        return len(a) == len(b) == 1 and _misspelt(a[0], b[0])
    # Same last word: the same person unless both give a first name and the first names differ (a misspelt one,
    # "Recept Tayip" for "Recep Tayyip", does not differ).
    firsts_a, firsts_b = set(a[:-1]), set(b[:-1])
    if not (firsts_a and firsts_b):
        return True
    # What one gives and the other does not must not differ: "Ukrainian Cyber Troops" is not "Washington Cyber
    # Troops", though both have "Cyber".
    only_a, only_b = firsts_a - firsts_b, firsts_b - firsts_a
    if not only_a or not only_b:
        return True
    return all(any(difflib.SequenceMatcher(None, x, y).ratio() >= 0.8 for y in only_b) for x in only_a)


def acronym(name_keys: tuple[str, ...]) -> str:
    """The initials of a name of two words or more, its small words left out ("european union" -> "eu",
    "organisation for the prohibition of chemical weapons" -> "opcw")."""
    words = [k for k in name_keys if k and k[0].isalpha() and k not in ("of", "for", "the", "and", "on", "in")
             and "-" not in k]
    return "".join(k[0] for k in words) if len(words) >= 2 else ""
