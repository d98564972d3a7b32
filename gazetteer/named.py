"""``NamedTuple``: typing.NamedTuple's class syntax, without its cost at every start.

The package's modules write their records as ``class Row(NamedTuple)`` with ``from
__future__ import annotations``, so every field's annotation is a string, and
typing.NamedTuple checks each: a ``ForwardRef`` that compiles the string (Python 3.11:
~145,000 instructions a field, 93 fields imported by a one-line ``gazetteer extract``,
13.4 M of its 291 M, callgrind). The class made here is the same ``collections.namedtuple``
typing makes (the same fields, defaults, methods, module, docstring, pickling; its base
``tuple``), its ``__annotations__`` the strings as written. Type checkers read
typing.NamedTuple itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["NamedTuple"]

if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from collections import namedtuple

    # what typing.NamedTupleMeta leaves out of the class's namespace, and refuses in it
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
    _PROHIBITED = frozenset(
        {
            "__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make",
            "_replace", "_asdict", "_source",
        }
    )  # fmt: skip

    class _NamedTupleMeta(type):
        """typing.NamedTupleMeta without the annotations' checks (and without Generic)."""

        def __new__(mcs, typename: str, bases: tuple, ns: dict):
            if not bases:  # (NamedTuple itself)
                return super().__new__(mcs, typename, bases, ns)
            if bases != (NamedTuple,):
                raise TypeError("can only inherit from a NamedTuple type")
            fields = ns.get("__annotations__", {})
            defaults: list[str] = []
            for name in fields:
                if name in ns:
                    defaults.append(name)
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {name} cannot follow default field {defaults[-1]}")
            made = namedtuple(typename, list(fields), defaults=[ns[n] for n in defaults], module=ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(fields)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_NamedTupleMeta):
        """The base of a record class: ``class Row(NamedTuple): name: str; n: int = 0``."""
