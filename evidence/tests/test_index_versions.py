"""Index definitions are versioned data: an administrator writes a new MPI version whose
weights add up to 1; it becomes current, changes results, and results name it."""

from __future__ import annotations

from typing import Any

import pytest

from evidence import indices
from evidence.models import Household, IndexDefinition
from evidence.tests.access_verification import make_household

pytestmark = pytest.mark.django_db

NEW_URL = "/evidence/indices/mpi/new/"


def form_data(**weights: str) -> dict[str, str]:
    data = {"name_th": "เฉพาะรายได้และการเข้าถึงบริการ", "name_en": "Income and access only",
            "description_th": "", "description_en": "", "k": "1/2"}
    data.update({f"w_bmn_{i:02d}": "0" for i in range(1, 18)})
    data.update({f"w_{code}": value for code, value in weights.items()})
    return data


def test_the_migration_seeded_version_one_of_each_kind() -> None:
    current = indices.current_definitions()
    assert current.label == "tpmap-1+mpi-1+flags-1"
    shipped = indices.default_definitions()
    assert current.tpmap.config["dimensions"] == shipped.tpmap.config["dimensions"]
    assert current.mpi.config["indicators"] == shipped.mpi.config["indicators"]
    mpi = IndexDefinition.objects.get(kind="mpi", version=1)
    assert any("Alkire" in source for source in mpi.config["sources"])


def test_weights_that_do_not_add_up_to_one_are_refused(client: Any, world: Any) -> None:
    world.login(client, "administrator")
    response = client.post(NEW_URL, form_data(bmn_13="1/3", bmn_16="0.6"))
    assert response.status_code == 400
    assert not IndexDefinition.objects.filter(kind="mpi", version=2).exists()
    bad = client.post(NEW_URL, form_data(bmn_13="lots", bmn_16="1"))
    assert bad.status_code == 400 and "w_bmn_13" in bad.context["form"].errors


def test_a_new_version_changes_results_and_names_itself(client: Any, world: Any) -> None:
    # Deprived in bmn_13 and bmn_14 (income) only: 2/15 < 1/3, not poor by mpi-1.
    household = make_household(world, deprivations=(1 << 12) | (1 << 13))
    before = indices.compute(indices.frame_from_queryset(
        Household.objects.filter(pk=household.pk)), indices.current_definitions())
    assert before["mpi_poor"].to_list() == [False]

    world.login(client, "administrator")
    response = client.post(NEW_URL, form_data(bmn_13="1/3", bmn_14="1/3", bmn_15="1/3"))
    assert response.status_code == 302
    assert response["Location"] == "/evidence/indices/mpi-2/"
    assert IndexDefinition.objects.get(kind="mpi", version=1).is_current is False
    definitions = indices.current_definitions()
    assert definitions.mpi.label == "mpi-2"
    assert definitions.mpi.config["k"] == 0.5

    frame = indices.compute(indices.frame_from_queryset(
        Household.objects.filter(pk=household.pk)), definitions)
    assert frame["mpi_score"].to_list() == pytest.approx([2 / 3])
    assert frame["mpi_poor"].to_list() == [True]
    assert frame["index_version"].cast(str).to_list() == ["tpmap-1+mpi-2+flags-1"]
    assert indices.mpi_aggregate(frame, definitions.mpi)["definition"].to_list() == ["mpi-2"]
    # The old version stays readable, to explain old figures.
    assert client.get("/evidence/indices/mpi-1/").status_code == 200


def test_only_an_administrator_writes_a_version(client: Any, world: Any) -> None:
    for role in ["working_group", "national_analyst", "dpo"]:
        world.login(client, role)
        assert client.post(NEW_URL, form_data(bmn_16="1")).status_code == 403
    assert not IndexDefinition.objects.filter(kind="mpi", version=2).exists()


def test_the_frame_reads_typed_columns_without_model_instances(world: Any) -> None:
    make_household(world, deprivations=5, flags=2, groups=3, card=True, members=4)
    frame = indices.frame_from_queryset(Household.objects.all())
    assert frame.columns == list(indices.FRAME_SCHEMA)
    row = frame.row(0, named=True)
    assert (row["state_welfare_card"], row["deprivations"], row["members_count"]) == \
        (True, 5, 4)
    empty = indices.frame_from_queryset(Household.objects.none())
    assert empty.is_empty() and empty.columns == list(indices.FRAME_SCHEMA)


def test_dimensions_keep_their_order_whatever_the_database_returns() -> None:
    # PostgreSQL's jsonb gives keys back sorted by length: the pages must not follow it.
    from evidence.indices import in_canonical_order

    stored = {"dimensions": {"access": ["bmn_16"], "health": ["bmn_01"], "income": ["bmn_15"],
                             "living": ["bmn_05"], "education": ["bmn_09"]}}
    assert list(in_canonical_order(stored)["dimensions"]) == [
        "health", "living", "education", "income", "access"]
