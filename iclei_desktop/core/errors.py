"""Errors the user can act on; anything else is a bug."""

from __future__ import annotations


class UserError(Exception):
    """An error with a message fit to show the user as it is."""


class DatabaseError(UserError):
    """The catalogue file cannot be opened or used."""


class SeedError(UserError):
    """The seed catalogue under ``database/seed`` is malformed."""


class ExportError(UserError):
    """An export could not be written."""


class CalendarImportError(UserError):
    """An iCalendar file cannot be imported; nothing was written."""


class DatabaseDamagedError(DatabaseError):
    """The catalogue file is damaged; one of its backups can replace it."""


class DatabaseLockedError(DatabaseError):
    """Another program has the catalogue file locked; trying again later may work."""


class Cancelled(Exception):
    """The user stopped long work before it finished; nothing of it was written."""


class DatabaseReadOnlyError(DatabaseError):
    """The catalogue file, or its folder, cannot be written; it can still be opened to read."""


class BundleImportError(UserError):
    """A catalogue bundle (.json or .zip) cannot be imported; nothing was written."""
