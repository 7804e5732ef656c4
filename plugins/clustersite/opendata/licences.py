"""The licences an export may carry, by SPDX identifier: the `licence` option's choices.

Each has its canonical address (written into every export) and the EU's licence authority
URI, which DCAT-AP asks for in `dct:license` so that data.europa.eu recognises it.
"""

from __future__ import annotations

from typing import NamedTuple


class Licence(NamedTuple):
    url: str
    eu_authority: str


EU_LICENCES = "http://publications.europa.eu/resource/authority/licence/"

LICENCES: dict[str, Licence] = {
    "CC-BY-4.0": Licence("https://creativecommons.org/licenses/by/4.0/", EU_LICENCES + "CC_BY_4_0"),
    "CC-BY-SA-4.0": Licence("https://creativecommons.org/licenses/by-sa/4.0/", EU_LICENCES + "CC_BYSA_4_0"),
    "CC0-1.0": Licence("https://creativecommons.org/publicdomain/zero/1.0/", EU_LICENCES + "CC0"),
    "ODbL-1.0": Licence("https://opendatacommons.org/licenses/odbl/1-0/", EU_LICENCES + "ODC_BL"),
    "ODC-By-1.0": Licence("https://opendatacommons.org/licenses/by/1-0/", EU_LICENCES + "ODC_BY"),
    "PDDL-1.0": Licence("https://opendatacommons.org/licenses/pddl/1-0/", EU_LICENCES + "ODC_PDDL"),
    "DL-DE-BY-2.0": Licence("https://www.govdata.de/dl-de/by-2-0", EU_LICENCES + "DL_DE_BY_2_0"),
}

DEFAULT_LICENCE = "CC-BY-4.0"
