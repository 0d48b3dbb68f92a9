from django.urls import path

from peercircle.goals.views import goals, long_term, progress, review, successes

urlpatterns = [
    path("goals/", goals.my_goals, name="my_goals"),
    path("goals/guidance/", goals.goal_guidance, name="goal_guidance"),
    path("goals/progress/", progress.my_progress, name="my_progress"),
    path("goals/year/<int:year>/", progress.my_year, name="my_year"),
    path("goals/export.csv", progress.goals_export, name="goals_export"),
    path("goals/long-term/", long_term.long_term_list, name="long_term_list"),
    path("goals/long-term/<int:pk>/edit/", long_term.long_term_edit, name="long_term_edit"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/review/<int:meeting_pk>/", review.goal_review, name="goal_review"),
    path("groups/<int:group_pk>/goals/", goals.group_goals, name="group_goals"),
    path("groups/<int:group_pk>/goals/new/", goals.goal_new, name="goal_new"),
    path("groups/<int:group_pk>/successes/new/", successes.success_new, name="success_new"),
    path("successes/<int:pk>/delete/", successes.success_delete, name="success_delete"),
]
