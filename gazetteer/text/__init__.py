"""Text, independent of any language: the one tokenizer, apostrophe and quote sets
(:mod:`.tokens`), the one script detector (:mod:`.scripts`) and name folding
(:mod:`.folding`). What differs by language lives in :mod:`gazetteer.lang`.

Nothing is imported here, so that ``import gazetteer.text.folding`` costs only folding.
"""
