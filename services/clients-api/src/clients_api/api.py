"""The /v1 API of clients-api."""

from fastapi import APIRouter

from clients_api.assessment.router import occupation_router
from clients_api.assessment.router import router as assessment_router
from clients_api.caseload.router import caseload_router, coach_router, saved_router, team_router
from clients_api.caseload.router import client_router as caseload_client_router
from clients_api.client.router import names_router
from clients_api.client.router import router as client_router
from clients_api.consent.router import check_router
from clients_api.consent.router import router as consent_router
from clients_api.episodes.router import router as episodes_router
from clients_api.handover.router import client_router as handover_client_router
from clients_api.handover.router import handover_router
from clients_api.handover.router import team_router as initial_service_router
from clients_api.jobsearch.period_router import router as job_search_period_router
from clients_api.jobsearch.router import router as jobsearch_router
from clients_api.kela.router import import_router as kela_import_router
from clients_api.kela.router import router as kela_router
from clients_api.kela.router import upload_router as kela_upload_router
from clients_api.meeting.router import coach_router as meeting_coach_router
from clients_api.meeting.router import router as meeting_router
from clients_api.outbound import router as outbound_router
from clients_api.plan.router import router as plan_router
from clients_api.platform.router import router as platform_router
from clients_api.privacy.router import router as privacy_router
from clients_api.reconciliation.router import router as reconciliation_router
from clients_api.registration.router import router as registration_router
from clients_api.schedule.router import due_router
from clients_api.schedule.router import router as schedule_router
from clients_api.sharing.router import reach_router
from clients_api.sharing.router import router as sharing_router
from clients_api.statement.router import coach_router as statement_coach_router
from clients_api.statement.router import router as statement_router
from clients_api.timeline.router import router as timeline_router
from polku_kit.webhooks import subscription_router

router = APIRouter(prefix="/v1")
router.include_router(client_router)
router.include_router(names_router)
router.include_router(schedule_router)
router.include_router(meeting_router)
router.include_router(meeting_coach_router)
router.include_router(plan_router)
router.include_router(assessment_router)
router.include_router(occupation_router)
router.include_router(jobsearch_router)
router.include_router(job_search_period_router)
router.include_router(consent_router)
router.include_router(check_router)
router.include_router(sharing_router)
router.include_router(reach_router)
router.include_router(due_router)
router.include_router(timeline_router)
router.include_router(platform_router)
router.include_router(privacy_router)
router.include_router(team_router)
router.include_router(coach_router)
router.include_router(caseload_client_router)
router.include_router(caseload_router)
router.include_router(saved_router)
router.include_router(episodes_router)
router.include_router(registration_router)
router.include_router(kela_router)
router.include_router(kela_import_router)
router.include_router(kela_upload_router)
router.include_router(statement_router)
router.include_router(handover_router)
router.include_router(handover_client_router)
router.include_router(initial_service_router)
router.include_router(statement_coach_router)
router.include_router(reconciliation_router)
router.include_router(subscription_router)
router.include_router(outbound_router)
