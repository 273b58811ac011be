from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "putright.web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        # Adds the access log to a subject access (complaints.subject_access.parts).
        from putright.web.subject_access import register_part

        register_part()
