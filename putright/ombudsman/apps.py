from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "putright.ombudsman"
    verbose_name = "Housing Ombudsman"
