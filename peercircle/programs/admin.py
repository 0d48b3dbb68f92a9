from django.contrib import admin

from peercircle.programs.models import FormationRun, Program, PublishedPlacement, SignUp


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "signup_opens", "signup_closes", "created_at"]
    filter_horizontal = ["coordinators"]


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "program", "department", "stage", "status"]
    list_filter = ["status", "program"]
    search_fields = ["name", "email", "department", "lab"]
    raw_id_fields = ["avoid"]


@admin.register(FormationRun)
class FormationRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "program", "status", "progress", "version", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["result"]


@admin.register(PublishedPlacement)
class PublishedPlacementAdmin(admin.ModelAdmin):
    list_display = ["signup", "group", "slot", "invited_at", "joined_at"]
    # The token's hash is useless to read and must not be edited by hand.
    exclude = ["token_hash"]
    raw_id_fields = ["signup", "group", "user"]
