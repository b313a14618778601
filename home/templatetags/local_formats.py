"""Dates and money in the active language's conventions (home.formatting)."""

from django import template

from home.formatting import (
    IN_LANGUAGE,
    format_date,
    format_file_size,
    format_money,
    language_name,
)

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, format_name="DATE_FORMAT"):
    """``{{ news.date|local_date }}``, ``{{ event.start|local_date:"DATETIME_FORMAT" }}``."""
    try:
        return format_date(value, format_name)
    except AttributeError:
        return ""


@register.filter(is_safe=False)
def money(amount, currency="EUR"):
    """``{{ page.budget_amount|money:page.budget_currency }}``."""
    return format_money(amount, currency or "EUR")


@register.filter(name="language_name")
def language_name_filter(code):
    """``{{ "en"|language_name }}``: "English", "английски", "engleză"."""
    return language_name(code)


@register.filter(is_safe=False)
def file_size(size):
    """``{{ document.file_size|file_size }}``: "52,9 КБ", "52.9 KB"."""
    return format_file_size(size)


@register.filter
def language_note(code):
    """``{{ "en"|language_note }}``: "in English", "на английски", "în engleză"."""
    return IN_LANGUAGE.get(code, code)
