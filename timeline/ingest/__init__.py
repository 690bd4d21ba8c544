"""`timeline ingest`: press releases in, proposed facts out, each with its quoted sentence.

Pure parts (no files, no clock): `text` (sentences, tokens, the Russian stemmer), `dates` (date expressions),
`names` (the data's names and their forms), `recognise` (facts in sentences), `compare` (status against the data),
`html` (an article's body and metadata from a page's markup), `render` (text, JSON, proposal YAML). `read` is the
one module that reads files and standard input.
"""
