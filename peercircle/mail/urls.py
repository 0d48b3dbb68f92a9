from django.urls import path

from peercircle.mail import views

urlpatterns = [
    path("preferences/", views.preferences, name="mail_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="mail_unsubscribe"),
    path("outbox/", views.outbox, name="mail_outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="mail_outbox_retry"),
]
