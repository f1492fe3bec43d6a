"""metrics-api: the indicators managers and the council ask for."""

from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parents[2]
