from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_calendarfeedtoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeeting",
            name="all_day",
            field=models.BooleanField(default=False, verbose_name="all day"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="all_day",
            field=models.BooleanField(default=False, verbose_name="all day"),
        ),
    ]
