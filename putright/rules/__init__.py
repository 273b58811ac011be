"""The Complaint Handling Code 2024 as plain Python.

Nothing in this package imports Django or knows about the database: it holds the
working-day calendar, the timescales, the lifecycle of a complaint and the counting rules,
as pure functions and small dataclasses that the Django apps and the reports call.
"""
