"""The lexicons the claims extractor reads: cue verbs, speaker roles, governments.

Each is a JSONL file in ``sitrep/data`` whose first line is a ``{"meta": ...}``
record naming its source and licence (see ``data/LICENSES.md``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _records(filename: str) -> list[dict]:
    text = resources.files("sitrep.data").joinpath(filename).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [r for r in rows if "meta" not in r]


@dataclass(frozen=True)
class CueEntry:
    cue: str                       # the lemma or phrase: "say", "according to"
    kind: str                      # verb | phrase
    stance: str                    # assert | deny | accuse | call
    content: str                   # ccomp | object | either | sentence
    particles: tuple[str, ...] = ()
    object_is_listener: bool = False   # "told Reuters": the object heard it, it did not say it

    @property
    def rule(self) -> str:
        return f"cue_verbs:{self.cue}"


@dataclass
class CueLexicon:
    by_form: dict[str, CueEntry] = field(default_factory=dict)
    phrases: dict[str, CueEntry] = field(default_factory=dict)

    def verb(self, form: str) -> CueEntry | None:
        return self.by_form.get(form.lower())


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    lex = CueLexicon()
    for r in _records("cue_verbs.jsonl"):
        entry = CueEntry(r["cue"], r["kind"], r["stance"], r["content"], tuple(r.get("particles", ())),
                         bool(r.get("object_is_listener")))
        if entry.kind == "verb":
            for form in r["forms"]:
                lex.by_form[form.lower()] = entry
        else:
            lex.phrases[entry.cue] = entry
    return lex


@dataclass(frozen=True)
class RoleLexicon:
    titles: frozenset[str]
    source_nouns: frozenset[str]
    speaking_nouns: frozenset[str]   # head nouns of phrases that can make a statement
    max_words: int

    def is_title(self, phrase: str) -> bool:
        return phrase.lower() in self.titles

    def is_source_noun(self, phrase: str) -> bool:
        return phrase.lower() in self.source_nouns

    def can_speak(self, noun: str) -> bool:
        low = noun.lower()
        return low in self.speaking_nouns or low in self.titles or low in self.source_nouns


@lru_cache(maxsize=1)
def role_lexicon() -> RoleLexicon:
    kinds: dict[str, set[str]] = {"title": set(), "source_noun": set(), "speaking_noun": set()}
    for r in _records("speaker_roles.jsonl"):
        kinds[r["kind"]].add(r["role"].lower())
    titles, nouns = kinds["title"], kinds["source_noun"]
    longest = max(len(t.split()) for t in titles | nouns)
    return RoleLexicon(frozenset(titles), frozenset(nouns), frozenset(kinds["speaking_noun"]), longest)


@lru_cache(maxsize=1)
def government_names() -> dict[str, str]:
    """Name as written ("Moscow", "Turkish") -> canonical speaker_org ("Russian government")."""
    out: dict[str, str] = {}
    for r in _records("governments.jsonl"):
        for name in r["names"]:
            out[name.lower()] = r["government"]
    return out


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """Country name and its possessive as FA-KES prints it ("Syria", "Syrias") -> adjective ("Syrian")."""
    out: dict[str, str] = {}
    for r in _records("governments.jsonl"):
        country = r["country"].lower()
        for form in (country, country + "s", country + "'s", country + "’s"):
            out[form] = r["adjective"]
    return out
