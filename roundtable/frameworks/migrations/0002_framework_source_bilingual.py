"""The framework's source becomes bilingual: the existing text is English (renamed, not lost)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="framework", old_name="source", new_name="source_en"),
        migrations.RenameField(model_name="historicalframework", old_name="source", new_name="source_en"),
        migrations.AlterField(
            model_name="framework",
            name="source_en",
            field=models.TextField(blank=True, verbose_name="source and licence (English)"),
        ),
        migrations.AlterField(
            model_name="historicalframework",
            name="source_en",
            field=models.TextField(blank=True, verbose_name="source and licence (English)"),
        ),
        migrations.AddField(
            model_name="framework",
            name="source_lo",
            field=models.TextField(blank=True, verbose_name="source and licence (Lao)"),
        ),
        migrations.AddField(
            model_name="historicalframework",
            name="source_lo",
            field=models.TextField(blank=True, verbose_name="source and licence (Lao)"),
        ),
    ]
