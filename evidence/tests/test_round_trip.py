"""The issue's round trip: an XLSForm defines a survey, a Kobo-style XLSX export with a repeat
group sheet imports, a second member verifies the records, the indices compute, the statistics
publish with suppression, and a need cites one of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence import xlsform
from evidence.importing import import_files, samples
from evidence.models import AreaStatistic, Household, ImportJob, StatisticCitation, Survey
from evidence.statistics import refresh
from evidence.tests.access_statistics import public_need
from evidence.views.verification import verify

pytestmark = pytest.mark.django_db
FORM = Path(__file__).resolve().parent.parent / "data" / "household_survey.xlsx"


def test_from_xlsform_to_a_cited_statistic(world: Any, client: Any, tmp_path: Path) -> None:
    # 1. The XLSForm defines the survey.
    parsed = xlsform.parse(FORM.read_bytes(), name=FORM.name)
    assert "members" in parsed.survey.repeats
    survey = Survey.objects.create(slug="round-trip", title_th="แบบสำรวจไปกลับ",
                                   definition=parsed.definition,
                                   form_id=parsed.survey.form_id,
                                   version=parsed.survey.version)

    # 2. A Kobo XLSX export, members on their own sheet: 10 households in one sub-district of
    # Li (4 of them without secure housing, one with a disabled member), 3 in another.
    submissions = []
    for i in range(10):
        household, people = samples.submission("510401", members=2,
                                               bmn_05="no" if i < 4 else "yes")
        if i == 0:
            people[1]["disability"] = "yes"
        submissions.append((household, people))
    submissions += [samples.submission("510402", members=1) for _i in range(3)]
    path = samples.kobo_xlsx(tmp_path / "kobo.xlsx", submissions)
    job = import_files([path], survey=survey, organisation=world.org,
                       user=world.people["cso_member"])
    assert job.status == ImportJob.Status.DONE, job.problems
    assert Household.objects.filter(survey=survey).count() == 13

    # 3. A second member verifies (สอบทาน); only verified records count.
    refresh()
    assert not AreaStatistic.objects.exists()
    for household in Household.objects.filter(survey=survey):
        verify(household, world.people["cso_coordinator"])
    refresh()   # verify() asks for it on commit; the test transaction never commits

    # 4–5. Indices computed, statistics published with suppression.
    def cell(code: str, indicator: str = "households", group: str = "all") -> AreaStatistic:
        return AreaStatistic.objects.get(area__code=code, group=group, indicator=indicator)

    assert cell("510401", "poor_living").count is None          # 4 < 5
    assert cell("510401", "poor_living").suppressed == "primary"
    assert cell("510402").suppressed == "primary"               # 3 households
    assert cell("510401").suppressed == "complementary"         # else 5104 − 510401 = 510402
    assert cell("5104").count == 13 and cell("51").count == 13
    assert cell("51", "households", "older-people").count == 13
    assert cell("51", "households", "disability").suppressed == "primary"

    # 6. A need cites a published figure, which keeps its number, definition and date.
    need = public_need(world)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/statistics/cite/need/{need.pk}/",
                           {"area": "5104", "group": "all", "indicator": "households"})
    assert response.status_code == 302
    citation = StatisticCitation.objects.get(need=need)
    assert citation.count == 13 and citation.definition_version == "tpmap-1+mpi-1+flags-1"
