from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "putright.api"
    verbose_name = "API"

    def ready(self) -> None:
        """Webhooks hear of every timeline entry, one by one or in a batch, whatever the
        channel (web page, portal, API, import)."""
        from putright.api.webhooks import on_timeline_written, on_timeline_written_many
        from putright.complaints.signals import timeline_written, timeline_written_many

        timeline_written.connect(on_timeline_written, dispatch_uid="putright.api.webhooks")
        timeline_written_many.connect(
            on_timeline_written_many, dispatch_uid="putright.api.webhooks.many"
        )
