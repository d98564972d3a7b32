"""The text scanner (issue 15's layout). The scan runs in the compiled core
(crates/gazetteer-core/src/scan: the candidate finder, one file per rule under rules/,
the passes over a whole text in document.rs, the weights it reads from :mod:`.weights`).
Here, in Python:

- :mod:`.engine`: ``Engine``, the compiled engine with its host (what it asks of Python);
- :mod:`.vocabulary`: what the index says a word names, and the ranking of a span's places;
- :mod:`.word_facts`: what the rules need to know of one word, from the language data;
- :mod:`.text_facts`: the few facts of a text that Python's Unicode decides;
- :mod:`.shapes`: the shapes of the keys (multi-word names), built with the index;
- :mod:`.weights`: every threshold and score, named.

The language data they use is in :mod:`gazetteer.lang`, the text primitives in
:mod:`gazetteer.text`, the records in :mod:`gazetteer.records`.
"""
