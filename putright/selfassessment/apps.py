from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "putright.selfassessment"
    label = "selfassessment"
    verbose_name = "Self-assessment against the Code"

    def ready(self) -> None:
        from putright.reports.sections import register
        from putright.selfassessment.report import self_assessment_section, spotlight_section

        register("self_assessment", self_assessment_section)
        register("self_assessment", spotlight_section)
