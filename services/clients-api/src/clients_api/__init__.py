"""clients-api: job seekers (*työnhakijat*), their plans and the statutory interview schedule."""

from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parents[2]
