"""``styrdok import``: Word governing documents into the corpus, and edits made in Word back.

reader     .docx → blocks (headings, paragraphs, list items, tables) with Markdown text
labels     the metadata table: Swedish labels and their variants → fields
dates      dates as people write them in the table
match      names of bodies, units, roles and kinds → ids in styrdok.yaml
structure  blocks after the table → sections, processes, links, revisions …
convert    one file → a document (data), its findings and what it could not fill
yamlout    a new corpus file from the data
run        a folder of files in one run: ids, --partial, writing
update     ``--update``: a re-saved export applied to the existing file as a lossless edit
report     the summary table, as text, Markdown or CSV
"""
