"""Benchmarks (``make bench``): the HTTP measurements (settings, a bare view), the
search and import benchmarks, and the synthetic pages and providers they run on
(``manage.py synthetic_pages``, ``bench_search``, ``bench_import``, ``synthetic_providers``).

Nothing here is part of the product: production settings do not install it, and the
site never imports it. Development, test and bench settings add it to INSTALLED_APPS.
"""
