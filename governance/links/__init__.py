"""External links: collecting every address in the corpus and checking each once, with a cache.

cli.py         styrdok links; add_link_findings for styrdok check --links
run.py         the library entry point: collect → cache → check → findings → cache
collect.py     every address and where it is written (fields, Markdown, Word, site/docs)
scan.py        addresses in Markdown text; docx.py: hyperlinks in a .docx, read safely
urls.py        kinds of address, their form (mailto:, tel:), exclude patterns
probe.py       many addresses at once: limits, HEAD/GET, redirects, retries, the budget
http.py        a small HTTP/1.1 client (asyncio + h11) that says why a request failed
result.py      the result of one address; cache.py: .styrdok/links.json and the dates
anchors.py     internal links against the handbook's pages and headings
verdict.py     results → findings (progress on stderr: governance.progress)
(the finding codes, command="links", are in governance.codes)
"""
