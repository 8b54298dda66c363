"""External links: collecting every URL in the corpus and checking each once, with a cache."""
