"""Use cases: functions of a session returning DTOs; they never open or commit sessions."""
