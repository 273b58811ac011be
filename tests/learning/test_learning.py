"""Learning records, the improvements register, themes over time, the trend signal on
generated complaints, and the hazard queue."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from putright.complaints.models import Complaint
from putright.landlords.models import Contractor, Role, ServiceArea, Theme
from putright.learning import selectors, services
from putright.learning.models import LearningStatus
from putright.residents.models import Property
from putright.rules.lifecycle import RuleError
from putright.rules.trends import add_months, month_start
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


_counter = [0]


def add(
    landlord,
    received_on,
    *,
    theme=None,
    area=None,
    contractor=None,
    home=None,
    cause="",
    description="x",
):
    _counter[0] += 1
    return Complaint.objects.create(
        landlord=landlord,
        reference=f"T-{_counter[0]:06d}",
        received_on=received_on,
        theme=theme,
        service_area=area,
        contractor=contractor,
        home=home,
        root_cause=cause,
        description=description,
        kind="complaint",
    )


def test_learning_from_a_complaint_goes_in_the_register_and_on_the_timeline(today):
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    record = services.learning_record_add(
        landlord=landlord,
        complaint=complaint,
        what_went_wrong="The boiler repair waited six weeks for a part.",
        learning="Parts for older boilers are not stocked.",
        improvement="Keep common parts for older boilers in the van stock.",
        owner="Repairs manager",
        by=None,
    )
    assert list(selectors.register(landlord)) == [record]
    assert record.source == f"Complaint {complaint.reference}"
    last = complaint.events.order_by("-id").first()
    assert last.summary.startswith("Learning recorded: Parts for older boilers are not stocked.")

    services.learning_record_update(
        record=record, status=LearningStatus.DONE, done_on=today, by=None
    )
    record.refresh_from_db()
    assert record.done_on == today
    assert list(selectors.register(landlord, "planned")) == []
    assert complaint.events.order_by("-id").first().summary.startswith("Improvement made:")


def test_learning_from_an_ombudsman_case_follows_its_complaint():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    the_case = case(landlord, complaint=complaint)
    record = services.learning_record_add(
        landlord=landlord,
        ombudsman_case=the_case,
        what_went_wrong="a",
        learning="b",
        improvement="c",
        owner="d",
        by=None,
    )
    assert record.complaint == complaint and record.ombudsman_case == the_case


def test_learning_needs_each_part_and_a_date_when_done():
    landlord = factories.landlord()
    with pytest.raises(RuleError) as error:
        services.learning_record_add(
            landlord=landlord,
            what_went_wrong=" ",
            learning="",
            improvement="",
            owner="",
            status=LearningStatus.DONE,
            by=None,
        )
    assert set(error.value.problems) == {
        "what_went_wrong",
        "learning",
        "improvement",
        "owner",
        "done_on",
    }


def test_viewers_and_contractors_do_not_record_learning():
    landlord = factories.landlord()
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)
    kestrel = factories.contractor(landlord)
    contractor_staff = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel
    )
    for who in (viewer, contractor_staff):
        with pytest.raises(PermissionDenied):
            services.learning_record_add(
                landlord=landlord,
                what_went_wrong="a",
                learning="b",
                improvement="c",
                owner="d",
                by=who,
            )


def test_breakdown_counts_each_month_by_theme_estate_block_contractor_and_root_cause():
    landlord = factories.landlord()
    damp = Theme.objects.create(landlord=landlord, name="Damp and mould")
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    kestrel = Contractor.objects.create(landlord=landlord, name="Kestrel")
    flat = Property.objects.create(
        landlord=landlord, address="1 Otter House", estate="Millbrook", block="Otter House"
    )
    on = dt.date(2025, 3, 15)
    add(
        landlord,
        dt.date(2025, 3, 1),
        theme=damp,
        area=repairs,
        contractor=kestrel,
        home=flat,
        cause="service_failure",
    )
    add(landlord, dt.date(2025, 1, 31), theme=damp, home=flat)
    add(landlord, dt.date(2025, 1, 2))
    add(landlord, dt.date(2024, 3, 31), theme=damp)  # before the 12 months

    by_theme = selectors.breakdown(landlord, "theme", on)
    assert by_theme.months[0] == dt.date(2024, 4, 1) and by_theme.months[-1] == dt.date(2025, 3, 1)
    assert by_theme.rows == [
        ("Damp and mould", [0] * 9 + [1, 0, 1]),
        ("Not recorded", [0] * 9 + [1, 0, 0]),
    ]
    assert selectors.breakdown(landlord, "estate", on).rows[0] == ("Millbrook", [0] * 9 + [1, 0, 1])
    assert selectors.breakdown(landlord, "block", on).rows[0][0] == "Otter House"
    assert selectors.breakdown(landlord, "contractor", on).rows[0][0] == "Not recorded"
    assert ("Service failure", [0] * 11 + [1]) in selectors.breakdown(
        landlord, "root_cause", on
    ).rows
    summary = by_theme.summary()
    assert summary.startswith("3 complaints were received from April 2024 to March 2025.")
    assert "The largest theme was Damp and mould with 2." in summary
    with pytest.raises(ValueError):
        selectors.breakdown(landlord, "colour", on)


def generated_year(
    landlord, theme, *, monthly_mean: float, last_months: list[int], on: dt.date, seed: int
):
    """Seventeen months of a theme's complaints: Poisson-ish months, then ``last_months``."""
    rng = random.Random(seed)
    first = add_months(month_start(on), -16)
    for i in range(17 - len(last_months)):
        month = add_months(first, i)
        for _ in range(sum(rng.random() < monthly_mean / 20 for _ in range(20))):
            add(landlord, month + dt.timedelta(days=rng.randrange(28)), theme=theme)
    for j, count in enumerate(last_months):
        month = add_months(first, 17 - len(last_months) + j)
        for k in range(count):
            add(landlord, month + dt.timedelta(days=k % 28), theme=theme)


