"""The text scanner (issue 15's layout; the compiled core will take it over):

- :mod:`.scanner`: ``Scanner``, composed of the three parts below;
- :mod:`.candidates`: text -> words -> candidate spans (variants, method, ending);
- :mod:`.rules`: accept or reject each candidate in its context;
- :mod:`.document`: the passes over the whole text (one sense, disambiguation);
- :mod:`.weights`: every threshold and score, named.

The language data they use is in :mod:`gazetteer.lang`, the text primitives in
:mod:`gazetteer.text`, the records in :mod:`gazetteer.records`.
"""
