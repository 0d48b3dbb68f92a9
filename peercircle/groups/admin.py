from django.contrib import admin

from peercircle.groups.models import Group, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "cadence"]
    list_filter = ["program"]
    inlines = [MembershipInline]
