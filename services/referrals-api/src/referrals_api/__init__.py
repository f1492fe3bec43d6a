"""referrals-api: partner organisations, the service directory and closed-loop referrals."""

from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parents[2]
