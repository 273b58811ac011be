"""Postcodes in one form: staff used to keep what was typed ("SW1A1AA") where the website
kept Royal Mail's form ("SW1A 1AA"), so the same home was not found. Going back leaves the
tidied postcodes as they are: they are the same postcodes."""

import re

from django.db import migrations

# A copy of putright.rules.postcodes.normalise_postcode as it was when this was written, so
# that the migration does the same thing whatever the rules module becomes.
_COMPACT = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def _normalised(postcode):
    words = postcode.upper().split()
    match = _COMPACT.match("".join(words))
    return " ".join(words) if match is None else " ".join(match.groups())


def normalise_postcodes(apps, schema_editor):
    Property = apps.get_model("residents", "Property")
    changed = []
    for home in Property.objects.only("id", "postcode").order_by("id").iterator(chunk_size=2000):
        postcode = _normalised(home.postcode)
        if postcode != home.postcode:
            home.postcode = postcode
            changed.append(home)
        if len(changed) >= 2000:
            Property.objects.bulk_update(changed, ["postcode"])
            changed = []
    Property.objects.bulk_update(changed, ["postcode"])


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0002_recorded_by_and_via"),
    ]

    operations = [
        migrations.RunPython(normalise_postcodes, migrations.RunPython.noop, elidable=True),
    ]
