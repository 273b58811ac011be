from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "putright.letters"
    verbose_name = "Letters"

    def ready(self) -> None:
        # Listens for the retention policy's removals (complaints.signals).
        from putright.letters import retention  # noqa: F401
