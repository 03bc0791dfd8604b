"""Tolerances and thresholds a user may tune, in one place, each with the reason for its value."""

from __future__ import annotations

# "sekitar 10.000" (about) stands for 10,000 ± this share. News rounds estimates to one or two significant
# figures; ±10 % keeps "about 10,000" and "11,000" apart only when one of them says exactly 11,000.
ABOUT_TOLERANCE = 0.10

# An exact figure is still a reported number: this share of slack absorbs rounding ("8.000" vs "8.012").
EXACT_TOLERANCE = 0.01
# Two exact figures this close of which one is the other rounded (Rp 5 miliar, Rp 4,8 miliar) are a rounding,
# not a conflict.
ROUNDING_TOLERANCE = 0.05

# Two claims on one subject and place made this many days apart or less speak of the same moment; farther
# apart, different figures are movement over time, not a conflict. Two weeks covers a news cycle.
SAME_TIME_DAYS = 14

# Upper bound used for "more than" / "at least" intervals, as a multiple of the stated figure, when a
# number is needed (charts); the intervals themselves are open.
OPEN_INTERVAL_FACTOR = 10.0

# Stories: a document joins the most similar story whose articles lie within this many days of it ...
STORY_WINDOW_DAYS = 7
# ... when the cosine similarity of its embedding to the story's centroid, plus STORY_ENTITY_WEIGHT times the
# IDF-weighted share of its named entities the story has seen, reaches this score. Calibrated with
# bench/stories.py on 134 hand-labelled June 2025 articles (8 stories, 38 singletons): 0.65 / 0.25 / 0.80
# gave pairwise P 0.968, R 0.851 (0.60 merged court trials into one "story"; 0.70 split weddings).
STORY_THRESHOLD = 0.65
STORY_ENTITY_WEIGHT = 0.25
# Two stories whose centroids are at least this similar (cosine) and whose times meet are one story.
STORY_MERGE = 0.8

# Near-duplicates: estimated Jaccard similarity of word 5-shingles at or above this marks a copy (a wire
# story republished, a syndicated article); 0.8 leaves updated versions with a new lead apart.
DUPLICATE_JACCARD = 0.8

# Subjects that mean the same in every article even without an owner, so that claims about them are compared
# across articles (by place): how many were killed, injured, missing, displaced, detained.
COMPARABLE_SUBJECTS = ("killed", "injured", "missing", "displaced", "detained")

# Seconds one document may take in the per-document pipeline before it is rejected as `timeout` (`kabar ingest
# --time-limit`). A June article takes about 20 ms and the longest of the 3,447 well under a second; the
# limit stops a pathological input (a scan that grows faster than the text) from holding a worker.
DOCUMENT_TIME_LIMIT = 30.0
