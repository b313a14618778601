"""ISBN-13 validation and formatting."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_isbn(value):
    return "".join(ch for ch in str(value) if ch.isdigit() or ch in "Xx").upper()


def isbn13_check_digit(first12):
    total = sum(int(digit) * (1 if index % 2 == 0 else 3) for index, digit in enumerate(first12))
    return str((10 - total % 10) % 10)


def validate_isbn13(value):
    digits = normalise_isbn(value)
    if len(digits) != 13 or not digits.isdigit():
        raise ValidationError(
            _("An ISBN-13 has 13 digits (hyphens and spaces are allowed)."), code="isbn_length"
        )
    if not digits.startswith(("978", "979")):
        raise ValidationError(_("An ISBN-13 starts with 978 or 979."), code="isbn_prefix")
    if isbn13_check_digit(digits[:12]) != digits[12]:
        raise ValidationError(
            _("This ISBN's check digit is wrong: the last digit should be %(digit)s."),
            params={"digit": isbn13_check_digit(digits[:12])},
            code="isbn_checksum",
        )
