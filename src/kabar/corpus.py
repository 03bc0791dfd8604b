"""`kabar.open(db)`: a corpus in a store, with the questions users ask of it as methods."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kabar.errors import KabarError
from kabar.ingest import IngestSummary, ingest
from kabar.records import Document, Extraction
from kabar.resolve.disagreements import Disagreement, disagreements
from kabar.resolve.ledger import Claim, ClaimGroup, build_ledger, filter_groups
from kabar.serve.export import rows_for
from kabar.serve.stories_view import story_rows
from kabar.store import Store


class Corpus:
    """A store of articles: `with kabar.open("kabar.db") as corpus: corpus.ledger(place="Kursk")`."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self.store = Store(db)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, inputs: Iterable[str], **options: Any) -> IngestSummary:
        """Read more articles into this corpus (the options of `kabar.ingest`)."""
        return ingest(inputs, self.db, **options)

    def documents(self) -> Iterator[Document]:
        return self.store.documents()

    def extraction(self, doc_id: str) -> Extraction:
        return self.store.extraction(doc_id)

    def ledger(self, subject: str | None = None, place: str | None = None, claimant: str | None = None,
               min_claims: int = 1) -> list[ClaimGroup]:
        """Claim groups (subject and place), their claims in time order and how they differ."""
        return filter_groups(build_ledger(self.store), subject, place, claimant, min_claims)

    def claims(self) -> list[Claim]:
        return [claim for group in build_ledger(self.store) for claim in group.claims]

    def disagreements(self) -> list[Disagreement]:
        return disagreements(self.store)

    def stories(self) -> list[dict[str, Any]]:
        return story_rows(self.store)

    def entities(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.store.conn.execute("SELECT * FROM entities ORDER BY mentions DESC")]

    def rejects(self) -> list[Any]:
        return self.store.rejects()

    def counts(self) -> dict[str, Any]:
        return self.store.counts()

    def to_pandas(self, what: str = "claims") -> Any:
        """A pandas DataFrame of one export table (`claims`, `entities`, `quantities`, `documents` …)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise KabarError("to_pandas needs pandas: pip install pandas") from exc
        columns, rows = rows_for(self.store, what, "csv")
        return pd.DataFrame(list(rows), columns=list(columns or ()))
