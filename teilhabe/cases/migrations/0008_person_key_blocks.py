"""Indexes for the blocks of the duplicate check, and the keys of existing persons recomputed
(the curated table of equivalent names, data/name_equivalents.toml, changes some keys)."""

from django.db import migrations, models


def keys_refresh(apps, schema_editor):
    # The key functions are plain text functions; the current ones are the right ones for
    # the stored keys (an edited table is applied again with `manage.py person_keys`).
    from teilhabe.cases.names import person_keys_refresh

    person_keys_refresh(apps.get_model("cases", "Person").objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_barrier_notes'),
        ('geography', '0002_german_field_names'),
        ('organisations', '0002_german_field_names'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='person',
            name='person_family_given_key',
        ),
        migrations.RemoveIndex(
            model_name='person',
            name='person_family_key_year',
        ),
        migrations.RemoveIndex(
            model_name='person',
            name='person_given_key_year',
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['family_key', 'given_key', 'birth_year'], name='person_keys_year'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['family_key', 'birth_year', 'birth_month', 'birth_day'], name='person_family_key_birth'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['given_key', 'birth_year', 'birth_month', 'birth_day'], name='person_given_key_birth'),
        ),
        migrations.RunPython(keys_refresh, migrations.RunPython.noop),
    ]
