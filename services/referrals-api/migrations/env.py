from polku_kit.db import KitBase
from polku_kit.migrations import run_env
from referrals_api.models import Base

run_env([KitBase.metadata, Base.metadata])
