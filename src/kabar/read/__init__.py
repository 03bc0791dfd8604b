"""Read stage: turn files, folders, feeds, archives and URLs into raw records (`RawRecord`) or rejects."""
