"""Two-step verification for staff: an authenticator app (TOTP) with recovery codes.

Built on django-otp's devices: a confirmed ``TOTPDevice`` is the authenticator app and a
``StaticDevice`` holds the single-use recovery codes. ``policy`` says who must use it,
``middleware`` keeps an unverified session out of the admin, ``views`` are the screens.
"""
