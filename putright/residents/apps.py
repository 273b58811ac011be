from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "putright.residents"
    verbose_name = "Residents"
