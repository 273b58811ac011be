"""Putright: complaint handling for social-housing landlords under the Housing Ombudsman's
Complaint Handling Code 2024."""

__version__ = "0.1.0"
