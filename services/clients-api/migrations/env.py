import clients_api.assessment.models
import clients_api.client.models
import clients_api.handover.models
import clients_api.jobsearch.models
import clients_api.meeting.models
import clients_api.plan.models
import clients_api.platform.models
import clients_api.schedule.models
import clients_api.statement.models
import clients_api.timeline.models  # noqa: F401
from clients_api.models import Base
from polku_kit.db import KitBase
from polku_kit.migrations import run_env

run_env([KitBase.metadata, Base.metadata])
