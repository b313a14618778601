"""Benchmarks (``make bench``): settings and a bare view for the HTTP measurements.

Nothing here is part of the product: the site never imports it.
"""
