"""Who may use each household-evidence page and API endpoint (see klang/testing.py).

Household records: only members of the collecting organisation (the world's ``org``: its CSO
member and coordinator) and the DPO. Statistics: everyone, suppressed.
"""

from evidence.tests import (
    access_households,
    access_imports,
    access_privacy,
    access_statistics,
    access_surveys,
    access_verification,
)

ACCESS = [
    *access_surveys.ACCESS,
    *access_imports.ACCESS,
    *access_households.ACCESS,
    *access_verification.ACCESS,
    *access_privacy.ACCESS,
    *access_statistics.ACCESS,
]
