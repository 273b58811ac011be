from django.apps import AppConfig


class ComplimentsConfig(AppConfig):
    name = "putright.compliments"
    label = "compliments"
    verbose_name = "Compliments"

    def ready(self) -> None:
        # Adds the resident's compliments to a subject access (complaints.subject_access.parts)
        # and removes old compliments' personal data under the retention policy.
        from putright.compliments import retention  # noqa: F401
        from putright.compliments.subject_access import register_part

        register_part()
