"""Each landlord's public pages get an address of their own (issue 15): a slug, for
/l/<slug>/, given to every landlord already here from its name, and an optional host name."""

import re

import django.core.validators
from django.db import migrations, models
from django.utils.text import slugify

SLUG_MAX_LENGTH = 60


def _slug_from_name(name):
    """As putright.landlords.models.slug_from_name on the day this migration was written."""
    slug = slugify(name).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")[:SLUG_MAX_LENGTH].strip("-")
    return slug or "landlord"


def give_slugs(apps, schema_editor):
    Landlord = apps.get_model("landlords", "Landlord")
    taken = set()
    for landlord in Landlord.objects.order_by("id"):
        base = slug = _slug_from_name(landlord.name)
        n = 1
        while slug in taken:
            n += 1
            suffix = f"-{n}"
            slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        taken.add(slug)
        Landlord.objects.filter(pk=landlord.pk).update(slug=slug)
    if schema_editor.connection.vendor == "postgresql":
        # The updates leave foreign-key checks pending, which PostgreSQL would not let the
        # unique index below be added over in the same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('landlords', '0009_settings_audit_and_logo'),
    ]

    operations = [
        migrations.AddField(
            model_name='landlord',
            name='slug',
            field=models.CharField(max_length=SLUG_MAX_LENGTH, null=True),
        ),
        migrations.RunPython(give_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='landlord',
            name='slug',
            field=models.SlugField(blank=True, help_text='Its public pages are at /l/<slug>/: first-wave-housing. Blank: from the name.', max_length=60, unique=True, validators=[django.core.validators.RegexValidator(re.compile('\\A[a-z0-9]+(?:-[a-z0-9]+)*\\Z'), 'Use lowercase letters, digits and single hyphens, such as first-wave-housing.')]),
        ),
        migrations.AddField(
            model_name='landlord',
            name='host_name',
            field=models.CharField(blank=True, db_default='', default='', help_text='A host name of its own (complaints.firstwave.org.uk) whose root serves its public pages; it must be in ALLOWED_HOSTS. Blank for none.', max_length=253, validators=[django.core.validators.RegexValidator(re.compile('\\A(?=.{1,253}\\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\Z'), 'Give a host name alone, such as complaints.firstwave.org.uk.')]),
        ),
        migrations.AddConstraint(
            model_name='landlord',
            constraint=models.UniqueConstraint(condition=models.Q(('host_name', ''), _negated=True), fields=('host_name',), name='one_landlord_per_host_name'),
        ),
    ]
