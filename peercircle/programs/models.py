from django.conf import settings
from django.db import models


class Program(models.Model):
    """A coordinator's series of peer-mentoring groups at an institution."""

    name = models.CharField(max_length=120)
    institution = models.CharField(max_length=160, blank=True)
    description = models.TextField(blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_programs", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "institution"], name="program_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
