from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "putright.letters"
    verbose_name = "Letters"

    def ready(self) -> None:
        # Listens for the retention policy's removals (complaints.signals).
        from putright.letters import retention  # noqa: F401

        # Adds the letters to a subject access (complaints.subject_access.parts).
        from putright.letters.subject_access import register_part

        register_part()
