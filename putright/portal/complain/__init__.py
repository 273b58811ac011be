"""The complaint form at /complain/: one question per page, then check your answers."""
