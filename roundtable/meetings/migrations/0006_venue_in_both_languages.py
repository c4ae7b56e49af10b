"""A meeting's venue in Lao and in English (venue_lo, venue_en): the old single value is copied to the field
of its script, a "Lao / English" pair split into both; reversible (the Lao, else the English, goes back)."""

from django.db import migrations, models

LAO = range(0x0E80, 0x0F00)


def is_lao(text: str) -> bool:
    return any(ord(c) in LAO for c in text)


def split(value: str) -> tuple[str, str]:
    """(venue_lo, venue_en) of an old value."""
    value = (value or "").strip()
    if not value:
        return "", ""
    if " / " in value:
        parts = [p.strip() for p in value.split(" / ")]
        lao = [p for p in parts if is_lao(p)]
        other = [p for p in parts if not is_lao(p)]
        if lao and other:
            return " / ".join(lao), " / ".join(other)
    return (value, "") if is_lao(value) else ("", value)


def forwards(apps, schema_editor):
    for name in ("Meeting", "HistoricalMeeting"):
        model = apps.get_model("meetings", name)
        for row in model.objects.exclude(venue="").only("pk", "venue").iterator():
            venue_lo, venue_en = split(row.venue)
            model.objects.filter(pk=row.pk).update(venue_lo=venue_lo, venue_en=venue_en)


def backwards(apps, schema_editor):
    for name in ("Meeting", "HistoricalMeeting"):
        model = apps.get_model("meetings", name)
        for row in model.objects.only("pk", "venue_lo", "venue_en").iterator():
            model.objects.filter(pk=row.pk).update(venue=row.venue_lo or row.venue_en)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_text_max_lengths")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="venue_lo",
            field=models.CharField(blank=True, max_length=300, verbose_name="venue (Lao)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="venue_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="venue (English)"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="venue_lo",
            field=models.CharField(blank=True, max_length=300, verbose_name="venue (Lao)"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="venue_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="venue (English)"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="meeting", name="venue"),
        migrations.RemoveField(model_name="historicalmeeting", name="venue"),
    ]
