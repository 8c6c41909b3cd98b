"""The test suite keeps its files to itself: uploads stay in memory, nothing lands under var/."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage

from teilhabe.core.testing.var_guard import var_changes, var_snapshot


def test_uploads_in_tests_are_kept_in_memory_and_not_written_to_disk(cast):
    document = cast.home_case.documents.get()

    default_storage._setup()
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert isinstance(document.file.storage, InMemoryStorage)
    with document.file.open("rb") as f:
        assert f.read().startswith(b"%PDF")
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert not (Path(settings.VAR_DIR) / "private" / document.file.name).exists()


def test_the_directories_of_the_test_settings_lie_outside_var():
    var = Path(settings.VAR_DIR).resolve()
    for path in (settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.EMAIL_FILE_PATH):
        assert var not in Path(path).resolve().parents


def test_the_var_guard_notices_a_file_that_was_added_changed_or_removed(tmp_path):
    (tmp_path / "kept.txt").write_text("a")
    (tmp_path / "changed.txt").write_text("a")
    (tmp_path / "removed.txt").write_text("a")
    before = var_snapshot(tmp_path)

    (tmp_path / "changed.txt").write_text("ab")
    (tmp_path / "removed.txt").unlink()
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "new.pdf").write_bytes(b"%PDF")

    assert var_changes(before, var_snapshot(tmp_path)) == [
        "changed.txt",
        "private",
        "private/new.pdf",
        "removed.txt",
    ]
    assert var_changes(before, before) == []
