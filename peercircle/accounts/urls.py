from django.urls import path

from peercircle.accounts import views

urlpatterns = [
    path("", views.data_page, name="account_data"),
    path("export.json", views.data_export_json, name="account_data_json"),
    path("<slug:name>.csv", views.data_export_csv, name="account_data_csv"),
    path("delete/", views.account_delete, name="account_delete"),
]
