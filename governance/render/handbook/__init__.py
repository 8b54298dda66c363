"""The handbook: corpus → a plain MkDocs project → a static site built with Material."""
