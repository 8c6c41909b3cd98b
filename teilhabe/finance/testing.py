"""Helpers for tests of other apps and of the role × URL matrix."""

from __future__ import annotations

from teilhabe.access import SYSTEM
from teilhabe.finance.models import Project, ProjectDocument
from teilhabe.finance.services import project_document_add


def demo_document(project: Project) -> ProjectDocument:
    """A small document on ``project`` (created inside the test's transaction)."""
    return project.documents.first() or project_document_add(
        user=SYSTEM,
        project=project,
        title="Verwendungsnachweis",
        filename="verwendungsnachweis.pdf",
        content=b"%PDF-1.4\n% Verwendungsnachweis Begegnungsfest\n%%EOF\n",
    )
