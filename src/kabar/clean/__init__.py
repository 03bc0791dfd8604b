"""Clean stage: mark boilerplate spans and detect the language; the text itself is never changed."""
