"""Shared test data: built once, read by many tests, each test's own changes rolled back.

Two layers (see docs/development.md, "Tests and shared data"):

1. **The world** (:func:`world_load`): the Essen scenario with one demo user per role, and the
   demo offers directory with Kitas and schools. The root ``conftest.py`` loads it in
   ``django_db_setup``, once per test database (each xdist worker has its own) and committed;
   every ``db`` test runs in a transaction on top that is rolled back. Transactional tests
   (``transactional_db``, ``committed_db``) empty every table at their end; the world is
   brought back right after such a test (:func:`world_ensure`; on PostgreSQL with xdist a
   copy of the template database, ``teilhabe/core/testing/template.py``).

2. **The demo records** (:func:`records_load`, fixture ``shared_records``): the Caritas demo
   case of the case worker (with note, deadline, appointment and an uploaded document), a
   consent, a sharing grant to the Diakoniewerk, a referral to the VHS integration course and
   a finance project document. A module that uses ``shared_records`` builds them ONCE, inside
   an outer transaction that is rolled back after the module's last test; each test runs in a
   savepoint inside it. Not for modules with transactional tests (those commit and flush).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction


def world_load() -> None:
    """The Essen scenario (demo users included) and the whole demo offers directory."""
    from teilhabe.offers.loading import offers_demo_load
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD)
    world_load.directory = offers_demo_load()


world_load.directory = None  # the offers directory's LoadResult, for tests that count it


def world_ensure() -> None:
    """Bring the world back when a transactional test emptied the tables. One cheap query.
    On PostgreSQL with xdist the database is copied from the template again (seconds),
    otherwise the world is loaded again."""
    from teilhabe.core.testing.template import world_restore
    from teilhabe.organisations.models import Organisation

    if not Organisation.objects.exists() and not world_restore():
        migration_data_restore()
        world_load()


def migration_data_restore() -> None:
    """What the migrations wrote (case kinds, legal bases, content types …), as serialized
    after migrating: a transactional test's flush removed it too."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        contents = getattr(conn, "_test_serialized_contents", None)
        if contents:
            conn.creation.deserialize_db_from_string(contents)


def records_load():
    """The demo records of the cast (idempotent: existing ones are looked up, not rebuilt)."""
    from teilhabe.core.testing.cast import Cast

    cast = Cast()
    cast.home_grant  # noqa: B018 - case (note, deadline, appointment, document), consent, grant
    cast.referral  # noqa: B018
    cast.project_document  # noqa: B018
    return cast


@contextmanager
def kept_until_exit(django_db_blocker):
    """Run the body with the database unblocked inside a transaction and yield; everything
    written before the yield stays visible (to tests nested in savepoints) until the context
    exits, then it is rolled back. Outside the body the database stays blocked as usual."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
