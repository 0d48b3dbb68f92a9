"""The group agreement's first line, which opens every roundtable and summary mail."""

from django import template
from django.utils.translation import gettext_lazy as _

from peercircle.groups.models import Group
from peercircle.groups.queries import current_agreement

register = template.Library()

FALLBACK = _("What is said in the group stays in the group.")


@register.simple_tag
def agreement_first_line(group: Group) -> str:
    agreement = current_agreement(group.pk)
    return (agreement.first_line if agreement else "") or str(FALLBACK)
