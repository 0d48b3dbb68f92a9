"""The test run reads the one settings module with development defaults.

DEBUG=1 only chooses development defaults (a generated SECRET_KEY under var/, localhost
hosts); pytest-django still runs the tests with settings.DEBUG False.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from peercircle.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests hash many passwords and need no protection.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# No collectstatic in tests: WhiteNoise looks files up on each request instead.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tasks run in the test's own thread, when the transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Page parts are cached in every test (cleared before each: tests/conftest.py), so the whole
# suite checks that each write makes them new.
CACHES = {
    **CACHES,  # noqa: F405
    "versions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v"},
}
