from django.contrib import admin
from django.urls import include, path

from peercircle.accounts import views as accounts
from peercircle.groups import views as groups
from peercircle.meetings import views as meetings

urlpatterns = [
    path("", groups.home, name="dashboard"),
    path("healthz", accounts.healthz, name="healthz"),
    path("accounts/profile/", accounts.profile_edit, name="profile"),
    path("accounts/", include("allauth.urls")),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    # --- programs ---
    path("programs/", include("peercircle.programs.urls")),
    path("admin/", admin.site.urls),
]
