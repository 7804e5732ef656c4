"""The terms members describe themselves with, and their display labels.

The defaults follow the stakeholder roles and competence fields of medical-imaging
clusters (shared/DOMAIN.md). A site extends them with `vocabularies:` in mkdocs.yml;
the organisation types are fixed because the homepage's figures group by them.
"""

from __future__ import annotations

from collections.abc import Mapping

ORGANISATION_TYPES: dict[str, str] = {
    "startup": "Start-up",
    "sme": "SME",
    "large-company": "Large company",
    "university": "University",
    "research-institute": "Research institute",
    "hospital": "Hospital or clinic",
    "public-authority": "Public authority",
    "investor": "Investor",
    "association": "Association",
    "patient-organisation": "Patient organisation",
    "other": "Other",
}

# How clusters report their membership: companies split by size, then the research side.
TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    "Companies": ("startup", "sme", "large-company"),
    "Research institutes": ("research-institute",),
    "Universities": ("university",),
    "Hospitals": ("hospital",),
    "Others": ("public-authority", "investor", "association", "patient-organisation", "other"),
}

DEFAULT_VOCABULARIES: dict[str, dict[str, str]] = {
    "roles": {
        "end-user": "End user (clinician)",
        "intermediate-user": "Intermediate user (radiology, nuclear medicine, pathology)",
        "opinion-leader": "Opinion leader",
        "hospital": "Hospital",
        "researcher": "Researcher",
        "research-centre": "Research centre",
        "academic-centre": "Academic centre",
        "service-provider": "Service provider",
        "manufacturer": "Manufacturer / OEM",
        "software-vendor": "Software vendor",
        "scientific-society": "Scientific society",
        "technology-platform": "Technology platform",
        "joint-technology-initiative": "Public-private joint technology initiative",
        "technology-assessment": "Technology assessment agency",
        "regional-authority": "Regional authority / government",
        "financial-actor": "Public or private financial actor",
        "public-private-partnership": "Public-private partnership",
        "association": "Association",
        "health-delivery-manager": "Health delivery system manager",
        "patient-advocate": "Consumer or patient advocate",
        "training-provider": "Education and training",
    },
    "technologies": {
        "imaging-hardware": "Imaging hardware",
        "pacs": "Image storage (PACS)",
        "image-analysis-ai": "Image analysis and AI",
        "visualisation": "Visualisation software",
        "molecular-imaging": "Molecular imaging",
        "tracers": "Tracers and radiopharmaceuticals",
        "pet": "PET",
        "spect": "SPECT",
        "pet-ct": "PET-CT",
        "spect-ct": "SPECT-CT",
        "pet-mri": "PET-MRI",
        "mri": "MRI",
        "ct": "CT",
        "x-ray": "X-ray",
        "ultrasound": "Ultrasound",
        "optical-imaging": "Optical imaging",
        "nanotechnology": "Nanotechnology",
        "biotechnology": "Biotechnology",
        "digital-pathology": "Digital pathology",
        "radiotherapy": "Radiotherapy",
        "telemedicine": "Telemedicine",
    },
    "value_chain": {
        "research": "Research",
        "development": "Development",
        "clinical-validation": "Clinical validation",
        "regulatory": "Regulatory and certification",
        "manufacturing": "Manufacturing",
        "distribution": "Distribution",
        "clinical-use": "Clinical use",
        "funding": "Funding",
        "training": "Training",
    },
}


def merge_vocabularies(extensions: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """The default vocabularies with a site's own terms added (a site may relabel a default)."""
    merged = {kind: dict(terms) for kind, terms in DEFAULT_VOCABULARIES.items()}
    for kind, terms in extensions.items():
        merged.setdefault(kind, {}).update(terms)
    merged["type"] = dict(ORGANISATION_TYPES)
    return merged
