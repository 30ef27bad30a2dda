"""Name -> function registries, so new readers, components and exporters are
added by registering, not by editing an if-chain (after spaCy's ``catalogue``)."""
from __future__ import annotations

from typing import Callable, Generic, Iterator, TypeVar

F = TypeVar("F", bound=Callable)


class Registry(Generic[F]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, F] = {}

    def register(self, name: str) -> Callable[[F], F]:
        def decorate(fn: F) -> F:
            if name in self._items and self._items[name] is not fn:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = fn
            return fn
        return decorate

    def get(self, name: str) -> F:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def names(self) -> list[str]:
        return list(self._items)


# Readers: (source, options) -> iterator of RawDocument | DocumentError.  See sitrep.ingest.
readers: Registry = Registry("reader")
# Extraction components: (article, doc) -> None, filling the article.  See sitrep.extract.
components: Registry = Registry("component")
# Exporters: (rows, stream, options) -> None.  See sitrep.export.
exporters: Registry = Registry("exporter")
