"""Word forms: fillable .docx from template definitions, filling them from case data, and
reading the values of filled forms back out."""
