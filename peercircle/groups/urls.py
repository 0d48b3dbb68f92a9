from django.urls import path

from peercircle.groups import views_calendar, views_members, views_polls, views_schedule

urlpatterns = [
    path("groups/<int:pk>/invitations/", views_members.group_invitations, name="group_invitations"),
    path("invitations/<int:pk>/revoke/", views_members.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views_members.invitation_resend, name="invitation_resend"),
    path("join/<str:token>/", views_members.invitation_landing, name="invitation_landing"),
    path("join/<str:token>/accept/", views_members.invitation_join, name="invitation_join"),
    path("groups/<int:pk>/polls/new/", views_polls.poll_new, name="poll_new"),
    path("polls/<int:pk>/", views_polls.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/adopt/", views_polls.poll_adopt, name="poll_adopt"),
    path("groups/<int:pk>/schedule/", views_schedule.schedule_edit, name="schedule_edit"),
    path("meetings/<int:pk>/move/", views_schedule.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/cancel/", views_schedule.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/rsvp/", views_schedule.meeting_rsvp, name="meeting_rsvp"),
    path("meetings/<int:pk>/swap-host/", views_schedule.meeting_swap, name="meeting_swap"),
    path("meetings/<int:pk>/calendar.ics", views_schedule.meeting_ics, name="meeting_ics"),
    path("calendar/", views_calendar.calendar_page, name="calendar_page"),
    path("calendar/new-link/", views_calendar.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/turn-off/", views_calendar.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views_calendar.calendar_feed, name="calendar_feed"),
]
