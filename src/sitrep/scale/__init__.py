"""sitrep.scale: the per-document pipeline as Dask tasks, for corpora beyond one machine.

Three steps (``sitrep scale`` runs them all)::

    from sitrep.scale import open_client, run_extraction, load_parquet
    client = open_client(scheduler=None, workers=2)         # or "tcp://host:8786"
    summary = run_extraction(read_sources(paths, options), "out/", client, partition_size=64)
    loaded = load_parquet("out/", "sitrep.db")             # add_articles in batches, relink once

``run_extraction`` runs ``sitrep.pipeline.process_many`` on each partition
in a worker and writes ``out/{articles,events,errors}/part-*.parquet``;
``load_parquet`` rebuilds ``Article`` objects (``article_from_row``) and
bulk-loads any store ``Store.open`` accepts (SQLite or PostgreSQL).

Dask, distributed and pyarrow are an optional extra (``pip install
'sitrep[scale]'``); they are imported when used, never by ``import sitrep``.
``rows`` needs none of them.
"""
from __future__ import annotations

from .deps import INSTALL_HINT, MissingScaleDependency, require
from .rows import article_from_gold, article_from_row, article_row, event_rows

__all__ = ["open_client", "run_extraction", "load_parquet", "article_from_gold", "article_from_row",
           "article_row", "event_rows", "MissingScaleDependency", "INSTALL_HINT", "require"]


def __getattr__(name: str):
    # The Dask-facing modules are loaded on first use so ``import sitrep.scale`` stays light.
    if name in ("open_client", "run_extraction"):
        from . import runner
        return getattr(runner, name)
    if name == "load_parquet":
        from .load import load_parquet
        return load_parquet
    raise AttributeError(name)
