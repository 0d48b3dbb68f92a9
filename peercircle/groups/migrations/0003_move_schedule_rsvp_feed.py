from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_schedule_polls_invitations_agreement"),
        ("meetings", "0003_move_schedule_rsvp_feed"),
    ]

    # The models now live in the meetings app, on the same tables: state only.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='rsvp',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='rsvp',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='schedule',
                    name='group',
                ),
                migrations.DeleteModel(
                    name='CalendarFeed',
                ),
                migrations.DeleteModel(
                    name='Rsvp',
                ),
                migrations.DeleteModel(
                    name='Schedule',
                ),
            ],
        ),
    ]
