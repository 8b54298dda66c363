"""The version archive: every decided version of every document, read from git history."""
