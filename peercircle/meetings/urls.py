"""Routes of meetings: one meeting and its schedule, RSVPs, calendars, check-in, agenda, the
live run, notes and the summary."""

from django.urls import path

from peercircle.meetings.views import calendar, checkin, meeting, rsvp, run, schedule, summary

# Asked once a second by every open live page: the site's routes match it before any other
# (peercircle/urls.py), since trying the routes in front of it is a good part of its cost.
polled_urlpatterns = [
    path("meetings/<int:pk>/run/state/", run.run_state, name="meeting_run_state"),
]

urlpatterns = [
    path("groups/<int:group_pk>/meetings/new/", meeting.meeting_new, name="meeting_new"),
    path("groups/<int:pk>/schedule/", schedule.schedule_edit, name="schedule_edit"),
    path("polls/<int:pk>/adopt/", schedule.poll_adopt, name="poll_adopt"),
    path("meetings/<int:pk>/", meeting.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/move/", meeting.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/cancel/", meeting.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/swap-host/", meeting.meeting_swap, name="meeting_swap"),
    path("meetings/<int:pk>/calendar.ics", meeting.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/rsvp/", rsvp.meeting_rsvp, name="meeting_rsvp"),
    path("meetings/<int:pk>/checkin/", checkin.checkin, name="meeting_checkin"),
    path("meetings/<int:pk>/agenda/", checkin.agenda_edit, name="meeting_agenda"),
    path("meetings/<int:pk>/run/", run.run_page, name="meeting_run"),
    path("meetings/<int:pk>/run/begin/", run.run_begin, name="meeting_run_begin"),
    path("meetings/<int:pk>/run/control/", run.run_control, name="meeting_run_control"),
    path("meetings/<int:pk>/run/takeover/", run.run_takeover, name="meeting_run_takeover"),
    path("meetings/<int:pk>/attendance/", run.attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/items/<int:item_pk>/comments/", run.comments, name="meeting_comments"),
    path("meetings/<int:pk>/notes/", run.note_add, name="meeting_note_add"),
    path("meetings/<int:pk>/notes/draft/", run.note_draft, name="meeting_note_draft"),
    path("meetings/<int:pk>/summary/", summary.summary, name="meeting_summary"),
    path("calendar/", calendar.calendar_page, name="calendar_page"),
    path("calendar/new-link/", calendar.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/turn-off/", calendar.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
