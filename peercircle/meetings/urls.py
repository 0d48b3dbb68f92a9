"""Routes of the meeting itself (check-in, agenda, the live run, notes, summary)."""

from django.urls import path

from peercircle.meetings import run_views as views

urlpatterns = [
    path("<int:pk>/checkin/", views.checkin, name="meeting_checkin"),
    path("<int:pk>/agenda/", views.agenda_edit, name="meeting_agenda"),
    path("<int:pk>/run/", views.run_page, name="meeting_run"),
    path("<int:pk>/run/state/", views.run_state, name="meeting_run_state"),
    path("<int:pk>/run/begin/", views.run_begin, name="meeting_run_begin"),
    path("<int:pk>/run/control/", views.run_control, name="meeting_run_control"),
    path("<int:pk>/run/takeover/", views.run_takeover, name="meeting_run_takeover"),
    path("<int:pk>/attendance/", views.attendance, name="meeting_attendance"),
    path("<int:pk>/items/<int:item_pk>/comments/", views.comments, name="meeting_comments"),
    path("<int:pk>/notes/", views.note_add, name="meeting_note_add"),
    path("<int:pk>/summary/", views.summary, name="meeting_summary"),
]
