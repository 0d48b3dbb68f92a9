from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from peercircle.accounts.models import PROFILE_FIELDS, User


@admin.register(User)
class PeercircleUserAdmin(UserAdmin):
    list_display = ["email", "display_name", "department", "career_stage", "is_staff"]
    search_fields = ["email", "display_name", "department", "lab"]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            "Profile",
            {"fields": tuple(PROFILE_FIELDS)},
        ),
    )
