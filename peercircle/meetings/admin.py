from django.contrib import admin

from peercircle.meetings.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["group", "starts_at", "status", "host"]
    list_filter = ["status", "group__program"]
    raw_id_fields = ["host"]
