"""Imported by the forkserver before it forks ingest workers (`kabar.ingest`): loads the models once."""

from kabar.pipeline import warm

warm()
