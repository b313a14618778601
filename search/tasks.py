from django_tasks import task

from search.documents import rebuild


@task(backend="background")
def rebuild_search_task():
    """The search rebuild, run by the background worker (README "Background tasks")."""
    return {"documents": rebuild()}
