"""Ids of records that ship with the app (the built-in checklist templates) and of
records head office derives from a key (KPI rows): UUID 5 in one namespace, so the
laptop, the server and a re-import all compute the same id.

"""
from __future__ import annotations

import uuid

#: uuid5 namespace for records that ship with the app (built-in checklist templates)
BUILTIN_NS = uuid.UUID("6f1d3c1e-3a52-4c8e-9b0e-5d1a0c0b7a11")


def builtin_id(key: str) -> str:
    """The id of the record known by ``key`` (a template's key, "kpi/<partner>/<period>")."""
    return str(uuid.uuid5(BUILTIN_NS, key))
