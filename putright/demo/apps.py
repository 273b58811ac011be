from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "putright.demo"
    verbose_name = "Demo landlord"