def test_the_trend_signal_flags_damp_and_mould_after_the_first_cold_month_and_not_steady_themes():
    landlord = factories.landlord()
    damp = Theme.objects.create(landlord=landlord, name="Damp and mould")
    conduct = Theme.objects.create(landlord=landlord, name="Staff conduct")
    on = dt.date(2025, 11, 20)
    generated_year(landlord, damp, monthly_mean=2, last_months=[2, 7, 10], on=on, seed=3)
    generated_year(landlord, conduct, monthly_mean=3, last_months=[], on=on, seed=4)

    trends = selectors.theme_trends(landlord, on)

    by_name = {t.theme: t for t in trends}
    assert by_name["Damp and mould"].signal.flagged
    assert by_name["Damp and mould"].signal.recent == 19
    assert not by_name["Staff conduct"].signal.flagged
    assert trends[0].theme == "Damp and mould"
    assert len(by_name["Staff conduct"].monthly) == 17


def test_the_hazard_queue_puts_emergencies_first_and_leaves_out_closed_records():
    landlord = factories.landlord()
    damp = factories.complaint(
        landlord, description="Black mould in the bedroom.", received_on=dt.date(2024, 1, 2)
    )
    gas = factories.complaint(
        landlord, description="I can smell gas.", received_on=dt.date(2024, 2, 2)
    )
    factories.complaint(landlord, description="The officer was rude.")
    vulnerable = factories.complaint(landlord, description="Nobody calls back.", vulnerable=True)
    closed = closed_complaint(landlord, description="Leak through the ceiling.")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    queue = selectors.hazard_queue(officer.memberships.get())

    assert [f.complaint.pk for f in queue] == [gas.pk, damp.pk, vulnerable.pk]
    assert closed.pk not in [f.complaint.pk for f in queue]
    page = signed_in(officer).get("/staff/learning/hazards/").content.decode()
    assert gas.reference in page and "Emergency" in page


def test_learning_pages_answer_and_the_register_shows_a_record_from_a_complaint():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    client = signed_in(officer)
    response = client.post(
        f"/staff/learning/new/?complaint={complaint.reference}",
        {
            "what_went_wrong": "Late repair",
            "learning": "Parts not stocked",
            "improvement": "Stock boiler parts",
            "owner": "Repairs manager",
        },
    )
    assert response.status_code == 302
    page = client.get("/staff/learning/").content.decode()
    assert "Stock boiler parts" in page and f"Complaint {complaint.reference}" in page
    for url in (
        "/staff/learning/themes/",
        "/staff/learning/themes/?by=estate&months=24",
        "/staff/learning/hazards/",
        "/staff/learning/new/",
        "/staff/learning/suggestions/?description=mould",
    ):
        assert client.get(url).status_code == 200, url
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)
    assert signed_in(viewer).get("/staff/learning/").status_code == 200
    assert signed_in(viewer).get("/staff/learning/new/").status_code == 403


def test_the_themes_page_draws_a_chart_with_its_text_and_table(today):
    landlord = factories.landlord()
    damp = Theme.objects.create(landlord=landlord, name="Damp & mould <b>")
    add(landlord, today, theme=damp)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    page = signed_in(officer).get("/staff/learning/themes/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    main = page.split("<main")[1]
    assert "Damp &amp; mould &lt;b&gt;" in main and "<b>" not in main
    assert "1 complaints were received" in page
    assert '<th scope="row" class="govuk-table__header">Damp &amp; mould &lt;b&gt;</th>' in page


def test_the_suggestions_fragment_in_json():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    data = (
        signed_in(officer)
        .get("/staff/learning/suggestions/?format=json&description=smell+of+gas")
        .json()
    )
    assert data["hazard"]["emergency"] and data["hazard"]["hazards"] == ["gas"]
    assert data["suggestions"] == []
    assert data["note"].startswith("No suggestions yet")


def test_themes_within_one_contractor_or_estate(today):
    landlord = factories.landlord()
    damp = Theme.objects.create(landlord=landlord, name="Damp and mould")
    kitchens = Theme.objects.create(landlord=landlord, name="Kitchen upgrades")
    kestrel = Contractor.objects.create(landlord=landlord, name="Kestrel")
    flat = Property.objects.create(
        landlord=landlord, address="1 Otter House", estate="Millbrook", block="Otter House"
    )
    on = dt.date(2025, 3, 15)
    add(landlord, dt.date(2025, 3, 1), theme=kitchens, contractor=kestrel)
    add(landlord, dt.date(2025, 3, 2), theme=kitchens, contractor=kestrel, home=flat)
    add(landlord, dt.date(2025, 3, 3), theme=damp, home=flat)

    by_kestrel = selectors.breakdown(
        landlord, "theme", on, 3, selectors.Within(contractor_id=kestrel.pk)
    )
    assert by_kestrel.rows == [("Kitchen upgrades", [0, 0, 2])]
    in_millbrook = selectors.breakdown(
        landlord, "theme", on, 3, selectors.Within(estate="Millbrook")
    )
    assert [label for label, _ in in_millbrook.rows] == ["Damp and mould", "Kitchen upgrades"]
    assert selectors.estates_and_blocks(landlord) == (["Millbrook"], ["Otter House"])
    add(landlord, today, theme=kitchens, contractor=kestrel)
    add(landlord, today, theme=damp)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    page = signed_in(officer).get(
        f"/staff/learning/themes/?by=theme&months=6&contractor={kestrel.pk}"
    )
    assert [label for label, _ in page.context["breakdown"].rows] == ["Kitchen upgrades"]
