from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "putright.staff"
    verbose_name = "Staff workspace"
