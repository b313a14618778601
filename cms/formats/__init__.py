"""The site's date and number formats per language (``FORMAT_MODULE_PATH``), after CLDR.

Django's own bg and ro formats do not group thousands the way the site does and give
month names capitalised; month names come lower case from home.formatting.
"""
