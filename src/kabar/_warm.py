"""Imported by the forkserver before it forks ingest workers (`kabar.ingest`): loads the models once.

A failure here must not take the forkserver down: the workers then load lazily and report the error
(a missing NER model, say) the usual way, per document."""

import contextlib

from kabar.pipeline import warm

with contextlib.suppress(Exception):
    warm()
