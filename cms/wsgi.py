import os

from django.core.wsgi import get_wsgi_application

from cms import memory

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

memory.install()  # web workers give back what a heavy request used (cms/memory.py)
application = get_wsgi_application()
