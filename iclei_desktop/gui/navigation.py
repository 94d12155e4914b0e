"""Back/Forward history of opened records, as in a browser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A record shown in a tab."""

    kind: str
    id: int


class History:
    """Places visited; going somewhere new drops the forward part, as browsers do."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Place] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Place | None:
        """The place shown now."""
        return self._places[self._index] if self._index >= 0 else None

    def visit(self, place: Place) -> None:
        """Record a visit; visiting the current place again changes nothing."""
        if place == self.current:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def can_go_back(self) -> bool:
        """Whether there is a place before the current one."""
        return self._index > 0

    def can_go_forward(self) -> bool:
        """Whether there is a place after the current one."""
        return self._index < len(self._places) - 1

    def back(self) -> Place | None:
        """Step back and return the place, or None at the start."""
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Place | None:
        """Step forward and return the place, or None at the end."""
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._places[self._index]
