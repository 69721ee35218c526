#!/usr/bin/env python3
"""Derive rl_portal/data/communes.json — the communes of the CAHC and the CALL, with their
legal population — from the official Code officiel géographique as published by Etalab in the
npm package @etalab/decoupage-administratif (Licence Ouverte; populations légales de l'INSEE).

    python scripts/derive_communes.py            # fetches the package with `npm pack`
    python scripts/derive_communes.py DATA_DIR   # or reads an unpacked package's data/ folder

The output is committed; the data migration loads it. Re-run this when the COG changes.
"""

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif@6.0.0"
# The association's two EPCIs, by SIREN, with the short names everybody uses.
EPCIS = {
    "246200299": "CAHC",  # Communauté d'agglomération d'Hénin-Carvin
    "246200364": "CALL",  # Communauté d'agglomération de Lens-Liévin
}
OUTPUT = Path(__file__).resolve().parent.parent / "rl_portal" / "data" / "communes.json"


def load_data_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    workdir = Path(tempfile.mkdtemp(prefix="cog-"))
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package" / "data"


def main(argv: list[str]) -> None:
    data_dir = load_data_dir(argv)
    epcis = {e["code"]: e for e in json.loads((data_dir / "epci.json").read_text())}
    communes = {
        c["code"]: c
        for c in json.loads((data_dir / "communes.json").read_text())
        if c.get("type") == "commune-actuelle"
    }
    result = {"source": PACKAGE, "epcis": []}
    for siren, short_name in EPCIS.items():
        epci = epcis[siren]
        members = []
        for member in sorted(epci["membres"], key=lambda m: m["nom"]):
            commune = communes[member["code"]]
            members.append(
                {
                    "insee": commune["code"],
                    "name": commune["nom"],
                    "postcodes": commune.get("codesPostaux", []),
                    # The INSEE legal population the package carries (the SPS report's
                    # « Population globale » per commune).
                    "population": commune.get("population"),
                }
            )
        result["epcis"].append(
            {
                "siren": siren,
                "short_name": short_name,
                "name": epci["nom"],
                "population": epci.get("populationMunicipale"),
                "communes": members,
            }
        )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    counts = ", ".join(f"{e['short_name']}: {len(e['communes'])}" for e in result["epcis"])
    print(f"{OUTPUT} écrit ({counts})")


if __name__ == "__main__":
    main(sys.argv)
