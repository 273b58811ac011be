from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "putright.portal"
    label = "portal"
    verbose_name = "Resident portal"

    def ready(self) -> None:
        from putright.portal.report_sections import register_sections

        register_sections()
        # Listens for the retention policy's removals (complaints.signals).
        from putright.portal import retention  # noqa: F401

        # Adds online access and feedback to a subject access (complaints.subject_access.parts).
        from putright.portal.subject_access import register_part

        register_part()
