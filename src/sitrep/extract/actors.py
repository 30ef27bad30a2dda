"""Actors: who carries out, suffers or reports an event, under one canonical name.

The alias table is ``data/actors.jsonl`` (see its ``meta`` line): each actor
has a canonical name, a type (state_force, armed_group, government,
political, monitor, humanitarian, international_org, media, civilians), plain
aliases matched case-insensitively and acronyms matched case-sensitively
("IS" but never "is"). Generic terms ("terrorists", "rebels", "government
forces", "a monitor") are table entries too; ``resolve_generic`` gives them
the named actor of a compatible kind the text names nearby, else their
default ("unidentified armed group", "opposition rebels", ...).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "actors.jsonl"
# How far (characters) a generic term looks for the group it stands for: before it within the
# article's last few sentences, after it only within its own sentence.
LOOK_BACK = 250
LOOK_AHEAD = 120
# Words that may stand between "the" and an alias without changing the actor: "the Britain-based SOHR".
_STRIP = re.compile(r"^(?:the|a|an)\s+|'s$|’s$", re.I)


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    canonical: str
    actor_type: str
    rule: str
    generic: bool = False
    kind: str | None = None  # jihadist | rebel | kurdish | militia | state | monitor


@dataclass
class ActorEntry:
    canonical: str
    actor_type: str
    kind: str | None = None
    family: str | None = None
    same_as: str | None = None
    generic: bool = False
    resolves_to: tuple[str, ...] = ()
    default: str | None = None
    meta: dict = field(default_factory=dict)


class ActorTable:
    def __init__(self, entries: list[dict]) -> None:
        self.entries: list[ActorEntry] = []
        self.by_alias: dict[str, ActorEntry] = {}      # lower-cased alias -> entry
        self.by_alias_cs: dict[str, ActorEntry] = {}   # exact alias -> entry
        for e in entries:
            generic = "generic" in e
            entry = ActorEntry(
                canonical=e.get("default") if generic else e["canonical"], actor_type=e["type"],
                kind=e.get("kind") or ("monitor" if e["type"] == "monitor" else None),
                family=e.get("family"), same_as=e.get("same_as"), generic=generic,
                resolves_to=tuple(e.get("resolves_to", ())), default=e.get("default"),
                meta={k: v for k, v in e.items() if k not in ("aliases", "aliases_cs")})
            self.entries.append(entry)
            names = list(e.get("aliases", ())) + ([] if generic else [e["canonical"]])
            for alias in _with_variants(names):
                self.by_alias.setdefault(alias.lower(), entry)
            for alias in _with_variants(e.get("aliases_cs", ())):
                self.by_alias_cs.setdefault(alias, entry)
        # Token-tuple indexes: matching walks the text's tokens, so word edges come for free
        # ("ISIS-held", "U.S.-led") and loading needs no giant regular expression.
        self.tokens_ci = {tuple(_tokens(a)): e for a, e in self.by_alias.items()}
        self.tokens_cs = {tuple(_tokens(a)): e for a, e in self.by_alias_cs.items()}
        self.max_tokens = max(map(len, list(self.tokens_ci) + list(self.tokens_cs)), default=1)
        # First tokens of aliases: most text tokens start none, and need no lookup per length.
        self.first_ci = {k[0] for k in self.tokens_ci if k}
        self.first_cs = {k[0] for k in self.tokens_cs if k}

    def entry(self, text: str) -> ActorEntry | None:
        text = " ".join(text.split())
        for candidate in (text, _STRIP.sub("", text), _STRIP.sub("", _STRIP.sub("", text))):
            hit = self.by_alias_cs.get(candidate) or self.by_alias.get(candidate.lower())
            if hit:
                return hit
        return None

    def canonical(self, text: str) -> tuple[str, str] | None:
        """("Islamic State", "armed_group") for any alias of a named actor; for a longer phrase,
        the longest named actor inside it ("Russian Defense Ministry spokesman Igor ...")."""
        hit = self.entry(text)
        if hit and not hit.generic:
            return hit.canonical, hit.actor_type
        named = [m for m in self.find(text) if not m.generic]
        if not named:
            return None
        best = max(named, key=lambda m: (m.end - m.start, -m.start))
        return best.canonical, best.actor_type

    def find(self, text: str) -> list[ActorMention]:
        spans = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text) if m.group(0) not in _DASHES]
        words = [t for _, _, t in spans]
        lowered = [t.lower() for t in words]
        found = []
        for i in range(len(spans)):
            if words[i] not in self.first_cs and lowered[i] not in self.first_ci and not (
                    len(words[i]) > 3 and words[i].endswith("s") and (words[i][:-1],) in self.tokens_cs):
                continue
            for n in range(min(self.max_tokens, len(spans) - i), 0, -1):
                entry = self.tokens_cs.get(tuple(words[i:i + n])) or self.tokens_ci.get(tuple(lowered[i:i + n]))
                if entry is None and n == 1 and len(words[i]) > 3 and words[i].endswith("s"):
                    # "ISILs terrorists": a possessive whose apostrophe the source dropped.
                    entry = self.tokens_cs.get((words[i][:-1],))
                if entry is None or not _contiguous(spans, i, n):
                    continue
                start, end = spans[i][0], spans[i + n - 1][1]
                rule = ("generic:" if entry.generic else "alias:") + text[start:end]
                found.append(ActorMention(start, end, text[start:end], entry.canonical, entry.actor_type,
                                          rule, entry.generic, entry.kind))
                break  # the longest alias starting here
        # Longest first, then leftmost: "Free Syrian Army" beats "Syrian Army".
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        kept: list[ActorMention] = []
        for m in found:
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def generic_entry(self, mention: ActorMention) -> ActorEntry | None:
        return self.entry(mention.text) if mention.generic else None


_TOKEN = re.compile(r"\w+|[^\w\s]")
# Hyphens count as spaces: "Jaysh al-Fateh" is "Jaysh Al Fateh", "US-led" is "US led".
_DASHES = frozenset("-‐‑–")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t not in _DASHES]


def _with_variants(aliases) -> list[str]:
    """Aliases plus their form without the possessive apostrophe, which scraped text often
    loses ("Russia's air force" -> "Russias air force")."""
    out = list(aliases)
    for a in aliases:
        for mark in ("'s", "’s"):
            if mark in a:
                out.append(a.replace(mark, "s"))
                out.append(a.replace("'", "’") if mark == "'s" else a.replace("’", "'"))
    return out


def _contiguous(spans: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """Tokens of one alias stand on one line, separated by at most a few spaces or a hyphen."""
    return all(0 <= spans[j + 1][0] - spans[j][1] <= 3 for j in range(i, i + n - 1))


@functools.lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    with open(DATA, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return ActorTable([r for r in rows if "meta" not in r])


def find_actors(text: str) -> list[ActorMention]:
    """All actor mentions in the text, non-overlapping, longest alias first."""
    return actor_table().find(text)


def resolve_generic(mention: ActorMention, mentions: list[ActorMention]) -> str:
    """A generic term's named actor: the nearest named mention of a kind the term may stand for,
    looking back a few sentences and forward within a short distance; else the term's default."""
    if not mention.generic:
        return mention.canonical
    entry = actor_table().generic_entry(mention)
    if entry is None:
        return mention.canonical
    best, best_distance = None, None
    for other in mentions:
        if other.generic or other is mention or other.kind not in entry.resolves_to:
            continue
        if other.end <= mention.start:
            distance = mention.start - other.end
            if distance > LOOK_BACK:
                continue
        elif other.start >= mention.end:
            # A group named after the term counts less than one named before it.
            distance = 2 * (other.start - mention.end)
            if other.start - mention.end > LOOK_AHEAD:
                continue
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = other, distance
    return best.canonical if best else (entry.default or mention.canonical)
