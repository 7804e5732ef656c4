"""The terms members describe themselves with, and their display labels.

The labels are English messages marked with `N_`: pages show them through the catalogue of
their language (`i18n.Language.labels`), so translators find them in the .po files.

The defaults follow the stakeholder roles and competence fields of medical-imaging
clusters (shared/DOMAIN.md). A site extends them with `vocabularies:` in mkdocs.yml;
the organisation types are fixed because the homepage's figures group by them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .i18n import N_

ORGANISATION_TYPES: dict[str, str] = {
    "startup": N_("Start-up"),
    "sme": N_("SME"),
    "large-company": N_("Large company"),
    "university": N_("University"),
    "research-institute": N_("Research institute"),
    "hospital": N_("Hospital or clinic"),
    "public-authority": N_("Public authority"),
    "investor": N_("Investor"),
    "association": N_("Association"),
    "patient-organisation": N_("Patient organisation"),
    "other": N_("Other"),
}

# How clusters report their membership: companies split by size, then the research side.
# The labels are messages, translated where the figures are shown.
TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    N_("Companies"): ("startup", "sme", "large-company"),
    N_("Research institutes"): ("research-institute",),
    N_("Universities"): ("university",),
    N_("Hospitals"): ("hospital",),
    N_("Others"): ("public-authority", "investor", "association", "patient-organisation", "other"),
}

DEFAULT_VOCABULARIES: dict[str, dict[str, str]] = {
    "roles": {
        "end-user": N_("End user (clinician)"),
        "intermediate-user": N_("Intermediate user (radiology, nuclear medicine, pathology)"),
        "opinion-leader": N_("Opinion leader"),
        "hospital": N_("Hospital"),
        "researcher": N_("Researcher"),
        "research-centre": N_("Research centre"),
        "academic-centre": N_("Academic centre"),
        "service-provider": N_("Service provider"),
        "manufacturer": N_("Manufacturer / OEM"),
        "software-vendor": N_("Software vendor"),
        "scientific-society": N_("Scientific society"),
        "technology-platform": N_("Technology platform"),
        "joint-technology-initiative": N_("Public-private joint technology initiative"),
        "technology-assessment": N_("Technology assessment agency"),
        "regional-authority": N_("Regional authority / government"),
        "financial-actor": N_("Public or private financial actor"),
        "public-private-partnership": N_("Public-private partnership"),
        "association": N_("Association"),
        "health-delivery-manager": N_("Health delivery system manager"),
        "patient-advocate": N_("Consumer or patient advocate"),
        "training-provider": N_("Education and training"),
    },
    "technologies": {
        "imaging-hardware": N_("Imaging hardware"),
        "pacs": N_("Image storage (PACS)"),
        "image-analysis-ai": N_("Image analysis and AI"),
        "visualisation": N_("Visualisation software"),
        "molecular-imaging": N_("Molecular imaging"),
        "tracers": N_("Tracers and radiopharmaceuticals"),
        "pet": N_("PET"),
        "spect": N_("SPECT"),
        "pet-ct": N_("PET-CT"),
        "spect-ct": N_("SPECT-CT"),
        "pet-mri": N_("PET-MRI"),
        "mri": N_("MRI"),
        "ct": N_("CT"),
        "x-ray": N_("X-ray"),
        "ultrasound": N_("Ultrasound"),
        "optical-imaging": N_("Optical imaging"),
        "nanotechnology": N_("Nanotechnology"),
        "biotechnology": N_("Biotechnology"),
        "digital-pathology": N_("Digital pathology"),
        "radiotherapy": N_("Radiotherapy"),
        "telemedicine": N_("Telemedicine"),
    },
    "value_chain": {
        "research": N_("Research"),
        "development": N_("Development"),
        "clinical-validation": N_("Clinical validation"),
        "regulatory": N_("Regulatory and certification"),
        "manufacturing": N_("Manufacturing"),
        "distribution": N_("Distribution"),
        "clinical-use": N_("Clinical use"),
        "funding": N_("Funding"),
        "training": N_("Training"),
    },
}


def merge_vocabularies(extensions: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """The default vocabularies with a site's own terms added (a site may relabel a default)."""
    merged = {kind: dict(terms) for kind, terms in DEFAULT_VOCABULARIES.items()}
    for kind, terms in extensions.items():
        merged.setdefault(kind, {}).update(terms)
    merged["type"] = dict(ORGANISATION_TYPES)
    return merged
