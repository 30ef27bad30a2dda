"""The outlets table: who published an article, and who it relays.

``outlet_table().lookup("dailysabah")``, ``lookup("https://sputniknews.com/x")``,
``lookup("OffG")`` all give the outlet's record (a plain dict)::

    {"name": "Sputnik", "domain": "sputniknews.com", "aliases": [...], "kind": "outlet",
     "country": "Russia", "state_affiliation": "Russian state (Rossiya Segodnya)",
     "reliability": ["bias", "state", "fake"], "reliability_source": "OpenSources via FakeNewsCorpus"}

Curated rows live in ``data/outlets.csv``; reliability labels are merged by
domain from ``data/opensources_websites.csv`` (Apache-2.0), whose other
domains are outlets too (name = domain), so any of its 1,001 sites is found.
"""
from __future__ import annotations

import copy
import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable
from urllib.parse import urlsplit

RELIABILITY_SOURCE = "OpenSources via FakeNewsCorpus websites.csv (Apache-2.0)"


def normalise_key(value: str) -> str:
    """Case, spacing, punctuation and a leading "the" do not distinguish outlets."""
    value = value.lower().replace("\u2019", "'")
    value = re.sub(r"['\u2019]s\b", "s", value)
    value = re.sub(r"[^a-z0-9]+", " ", value).strip()
    return re.sub(r"^the ", "", value)


def domain_of(value: str) -> str | None:
    """``https://www.rt.com/news/1`` -> ``rt.com``; a bare ``rt.com`` too; None for a name."""
    value = value.strip().lower()
    if "://" in value:
        host = urlsplit(value).hostname or ""
    elif re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}(/.*)?", value):
        host = value.split("/", 1)[0]
    else:
        return None
    return host[4:] if host.startswith("www.") else host


def _read_data_csv(name: str) -> Iterable[dict[str, str]]:
    text = resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    yield from csv.DictReader(lines)


def _split(value: str | None, sep: str = "|") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


class OutletTable:
    """Outlet records, found by name, alias, corpus slug, domain or URL."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self._by_domain: dict[str, dict[str, Any]] = {}
        self._by_name: dict[str, dict[str, Any]] = {}
        for rec in records:
            for dom in rec["domains"]:
                self._by_domain.setdefault(dom, rec)
            for name in [rec["name"], *rec["aliases"]]:
                self._by_name.setdefault(normalise_key(name), rec)

    def lookup(self, name_or_domain: str | None) -> dict[str, Any] | None:
        """The record for an outlet name, alias, domain or URL; None when unknown.

        A copy is returned so callers may attach it to articles and edit freely.
        """
        if not name_or_domain or not name_or_domain.strip():
            return None
        rec = self._find(name_or_domain)
        return copy.deepcopy(rec) if rec else None

    def _find(self, value: str) -> dict[str, Any] | None:
        domain = domain_of(value)
        if domain:
            # news.example.com belongs to example.com
            parts = domain.split(".")
            for i in range(len(parts) - 1):
                rec = self._by_domain.get(".".join(parts[i:]))
                if rec:
                    return rec
            return None
        return self._by_name.get(normalise_key(value))

    def names(self) -> list[str]:
        """Every name and alias (for building text matchers), longest first."""
        out = {n for rec in self.records for n in [rec["name"], *rec["aliases"]]}
        return sorted(out, key=len, reverse=True)

    def agency_credits(self) -> list[str]:
        """One-word names news agencies are credited by ("AFP", "Reuters", "SANA"), longest first."""
        out = {n for rec in self.records if rec["kind"] == "agency"
               for n in [rec["name"], *rec["aliases"]] if " " not in n and n[:1].isupper()}
        return sorted(out, key=len, reverse=True)

    def __len__(self) -> int:
        return len(self.records)


def _reliability_labels() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for row in _read_data_csv("opensources_websites.csv"):
        domain = domain_of(row.get("url") or "")
        if not domain:
            continue
        found = [row.get(k, "").strip() for k in ("type", "2nd_type", "3rd_type")]
        merged = labels.setdefault(domain, [])
        merged.extend(label for label in found if label and label not in merged)
    return labels


def load_outlets() -> OutletTable:
    labels = _reliability_labels()
    records: list[dict[str, Any]] = []
    known_domains: set[str] = set()
    for row in _read_data_csv("outlets.csv"):
        domains = [d.lower() for d in [row["domain"], *_split(row.get("alt_domains"))] if d]
        reliability: list[str] = []
        for dom in domains:
            reliability.extend(lbl for lbl in labels.get(dom, []) if lbl not in reliability)
        records.append({
            "name": row["name"],
            "domain": domains[0] if domains else None,
            "domains": domains,
            "aliases": _split(row.get("aliases")),
            "kind": row.get("kind") or "outlet",
            "country": row.get("country") or None,
            "state_affiliation": row.get("state_affiliation") or None,
            "reliability": reliability or None,
            "reliability_source": RELIABILITY_SOURCE if reliability else None,
        })
        known_domains.update(domains)
    for domain, found in labels.items():
        if domain in known_domains:
            continue
        records.append({
            "name": domain, "domain": domain, "domains": [domain], "aliases": [],
            "kind": "outlet", "country": None,
            "state_affiliation": "state" if "state" in found else None,
            "reliability": found or None,
            "reliability_source": RELIABILITY_SOURCE,
        })
    return OutletTable(records)


@lru_cache(maxsize=1)
def outlet_table() -> OutletTable:
    """The bundled outlet table, loaded once per process."""
    return load_outlets()
