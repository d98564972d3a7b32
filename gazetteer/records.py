"""Named records for the rows the compiled index hands out.

:class:`gazetteer.index.CompiledIndex` returns plain tuples (fast to build for 100,000
variants); code that reads a row wraps it here once and reads fields by name, not by
position (``place.kind``, not ``place[2]``).
"""

# (no ``from __future__ import annotations``: typing.NamedTuple compiles every string
# annotation of the row classes into a ForwardRef, about 50 µs a field at every start; the
# annotations here are all types that exist when the class is made)

from .named import NamedTuple

__all__ = ["PlaceRow", "VariantRow", "VariantOfRow", "Ranked", "Mention", "LOOKUP_FIELDS"]


class PlaceRow(NamedTuple):
    """A row of ``CompiledIndex.place(i)``: the columns of ``gazetteer.index.PLACE_ROW``."""

    id: str
    name: str
    kind: str
    country: str
    parent: str
    lat: float
    lon: float
    population: int | None
    source: str
    name_az: str
    name_ru: str
    name_hy: str
    status: str  # "" or "abandoned"
    importance: float

    def name_in(self, naming: str) -> str:
        """The name in a naming ("en", "az", "ru", "hy"), the English one where none."""
        if naming == "en":
            return self.name
        return getattr(self, "name_" + naming) or self.name


class VariantRow(NamedTuple):
    """A row of ``CompiledIndex.variant(v)``."""

    place: int  # index of its place
    text: str
    lang: str
    type: str  # canonical, official, variant, mt_error...
    needs_context: int  # 1: a place only with a cue or a corroborating mention ("Gabriel")


class VariantOfRow(NamedTuple):
    """A row of ``CompiledIndex.variants_of(i)``."""

    text: str
    lang: str
    type: str
    needs_context: int
    source: str


class Ranked(NamedTuple):
    """One same-name reading of a mention (``Mention.candidates``), best first."""

    place: int
    variant: int
    rank: float


class Mention:
    """A place mention the scanner found: the span, the place and variant chosen, how.

    (A plain class with slots, written out as ``@dataclass(slots=True)`` makes it: the
    dataclasses module imports inspect, about 15 ms of every start that scans text.)
    """

    __slots__ = ("start", "end", "text", "place", "variant", "method", "score", "cue", "suffix", "candidates")
    __match_args__ = __slots__

    start: int
    end: int
    text: str
    place: int
    variant: int
    method: str
    score: float
    cue: str | None
    suffix: str  # inflectional ending kept by normalise ("də" of Füzulidə), may be ""
    candidates: tuple[Ranked, ...]  # same-name readings (place, variant, rank), for disambiguation

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        place: int,
        variant: int,
        method: str,
        score: float,
        cue: str | None,
        suffix: str,
        candidates: tuple[Ranked, ...],
    ):
        self.start = start
        self.end = end
        self.text = text
        self.place = place
        self.variant = variant
        self.method = method
        self.score = score
        self.cue = cue
        self.suffix = suffix
        self.candidates = candidates

    def _replace(self, **changes) -> "Mention":
        """A copy with the given fields changed (as dataclasses.replace made it)."""
        for name in changes:
            if name not in self.__slots__:
                raise TypeError(f"Mention has no field {name!r}")
        return Mention(*(changes.get(f, getattr(self, f)) for f in self.__slots__))

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in self.__slots__)

    def __repr__(self) -> str:
        return "Mention(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  (mutable, compared by value: as a dataclass)


# The fields of a lookup record, in the order the CLI writes them (cli and batch_lookup)
LOOKUP_FIELDS = (
    "query",
    "id",
    "name",
    "kind",
    "country",
    "district",
    "lat",
    "lon",
    "score",
    "matched_variant",
    "method",
    "needs_context",
)
