"""Store stage: the SQLite store (`Store`), schema migrations and row <-> record conversion."""

from kabar.store.db import Store

__all__ = ["Store"]
