from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "putright.web"
    verbose_name = "Web pages"
