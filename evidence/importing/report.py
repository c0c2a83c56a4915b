"""The validation report of an import as an XLSX workbook.

One row per problem: sheet, row, column, code and message (in the language the import ran in).
Problems never hold an answer's value (``evidence.answers`` promises it), and every cell still
goes through ``evidence.exports.safe_cell``: a sheet or column name comes from the uploaded file
and could start with ``=``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from evidence.exports import xlsx_bytes
from evidence.importing.run import is_note
from evidence.models import ImportJob


def report_xlsx(job: ImportJob) -> bytes:
    header = [_("Sheet"), _("Row"), _("Column"), _("Code"), _("Problem")]
    rows = [[p.get("sheet", ""), p.get("row"), p.get("column", ""), p.get("code", ""),
             p.get("message", "")] for p in job.problems if not is_note(p)]
    summary = [
        [_("File"), job.file_name],
        [_("Format"), job.source_format],
        [_("Status"), job.get_status_display()],
        [_("Rows read"), job.rows_done],
        [_("Households created"), job.created_count],
        [_("Households updated"), job.updated_count],
        [_("Rows kept for correction"), job.quarantined_count],
        *[[_("Note"), p.get("message", "")] for p in job.problems if is_note(p)],
    ]
    return xlsx_bytes({_("Problems"): (header, rows), _("Summary"): ([_("What"), _("Value")],
                                                                      summary)})
