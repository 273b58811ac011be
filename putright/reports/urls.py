"""The report pages under /staff/reports/."""

from django.urls import include, path

from putright.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("annual/<int:year>/", views.annual, name="annual"),
    path("annual/<int:year>/written-sections/", views.narrative_edit, name="narrative"),
    path("annual/<int:year>/breakdowns/", views.breakdowns_edit, name="breakdowns"),
    path("annual/<int:year>/equality-data/", views.equality_edit, name="equality"),
    path("annual/<int:year>/download/<str:fmt>/", views.annual_download, name="annual_download"),
    path("annual/<int:year>/publish/", views.annual_publish, name="annual_publish"),
    path("tsm/<int:year>/", views.tsm, name="tsm"),
    path("tsm/<int:year>/perception/<str:code>/", views.perception_edit, name="perception"),
    path("tsm/<int:year>/download/<str:fmt>/", views.tsm_download, name="tsm_download"),
    path("quarterly/<str:quarter>/", views.quarterly, name="quarterly"),
    path(
        "quarterly/<str:quarter>/download/<str:fmt>/",
        views.quarterly_download,
        name="quarterly_download",
    ),
    path("compliance/<int:year>/", views.compliance, name="compliance"),
    path("groups/<slug:slug>/<int:year>/", views.group_report, name="group"),
    path("explore/", views.explore, name="explore"),
    path("explore/download/<str:fmt>/", views.explore_download, name="explore_download"),
    path("compliance/<int:year>/<str:provision>/", views.breaches_list, name="breaches"),
    path("self-assessment/", include("putright.selfassessment.urls")),
]
