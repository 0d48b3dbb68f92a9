from django.contrib import admin

from peercircle.programs.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "created_at"]
    filter_horizontal = ["coordinators"]
