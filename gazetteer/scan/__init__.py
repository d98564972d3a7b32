"""The text scanner (issue 15's layout; the compiled core has taken most of it over):

- :mod:`.engine`: ``Engine``, the compiled scanner (crates/gazetteer-core/src/scan), what
  ``Gazetteer.scanner`` is where the core carries it;
- :mod:`.scanner`: ``Scanner``, composed of the three parts below: the reference the
  engine agrees with, and the host of the rules it still calls back;
- :mod:`.candidates`: text -> words -> candidate spans (variants, method, ending);
- :mod:`.rules`: accept or reject each candidate in its context;
- :mod:`.document`: the passes over the whole text (one sense, disambiguation);
- :mod:`.weights`: every threshold and score, named.

The language data they use is in :mod:`gazetteer.lang`, the text primitives in
:mod:`gazetteer.text`, the records in :mod:`gazetteer.records`.
"""
