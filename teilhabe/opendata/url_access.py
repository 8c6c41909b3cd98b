from teilhabe.access.matrix import PUBLIC, rule
from teilhabe.access.roles import Role


def _published(cast) -> None:
    """The files exist (published once per test database; a second call changes nothing)."""
    from teilhabe.opendata.testing import ensure_published

    ensure_published()


def _file(path):
    def kwargs(cast):
        _published(cast)
        return {"path": path}

    return kwargs


def _catalogue(cast):
    _published(cast)
    return {}


# Open data is public: the page, the files and the catalogue answer everyone the same.
# Publishing again (a job for the worker) is for administrators, POST only.
RULES = {
    "opendata:index": rule(PUBLIC),
    "opendata:catalogue": rule(PUBLIC, kwargs=_catalogue),
    "opendata:file": rule(PUBLIC, kwargs=_file("steuerungskennzahlen.csv")),
    "opendata:publish": rule(set(), as_role={Role.ADMIN: 405}, note="POST only"),
}
