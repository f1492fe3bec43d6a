import metrics_api.feed.models
import metrics_api.statistics.models  # noqa: F401
from metrics_api.models import Base
from polku_kit.db import KitBase
from polku_kit.migrations import run_env

run_env([KitBase.metadata, Base.metadata])
