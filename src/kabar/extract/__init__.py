"""Extract stage: per-document extractors (sentences, quotes, dates, quantities), each a pure function of
the text, its language and its publication date, driven by the language's data files."""
