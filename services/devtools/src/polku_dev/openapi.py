"""Write each service's OpenAPI document to a folder: ``python -m polku_dev.openapi frontend/openapi``.

The SPA's TypeScript client is generated from these files, so the contract is what the services serve.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

SERVICES = {
    "clients": "clients_api",
    "referrals": "referrals_api",
    "employer": "employer_api",
    "metrics": "metrics_api",
}


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for short, package in SERVICES.items():
        app = importlib.import_module(f"{package}.main").create_app()
        document = app.openapi()
        document["servers"] = [{"url": f"/api/{short}"}]
        path = folder / f"{short}.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in export(Path(sys.argv[1] if len(sys.argv) > 1 else "frontend/openapi")):
        print(path)
