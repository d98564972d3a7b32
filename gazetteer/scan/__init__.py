"""The text scanner's parts (issue 15): ``weights`` (every threshold and score, named).

The scanner itself is still :mod:`gazetteer.scanner`; candidates, rules and the
document passes move here (and then into the compiled core) in later steps.
"""
