from django.contrib import admin
from django.urls import include, path

from peercircle.accounts import views as accounts
from peercircle.groups import views as groups
from peercircle.meetings import views as meetings
from peercircle.programs import views as programs

urlpatterns = [
    path("", groups.home, name="dashboard"),
    path("healthz", accounts.healthz, name="healthz"),
    path("accounts/profile/", accounts.profile_edit, name="profile"),
    # --- platform ---
    path("accounts/data/", include("peercircle.accounts.urls")),
    path("favicon.ico", accounts.favicon),
    # --- end platform ---
    path("accounts/", include("allauth.urls")),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("programs/<int:pk>/", programs.program_detail, name="program_detail"),
    path("admin/", admin.site.urls),
]
