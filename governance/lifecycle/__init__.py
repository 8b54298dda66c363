"""The document lifecycle: new, revise, review, retire, diff, due.

cli.py         the click commands (thin: options, a library call, output)
new.py         styrdok new: a draft with every required field; ids.py: the id scheme
revise.py      styrdok revise: a new version; review.py, retire.py likewise
edit.py        an edit from start to end: new texts, check, diff or atomic write
ops.py         what an edit changes, as data (Set, Append)
roundtrip.py   ruamel.yaml round-trip, keeping every line the edit does not need
layout.py      a file's lines, line endings and indentation
files.py       snapshots and atomic writes that refuse a file changed meanwhile
validate.py    the corpus as it would be, through every check
history.py     versions from git; compare.py: field and section differences;
               diff.py: styrdok diff
due.py         styrdok due: deadlines per owner; ics.py: the iCalendar file
"""
