"""WSGI entry point: `gunicorn putright.wsgi` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
application = get_wsgi_application()

# Each worker loads the letters' PDF renderer as it starts, not in the first request that
# issues an emailed letter (putright.letters.render.pdf_renderer_warm).
from putright.letters.render import pdf_renderer_warm  # noqa: E402

pdf_renderer_warm()
