from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "putright.ombudsman"
    verbose_name = "Housing Ombudsman"

    def ready(self) -> None:
        # Listens for the retention policy's removals (complaints.signals).
        # Copies upheld decisions to the Member Responsible for Complaints (mrc.py).
        from putright.ombudsman import (
            mrc,  # noqa: F401
            retention,  # noqa: F401
        )

        # Adds its cases to a subject access (complaints.subject_access.parts).
        from putright.ombudsman.subject_access import register_part

        register_part()
