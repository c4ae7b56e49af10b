"""The stakeholder's role becomes a code (shown in the reader's language) and the funding source has a text per
language.

Roles were stored as the words shown when they were written ("ປະທານ", "Co-chair"): the known words of either
language become their code; other words are kept as the role in words. A funding source written in Lao goes
to the Lao text, one in Latin letters to the English; one that joined both ("ລັດຖະບານ / Government") is split.
The history is rewritten the same way, so that it reads in both languages too.
"""

from django.db import migrations, models

# The words of each role as the platform wrote them (the labels of ChairRole and MembershipRole in both
# languages) and as people typed them.
ROLE_WORDS = {
    "chair": ["ປະທານ", "chair", "government chair", "chairperson"],
    "cochair": ["ປະທານຮ່ວມ", "co-chair", "cochair", "co chair", "development partner co-chair"],
    "secretariat": ["ກອງເລຂາ", "secretariat"],
    "member": ["ສະມາຊິກ", "member"],
    "development_partner": ["ຄູ່ຮ່ວມພັດທະນາ", "development partner", "partner"],
}
CODE_OF = {word: code for code, words in ROLE_WORDS.items() for word in words}
LABEL_OF = {
    "chair": "Chair", "cochair": "Co-chair", "secretariat": "Secretariat", "member": "Member",
    "development_partner": "Development partner",
}  # fmt: skip


def has_lao(text):
    return any("\u0e80" <= ch <= "\u0eff" for ch in text)


def role_code(text):
    """(code, words kept) of a role as it was stored."""
    words = " ".join((text or "").split())
    code = CODE_OF.get(words.lower().rstrip("."))
    return (code, "") if code else ("", words)


def funding_texts(text):
    """(Lao, English) of a funding source as it was stored."""
    text = " ".join((text or "").split())
    if " / " in text:
        first, _, second = text.partition(" / ")
        if has_lao(first) and not has_lao(second):
            return first, second
        if has_lao(second) and not has_lao(first):
            return second, first
    return (text, "") if has_lao(text) else ("", text)


def forwards(apps, schema_editor):
    for name in ("PlanStakeholder", "HistoricalPlanStakeholder"):
        model = apps.get_model("workplans", name)
        for row in model.objects.exclude(role="").only("pk", "role").iterator():
            code, words = role_code(row.role)
            model.objects.filter(pk=row.pk).update(role_code=code, role_note=words)
    for name in ("Priority", "HistoricalPriority"):
        model = apps.get_model("workplans", name)
        for row in model.objects.exclude(funding_source="").only("pk", "funding_source").iterator():
            lo, en = funding_texts(row.funding_source)
            model.objects.filter(pk=row.pk).update(funding_source_lo=lo, funding_source_en=en)


def backwards(apps, schema_editor):
    for name in ("PlanStakeholder", "HistoricalPlanStakeholder"):
        model = apps.get_model("workplans", name)
        for row in model.objects.only("pk", "role_code", "role_note").iterator():
            role = " · ".join(x for x in (LABEL_OF.get(row.role_code, ""), row.role_note) if x)
            model.objects.filter(pk=row.pk).update(role=role[:255])
    for name in ("Priority", "HistoricalPriority"):
        model = apps.get_model("workplans", name)
        for row in model.objects.only("pk", "funding_source_lo", "funding_source_en").iterator():
            text = " / ".join(x for x in (row.funding_source_lo, row.funding_source_en) if x)
            model.objects.filter(pk=row.pk).update(funding_source=text[:255])



class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_person_membership_revision'),
        ('workplans', '0005_alter_historicalpriority_end_date_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalplanstakeholder',
            name='role_code',
            field=models.CharField(blank=True, choices=[('chair', 'Chair'), ('cochair', 'Co-chair'), ('secretariat', 'Secretariat'), ('member', 'Member'), ('development_partner', 'Development partner')], max_length=20, verbose_name='role in the sector'),
        ),
        migrations.AddField(
            model_name='historicalplanstakeholder',
            name='role_note',
            field=models.CharField(blank=True, max_length=255, verbose_name='role in the sector, in words'),
        ),
        migrations.AddField(
            model_name='historicalpriority',
            name='funding_source_en',
            field=models.CharField(blank=True, max_length=255, verbose_name='funding source (English)'),
        ),
        migrations.AddField(
            model_name='historicalpriority',
            name='funding_source_lo',
            field=models.CharField(blank=True, max_length=255, verbose_name='funding source (Lao)'),
        ),
        migrations.AddField(
            model_name='planstakeholder',
            name='role_code',
            field=models.CharField(blank=True, choices=[('chair', 'Chair'), ('cochair', 'Co-chair'), ('secretariat', 'Secretariat'), ('member', 'Member'), ('development_partner', 'Development partner')], max_length=20, verbose_name='role in the sector'),
        ),
        migrations.AddField(
            model_name='planstakeholder',
            name='role_note',
            field=models.CharField(blank=True, max_length=255, verbose_name='role in the sector, in words'),
        ),
        migrations.AddField(
            model_name='priority',
            name='funding_source_en',
            field=models.CharField(blank=True, max_length=255, verbose_name='funding source (English)'),
        ),
        migrations.AddField(
            model_name='priority',
            name='funding_source_lo',
            field=models.CharField(blank=True, max_length=255, verbose_name='funding source (Lao)'),
        ),
        migrations.AddConstraint(
            model_name='planstakeholder',
            constraint=models.CheckConstraint(condition=models.Q(('role_code__in', ['', 'chair', 'cochair', 'secretariat', 'member', 'development_partner'])), name='planstakeholder_role_valid'),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(
            model_name='historicalplanstakeholder',
            name='role',
        ),
        migrations.RemoveField(
            model_name='historicalpriority',
            name='funding_source',
        ),
        migrations.RemoveField(
            model_name='planstakeholder',
            name='role',
        ),
        migrations.RemoveField(
            model_name='priority',
            name='funding_source',
        ),
    ]
