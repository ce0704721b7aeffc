from django.db import migrations, models


class Migration(migrations.Migration):
    """An unmanaged model: creates no table, only the admin's permissions for dead letters."""

    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="DeadLetter",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
            options={
                "verbose_name": "dead letter",
                "verbose_name_plural": "dead letters",
                "managed": False,
                "default_permissions": ("view", "change", "delete"),
            },
        ),
    ]
