from django.apps import AppConfig


class ComplimentsConfig(AppConfig):
    name = "putright.compliments"
    label = "compliments"
    verbose_name = "Compliments"
