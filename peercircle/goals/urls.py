from django.urls import path

from peercircle.goals import views

urlpatterns = [
    path("goals/", views.my_goals, name="my_goals"),
    path("goals/guidance/", views.goal_guidance, name="goal_guidance"),
    path("goals/progress/", views.my_progress, name="my_progress"),
    path("goals/year/<int:year>/", views.my_year, name="my_year"),
    path("goals/export.csv", views.goals_export, name="goals_export"),
    path("goals/long-term/", views.long_term_list, name="long_term_list"),
    path("goals/long-term/<int:pk>/edit/", views.long_term_edit, name="long_term_edit"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/review/<int:meeting_pk>/", views.goal_review, name="goal_review"),
    path("groups/<int:group_pk>/goals/", views.group_goals, name="group_goals"),
    path("groups/<int:group_pk>/goals/new/", views.goal_new, name="goal_new"),
    path("groups/<int:group_pk>/successes/new/", views.success_new, name="success_new"),
    path("successes/<int:pk>/delete/", views.success_delete, name="success_delete"),
]
