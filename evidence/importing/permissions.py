"""Who may see and use imports (object: ``ImportJob`` or ``QuarantinedRow``).

An import holds household data of one organisation: its pages are for the organisation's
members and coordinator, and the data-protection officer; a quarantined row is corrected only
by the organisation's members (it is data entry). The lead may move these beside the models.
"""

from __future__ import annotations

from typing import Any

import rules

from accounts.predicates import is_dpo
from evidence.models import collects_anything, member_of


@rules.predicate
def collects_for_job(user: Any, job: Any) -> bool:
    """Member or coordinator of the organisation the import (or quarantined row) is for."""
    return job is not None and member_of(user, job.organisation_id)


rules.add_perm("evidence.list_imports", collects_anything | is_dpo)
rules.add_perm("evidence.view_import", collects_for_job | is_dpo)
rules.add_perm("evidence.correct_quarantined_row", collects_for_job)
