from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "putright.api"
    verbose_name = "API"

    def ready(self) -> None:
        """Webhooks hear of every timeline entry the complaint services write, whatever
        the channel (web page, portal, API)."""
        from putright.api.webhooks import on_timeline_written
        from putright.complaints.signals import timeline_written

        timeline_written.connect(on_timeline_written, dispatch_uid="putright.api.webhooks")
