"""Renderers: the corpus as a handbook (MkDocs), and later as Word documents."""
