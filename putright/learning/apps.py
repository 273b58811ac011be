from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "putright.learning"
    verbose_name = "Learning from complaints"
