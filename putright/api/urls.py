"""The API's URLs, included at ``/api/v1/`` by ``putright.urls`` (namespace ``api-v1``)."""

from putright.api.main import api

app_name = api.urls_namespace
urlpatterns = list(api.urls[0])
