from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "putright.ombudsman"
    verbose_name = "Housing Ombudsman"

    def ready(self) -> None:
        # Listens for the retention policy's removals (complaints.signals).
        from putright.ombudsman import retention  # noqa: F401
