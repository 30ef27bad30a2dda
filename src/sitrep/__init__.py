"""sitrep: conflict reporting in, cross-checked record of who claims what out."""
__version__ = "0.1.0"
# Bumped whenever extraction output can change: stored articles from an older
# pipeline version are re-extracted by `sitrep ingest`.
PIPELINE_VERSION = "2026.11.25-3"
