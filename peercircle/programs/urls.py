from django.urls import path

from peercircle.programs.views import (
    coordinators,
    formation,
    program,
    publish,
    report,
    research,
    signups,
    survey,
)

urlpatterns = [
    path("new/", program.program_new, name="program_new"),
    path("coordinators/", coordinators.coordinator_grant, name="coordinator_grant"),
    path("<int:pk>/", program.program_detail, name="program_detail"),
    path("<int:pk>/edit/", program.program_edit, name="program_edit"),
    path("<int:pk>/figures.csv", program.program_figures_csv, name="program_figures_csv"),
    # the outcome report, per term
    path("<int:pk>/report/", report.program_report, name="program_report"),
    path("<int:pk>/report/print/", report.program_report_print, name="program_report_print"),
    path("<int:pk>/report.csv", report.program_report_csv, name="program_report_csv"),
    path("<int:pk>/terms/new/", report.program_term_new, name="program_term_new"),
    # the end-of-term survey: switched on per term, answered by members
    path(
        "<int:pk>/terms/<int:term_pk>/survey/",
        survey.program_survey_set,
        name="program_survey_set",
    ),
    path("survey/<int:pk>/", survey.survey_page, name="survey_page"),
    # the consented research export
    path("<int:pk>/research/", research.program_research, name="program_research"),
    path("<int:pk>/research.csv", research.program_research_csv, name="program_research_csv"),
    path(
        "<int:pk>/research-dictionary.csv",
        research.program_research_dictionary,
        name="program_research_dictionary",
    ),
    path("<int:pk>/research/consent/", research.research_consent, name="research_consent"),
    # sign-ups: the public form, then the coordinator's pages
    path("<int:pk>/signup/", signups.signup_public, name="signup_public"),
    path("<int:pk>/signup/sent/", signups.signup_sent, name="signup_sent"),
    path("signup/confirm/<str:token>/", signups.signup_confirm, name="signup_confirm"),
    path("<int:pk>/signups/", signups.signup_list, name="signup_list"),
    path("<int:pk>/signups/import/", signups.signup_import, name="signup_import"),
    path("<int:pk>/signups.csv", signups.signup_export, name="signup_export"),
    path("<int:pk>/signups/<int:signup_pk>/edit/", signups.signup_edit, name="signup_edit"),
    path(
        "<int:pk>/signups/<int:signup_pk>/withdraw/",
        signups.signup_withdraw,
        name="signup_withdraw",
    ),
    # forming groups
    path("<int:pk>/formation/", formation.formation_page, name="formation_page"),
    path("<int:pk>/formation/run/", formation.formation_run, name="formation_run"),
    path("<int:pk>/formation/progress/", formation.formation_progress, name="formation_progress"),
    path("<int:pk>/formation/move/", formation.formation_move, name="formation_move"),
    path("<int:pk>/formation/lock/", formation.formation_lock, name="formation_lock"),
    path("<int:pk>/formation/publish/", publish.formation_publish, name="formation_publish"),
]
