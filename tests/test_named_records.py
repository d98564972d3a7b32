"""gazetteer.named.NamedTuple makes the record classes typing.NamedTuple makes, without
compiling each field's annotation at import."""

from __future__ import annotations

import pickle
import typing

import pytest

from gazetteer.named import NamedTuple


class Row(NamedTuple):
    """A row."""

    name: str
    kind: str | None = None
    count: int = 0

    def label(self) -> str:
        return f"{self.name} ({self.kind})"


class TypingRow(typing.NamedTuple):
    """A row."""

    name: str
    kind: str | None = None
    count: int = 0

    def label(self) -> str:
        return f"{self.name} ({self.kind})"


def test_a_record_has_typings_fields_defaults_and_methods():
    row, ref = Row("Shusha"), TypingRow("Shusha")
    assert row == ref == ("Shusha", None, 0)
    assert Row._fields == TypingRow._fields
    assert Row._field_defaults == TypingRow._field_defaults
    assert row.label() == ref.label() == "Shusha (None)"
    assert row._replace(count=2) == ("Shusha", None, 2)
    assert row._asdict() == ref._asdict()
    assert repr(Row._make(["Baku", "city", 1])) == "Row(name='Baku', kind='city', count=1)"


def test_a_record_is_a_tuple_of_its_module_with_its_docstring():
    assert Row.__bases__ == TypingRow.__bases__ == (tuple,)
    assert Row.__module__ == __name__ and Row.__qualname__ == "Row"
    assert Row.__doc__ == "A row."
    assert Row.__annotations__ == {"name": "str", "kind": "str | None", "count": "int"}


def test_a_record_pickles_as_itself():
    row = Row("Aghdam", "district", 3)
    back = pickle.loads(pickle.dumps(row))
    assert back == row and type(back) is Row


def test_a_field_without_a_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="Non-default namedtuple field b"):

        class Bad(NamedTuple):
            a: int = 0
            b: int


def test_a_record_may_not_overwrite_what_namedtuple_defines():
    with pytest.raises(AttributeError, match="_replace"):

        class Bad(NamedTuple):
            a: int

            def _replace(self):  # pragma: no cover - refused before it could run
                return self


def test_a_record_of_the_package_compiles_nothing_at_import(monkeypatch):
    compiled: list[str] = []
    real = compile

    def counted(source, *args, **kwargs):
        compiled.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr("builtins.compile", counted)

    class Place(NamedTuple):
        id: str
        lat: float | None = None

    assert Place("shusha").lat is None
    assert compiled == []
