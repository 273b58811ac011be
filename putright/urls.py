from django.contrib import admin
from django.urls import include, path

from putright.web import metrics, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("putright.api.urls")),
    path("staff/ombudsman/", include("putright.ombudsman.urls")),
    path("staff/learning/", include("putright.learning.urls")),
    path("staff/reports/", include("putright.reports.urls")),
    path("staff/", include("putright.staff.urls")),
    path("complain/", include("putright.portal.complain.urls")),
    path("track/", include("putright.portal.track.urls")),
    path("", include("putright.web.urls")),
]

# 403 and 404 use Django's views with our templates; 500 renders without the database.
handler500 = "putright.web.views.server_error"
