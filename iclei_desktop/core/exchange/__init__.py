"""Exchange formats: the JSON catalogue (and, later, iCalendar)."""
