"""Form and choice dialogs; each has an ``ask`` classmethod that tests can replace."""
