from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "putright.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from putright.reports.providers import register_installed

        register_installed()
