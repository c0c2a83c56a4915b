"""Who may use each indicators page and API endpoint (see klang/testing.py).

Everything is public to read. The import, new-index and new-scenario pages open for officers
anywhere (provincial officers of any province, national analysts, administrators); saving an
index or scenario over Lamphun is refused (403) to Chiang Mai's officer.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

API = "api-1.0.0"
WRITERS = frozenset({"provincial_officer", "other_province_officer", "national_analyst",
                     "administrator"})
LAMPHUN_WRITERS = frozenset({"provincial_officer", "national_analyst", "administrator"})


def index(w: Any) -> Any:
    from indicators.tests.helpers import make_index

    return make_index(w)


def scenario(w: Any) -> Any:
    from indicators.tests.helpers import make_scenario

    return make_scenario(w)


def index_data(w: Any) -> dict[str, Any]:
    from indicators.tests.helpers import indicator

    return {"name": "ดัชนีใหม่", "scope": "51", "level": "district", "year": "2568",
            "indicators": [indicator("t-health").pk]}


def scenario_data(w: Any) -> dict[str, Any]:
    return {"name": "สถานการณ์ใหม่", "index": index(w).pk, "year": "2569",
            "envelope": "90,000,000", "rule": "population_gap", "floor": "5,000,000",
            "cap": "20,000,000", "action": "save"}


def compare(w: Any) -> str:
    first = scenario(w)
    second = scenario(w)
    return f"/indicators/scenarios/compare/?a={first.pk}&b={second.pk}"


ACCESS: list[Access] = [
    Access("indicators:list", lambda w: "/indicators/", EVERYONE),
    Access("indicators:detail", lambda w: f"/indicators/{index(w).components.first().indicator.code}/",
           EVERYONE),
    Access("indicators:import", lambda w: "/indicators/import/", WRITERS),
    Access("indicators:import", lambda w: "/indicators/import/", WRITERS, method="POST"),
    Access("indicators:import_evidence", lambda w: "/indicators/import/evidence/",
           frozenset({"national_analyst", "administrator"}), method="POST",
           data=lambda w: {"year": "2569"}),
    Access("indicators:index_list", lambda w: "/indicators/indices/", EVERYONE),
    Access("indicators:index_new", lambda w: "/indicators/indices/new/", WRITERS),
    Access("indicators:index_new", lambda w: "/indicators/indices/new/", LAMPHUN_WRITERS,
           method="POST", data=index_data),
    Access("indicators:index_detail", lambda w: f"/indicators/indices/{index(w).pk}/",
           EVERYONE),
    Access("indicators:index_export", lambda w: f"/indicators/indices/{index(w).pk}/export/",
           EVERYONE),
    Access("indicators:scenario_list", lambda w: "/indicators/scenarios/", EVERYONE),
    Access("indicators:scenario_new", lambda w: "/indicators/scenarios/new/", WRITERS),
    Access("indicators:scenario_new", lambda w: "/indicators/scenarios/new/", LAMPHUN_WRITERS,
           method="POST", data=scenario_data),
    Access("indicators:scenario_compare", compare, EVERYONE),
    Access("indicators:scenario_detail",
           lambda w: f"/indicators/scenarios/{scenario(w).pk}/", EVERYONE),
    Access("indicators:scenario_export",
           lambda w: f"/indicators/scenarios/{scenario(w).pk}/export/", EVERYONE),
    # The API.
    Access(f"{API}:indicators", lambda w: "/api/v1/indicators/", EVERYONE),
    Access(f"{API}:indicator_values",
           lambda w: f"/api/v1/indicators/{index(w).components.first().indicator.code}/values/",
           EVERYONE),
    Access(f"{API}:indices", lambda w: "/api/v1/indices/", EVERYONE),
    Access(f"{API}:index", lambda w: f"/api/v1/indices/{index(w).pk}/", EVERYONE),
    Access(f"{API}:allocations", lambda w: "/api/v1/allocations/", EVERYONE),
    Access(f"{API}:allocation", lambda w: f"/api/v1/allocations/{scenario(w).pk}/", EVERYONE),
]
