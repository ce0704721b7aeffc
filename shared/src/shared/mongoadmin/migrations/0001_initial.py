from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="MongoDocument",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
            options={
                "verbose_name": "Mongo document",
                "verbose_name_plural": "Mongo documents",
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
