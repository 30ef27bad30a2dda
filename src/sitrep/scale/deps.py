"""The optional packages of ``sitrep.scale``, imported only when used.

``sitrep`` installs without Dask and pyarrow; only ``sitrep scale`` needs
them, and a user without them gets one line saying how to get them.
"""
from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "pip install 'sitrep[scale]'"


class MissingScaleDependency(ImportError):
    """Dask, distributed or pyarrow is not installed."""


def require(module: str) -> ModuleType:
    """Import ``module`` or raise with the install hint."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise MissingScaleDependency(
            f"the '{top}' package is not installed ({exc}); "
            f"install the extra with: {INSTALL_HINT}") from exc
