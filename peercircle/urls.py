from django.contrib import admin
from django.urls import include, path

from peercircle.accounts import views as accounts
from peercircle.groups import views as groups
from peercircle.groups import views_own as own
from peercircle.meetings import views as meetings

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
    # --- meeting (issue 10): check-in, agenda, live run, notes, summary ---
    path("meetings/", include("peercircle.meetings.urls")),
    # --- self-started groups and the group agreement ---
    path("groups/start/", own.group_start, name="group_start"),
    path("groups/<int:pk>/agreement/", own.agreement_detail, name="agreement_detail"),
    path("groups/<int:pk>/agreement/accept/", own.agreement_accept, name="agreement_accept"),
    path("groups/<int:pk>/agreement/edit/", own.agreement_edit, name="agreement_edit"),
    path("groups/<int:pk>/hand-over/", own.organizer_hand_over, name="organizer_hand_over"),
    path("groups/<int:pk>/leave/", own.group_leave, name="group_leave"),
    # --- mail ---
    path("mail/", include("peercircle.mail.urls")),
    # --- programs ---
    path("programs/", include("peercircle.programs.urls")),
    path("admin/", admin.site.urls),
    # --- goals ---
    path("", include("peercircle.goals.urls")),
    # --- groups: invitations, polls, schedule, RSVP, calendar feeds (issue 8) ---
    path("", include("peercircle.groups.urls")),
]
