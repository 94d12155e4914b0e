"""iCalendar (.ics) export and import of the events calendar, through the ``icalendar`` library.

``export`` writes a calendar (rules in its docstring), ``import_`` reads one into incoming
events (rules in its docstring), ``merge`` decides what each does to the catalogue, ``store``
is the session side of both, and ``files`` reads and writes the files safely. What an import
does, or would do, is an ``ImportPreview`` of ``ImportItem`` rows, defined here.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTIONS = ("add", "update", "unchanged", "skip")


@dataclass(frozen=True, slots=True)
class ImportItem:
    """What an import does with one component of the file.

    ``action`` is one of ``ACTIONS``; ``when`` is the date as a person reads it ("" when the
    file gives none); ``reason`` says why an item is skipped ("" otherwise).
    """

    action: str
    uid: str
    title: str
    when: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """Every item of an import, in the order of the file."""

    items: tuple[ImportItem, ...]

    @property
    def added(self) -> int:
        """How many events are new to the catalogue."""
        return self._count("add")

    @property
    def updated(self) -> int:
        """How many catalogue events take a newer edit from the file."""
        return self._count("update")

    @property
    def unchanged(self) -> int:
        """How many events the catalogue already holds as the file has them."""
        return self._count("unchanged")

    @property
    def skipped(self) -> int:
        """How many items are left out, each with its reason."""
        return self._count("skip")

    @property
    def summary(self) -> str:
        """The counts in one line: "added 2, updated 1, unchanged 0, skipped 1"."""
        return (
            f"added {self.added}, updated {self.updated}, "
            f"unchanged {self.unchanged}, skipped {self.skipped}"
        )

    def _count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)
