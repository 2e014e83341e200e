"""The judging core: text → spaCy Doc → rule findings → the five criterion scores."""
