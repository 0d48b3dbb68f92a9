"""Routes of groups: the dashboard, a group's page, starting one, invitations, polls, the
agreement, handing over and leaving."""

from django.urls import path

from peercircle.groups.views import agreement, group, invitations, membership, polls

urlpatterns = [
    path("", group.home, name="dashboard"),
    path("groups/start/", group.group_start, name="group_start"),
    path("groups/<int:pk>/", group.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", group.group_edit, name="group_edit"),
    path("groups/<int:pk>/agreement/", agreement.agreement_detail, name="agreement_detail"),
    path("groups/<int:pk>/agreement/accept/", agreement.agreement_accept, name="agreement_accept"),
    path("groups/<int:pk>/agreement/edit/", agreement.agreement_edit, name="agreement_edit"),
    path("groups/<int:pk>/hand-over/", membership.organizer_hand_over, name="organizer_hand_over"),
    path("groups/<int:pk>/leave/", membership.group_leave, name="group_leave"),
    path("groups/<int:pk>/invitations/", invitations.group_invitations, name="group_invitations"),
    path("invitations/<int:pk>/revoke/", invitations.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
    path("join/<str:token>/", invitations.invitation_landing, name="invitation_landing"),
    path("join/<str:token>/accept/", invitations.invitation_join, name="invitation_join"),
    path("groups/<int:pk>/polls/new/", polls.poll_new, name="poll_new"),
    path("polls/<int:pk>/", polls.poll_detail, name="poll_detail"),
]
