"""Reading what a landlord has published (Code 8.2): each year's annual report and
self-assessment, every version, the latest current and the rest superseded, for the public
publications page and the staff pages that publish."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from putright.landlords.models import Landlord
from putright.reports.models import Publication, PublicationFile, PublicationKind
from putright.rules.counting import financial_year_label
from putright.web.public import landlord_path

#: The order the files of a publication are listed in.
FORMAT_ORDER = ("html", "pdf", "json", "xlsx")
FORMAT_NAMES = {
    "html": "Web page (HTML)",
    "pdf": "PDF",
    "json": "Data (JSON)",
    "xlsx": "Spreadsheet (XLSX)",
}


@dataclass(frozen=True)
class Version:
    publication: Publication
    files: list[PublicationFile]
    superseded_by: int | None  # the version that replaced it, if any


@dataclass(frozen=True)
class Published:
    """One kind of document for one year: its versions, the current one first."""

    kind: PublicationKind
    versions: list[Version]

    @property
    def current(self) -> Version:
        return self.versions[0]

    @property
    def superseded(self) -> list[Version]:
        return self.versions[1:]


@dataclass(frozen=True)
class PublishedYear:
    year: int
    documents: list[Published]

    @property
    def label(self) -> str:
        return financial_year_label(self.year)


def _ordered(files: list[PublicationFile]) -> list[PublicationFile]:
    def key(f: PublicationFile) -> int:
        return FORMAT_ORDER.index(f.format) if f.format in FORMAT_ORDER else len(FORMAT_ORDER)

    return sorted(files, key=key)


def versions_of(landlord: Landlord, year: int, kind: PublicationKind) -> list[Version]:
    """Every version of one year's ``kind``, the latest first."""
    for published_year in published_years(landlord, year=year):
        for document in published_year.documents:
            if document.kind == kind:
                return document.versions
    return []


def published_years(landlord: Landlord, *, year: int | None = None) -> list[PublishedYear]:
    """Everything the landlord has published, by year (latest first), each year's annual
    report before its self-assessment, each with its versions latest first."""
    publications = (
        Publication.objects.filter(landlord=landlord)
        .select_related("published_by")
        .prefetch_related(Prefetch("files", queryset=PublicationFile.objects.order_by("id")))
        .order_by("-year", "kind", "-version")
    )
    if year is not None:
        publications = publications.filter(year=year)
    by_year: dict[int, dict[str, list[Version]]] = {}
    for publication in publications:
        kinds = by_year.setdefault(publication.year, {})
        versions = kinds.setdefault(publication.kind, [])
        superseded_by = versions[-1].publication.version if versions else None
        versions.append(
            Version(publication, _ordered(list(publication.files.all())), superseded_by)
        )
    order = list(PublicationKind)
    return [
        PublishedYear(
            year,
            [
                Published(PublicationKind(kind), versions)
                for kind, versions in sorted(
                    kinds.items(), key=lambda k: order.index(PublicationKind(k[0]))
                )
            ],
        )
        for year, kinds in by_year.items()
    ]


def published_file(
    landlord: Landlord, year: int, kind: str, version: int, fmt: str
) -> PublicationFile | None:
    """One frozen file of the landlord's, or None: another landlord's is never found."""
    return (
        PublicationFile.objects.filter(
            publication__landlord=landlord,
            publication__year=year,
            publication__kind=kind,
            publication__version=version,
            format=fmt,
        )
        .select_related("publication")
        .first()
    )


def public_list_url(landlord: Landlord) -> str:
    """The landlord's public publications page, under its own /l/<slug>/ address."""
    return landlord_path(landlord, "publications")


def public_file_url(publication: Publication, fmt: str) -> str:
    """Where anyone downloads one frozen file of ``publication``."""
    return (
        f"{public_list_url(publication.landlord)}{publication.year}/{publication.kind}/"
        f"{publication.version}/{fmt}/"
    )


def publish_page(landlord: Landlord, year: int, kind: PublicationKind) -> dict[str, object]:
    """What the staff page that publishes ``kind`` shows: the versions published already,
    each file with its public address, and the public page's address."""
    return {
        "versions": [
            {
                "publication": v.publication,
                "superseded_by": v.superseded_by,
                "files": [
                    {"format": f.format, "url": public_file_url(v.publication, f.format)}
                    for f in v.files
                ],
            }
            for v in versions_of(landlord, year, kind)
        ],
        "public_url": public_list_url(landlord),
        "year_label": financial_year_label(year),
    }
