"""Qt item models fed with rows from the core."""
