import os

from django.core.wsgi import get_wsgi_application

from cms import memory

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
memory.install_if_configured()  # workers hand back what a heavy request used (cms/memory.py)
