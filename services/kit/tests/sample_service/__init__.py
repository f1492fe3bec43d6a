"""A minimal service used to test the kit on its own: one table, one event, one webhook receiver."""

from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parent
