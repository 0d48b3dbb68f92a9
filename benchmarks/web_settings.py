"""The production settings plus a trivial page to compare against (benchmarks/web.py)."""

from peercircle.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.web_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The filler gives 10,000 people one precomputed hash; nobody logs in with a password here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic step: pages link static files the same way, unhashed.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
