"""Resolve stage: corpus-level work over what is stored (entities across documents; later claims and
stories). Deterministic and independent of the order documents were ingested in."""
