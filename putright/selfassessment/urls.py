"""The self-assessment pages, under /staff/reports/self-assessment/."""

from django.urls import path

from putright.selfassessment import views

app_name = "selfassessment"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/section/<int:section>/", views.section_edit, name="section"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("spotlight/", views.spotlight_list, name="spotlights"),
    path("spotlight/<int:pk>/", views.spotlight_detail, name="spotlight"),
    path(
        "spotlight/<int:pk>/recommendation/<int:number>/",
        views.spotlight_assess_page,
        name="spotlight_assess",
    ),
]
