"""Background work of household evidence (django-tasks): in-process in development and tests,
a database queue worked by ``manage.py db_worker`` in production."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task


@task()
def import_households(job_id: int, language: str = "th") -> str:
    """Run the uploaded import ``job_id`` (its problems in the uploader's ``language``)."""
    from evidence.importing.run import run_import
    from evidence.importing.uploads import job_paths
    from evidence.models import ImportJob

    job = ImportJob.objects.select_related("survey", "organisation", "started_by").get(pk=job_id)
    try:
        with translation.override(language), job_paths(job) as paths:
            run_import(job, paths, user=job.started_by)
    finally:
        # The upload holds names and ID numbers in clear text: once read, only the encrypted
        # records (and encrypted quarantined rows) keep them. The job keeps the file's name.
        if job.file:
            job.file.delete(save=False)
            ImportJob.objects.filter(pk=job.pk).update(file="")
    return job.status
