"""The site's routes: each app lists its own; `include` keeps their paths as they are."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from peercircle.accounts import language
from peercircle.accounts import views as accounts
from peercircle.accounts.sso import handoff, oidc, slo, welcome
from peercircle.accounts.throttling import ThrottledLoginView
from peercircle.meetings import urls as meetings

urlpatterns = [
    path("", include(meetings.polled_urlpatterns)),
    path("healthz", accounts.healthz, name="healthz"),
    path("favicon.ico", accounts.favicon),
    # The translations of the scripts' words (LOCALE_PATHS' djangojs catalogues) and the
    # footer's language menu.
    path(
        "jsi18n/",
        login_not_required(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    path("language/", language.language_choose, name="language_choose"),
    path("accounts/profile/", accounts.profile_edit, name="profile"),
    path("accounts/data/", include("peercircle.accounts.urls")),
    # allauth's login page, answering 429 when throttled (accounts/throttling.py).
    path("accounts/login/", ThrottledLoginView.as_view(), name="account_login"),
    # allauth's OpenID Connect URLs, with every ID token's signature and nonce checked.
    path("accounts/oidc/<str:provider_id>/login/", oidc.login, name="sso_oidc_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", oidc.callback, name="sso_oidc_back"),
    path("accounts/saml/<str:organization_slug>/login/", handoff.saml_login, name="sso_saml_login"),
    path("accounts/welcome/", welcome.welcome, name="sso_welcome"),
    path("accounts/saml/<str:organization_slug>/sls/", slo.saml_sls, name="sso_saml_sls"),
    # allauth's SAML sign-in end and logout, keeping and using what single logout needs.
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        slo.saml_finish_acs,
        name="sso_saml_finish",
    ),
    path("accounts/logout/", slo.logout, name="sso_logout"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("mail/", include("peercircle.mail.urls")),
    path("programs/", include("peercircle.programs.urls")),
    path("", include("peercircle.groups.urls")),
    path("", include("peercircle.meetings.urls")),
    path("", include("peercircle.goals.urls")),
    path("", include("peercircle.api.urls")),
]
