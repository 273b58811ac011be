from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "putright.reports"
    verbose_name = "Reports"
