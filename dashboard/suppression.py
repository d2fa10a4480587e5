"""Privacy in aggregates: small casework counts are suppressed, and so is what would give
them away.

Rules (every casework figure on the page and in the exports goes through here):
1. Primary: a count of 1-4 shows as "<5"; 0 may show.
2. Complementary: when exactly one cell of a group (a location's trajectories per form; its
   residents with and without consent) is suppressed, the next-smallest non-zero cell of that
   group is hidden too ("–"), so that a total known from elsewhere cannot give it away.
3. Totals: a total (of a group, or over months) shows only when every cell it adds up shows.
   So a total on the dashboard is always a sum of figures the user already sees, and no
   choice of filters or period can reveal a suppressed cell by subtraction.
4. No casework sums across locations: a filter can pick any set of locations, and the
   difference of two such sums would be one location's count. Trend lines over several
   locations add up only the cells that are shown (and say so).
A suppressed cell never carries its number: templates and exports cannot leak it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
SMALL_TEXT = "<5"
HIDDEN_TEXT = "–"

SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"

LEGEND_SMALL = _("<5 = minder dan 5 (een klein aantal laten we niet zien)")
LEGEND_HIDDEN = _("– = verborgen, zodat niemand een klein aantal kan terugrekenen")


@dataclass(frozen=True)
class Cell:
    """A figure as shown: its number only when it may be shown."""

    value: int | None
    state: str = SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def text(self) -> str:
        if self.state == SMALL:
            return SMALL_TEXT
        if self.state == HIDDEN:
            return HIDDEN_TEXT
        return "" if self.value is None else str(self.value)

    @property
    def export_value(self) -> int | str:
        """A number for a spreadsheet when shown, else the text."""
        return self.value if self.shown and isinstance(self.value, int) else self.text

    def __str__(self) -> str:
        return self.text


def plain(value: int | None) -> Cell:
    """A figure that needs no suppression (plans, training, the expert pool)."""
    return Cell(value)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def cell(value: int) -> Cell:
    """One casework count on its own (primary suppression only)."""
    return Cell(None, SMALL) if is_small(value) else Cell(value)


def group(values: Sequence[int]) -> list[Cell]:
    """Cells of one group with primary and complementary suppression."""
    states = [SMALL if is_small(v) else SHOWN for v in values]
    suppressed = [i for i, state in enumerate(states) if state != SHOWN]
    if len(suppressed) == 1:
        candidates = [i for i, v in enumerate(values) if states[i] == SHOWN and v > 0]
        if candidates:
            smallest = min(candidates, key=lambda i: (values[i], i))
            states[smallest] = HIDDEN
    return [
        Cell(value, state) if state == SHOWN else Cell(None, state)
        for value, state in zip(values, states, strict=True)
    ]


def total(value: int, parts: Sequence[Cell]) -> Cell:
    """A total shows only when every part shows (else nothing can follow from it)."""
    if all(part.shown for part in parts):
        return cell(value)
    return Cell(None, HIDDEN)


def percent(part: Cell, whole: Cell) -> Cell:
    """A share, only when both figures show."""
    if part.shown and whole.shown and whole.value:
        return Cell(round(100 * (part.value or 0) / whole.value))
    if part.shown and whole.shown:
        return Cell(None)
    return Cell(None, HIDDEN)


def shown_sum(cells: Sequence[Cell]) -> int:
    """The sum of the cells that show: safe over any set of locations (see rule 4)."""
    return sum(c.value or 0 for c in cells if c.shown)
