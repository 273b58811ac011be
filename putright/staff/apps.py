from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "putright.staff"
    verbose_name = "Staff workspace"

    def ready(self) -> None:
        # Connects the lock-out log to django-axes's signal.
        from putright.staff import throttle  # noqa: F401
