"""Issue 12: the memberships of the users API keys act as are marked as service users, so
no list of people to allocate work to, and no workload, ever shows an integration."""

from django.db import migrations


def mark(apps, schema_editor):
    ApiKey = apps.get_model("api", "ApiKey")
    StaffMembership = apps.get_model("landlords", "StaffMembership")
    for user_id, landlord_id in ApiKey.objects.values_list("user_id", "landlord_id"):
        StaffMembership.objects.filter(user_id=user_id, landlord_id=landlord_id).update(
            service_user=True
        )


def unmark(apps, schema_editor):
    StaffMembership = apps.get_model("landlords", "StaffMembership")
    StaffMembership.objects.filter(service_user=True).update(service_user=False)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("landlords", "0002_staff_away_and_service_users"),
    ]

    operations = [migrations.RunPython(mark, unmark)]
