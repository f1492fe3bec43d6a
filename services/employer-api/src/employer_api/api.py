"""The /v1 API of employer-api."""

from fastapi import APIRouter

from employer_api.candidate.router import router as candidate_router
from employer_api.employer.router import router as employer_router
from employer_api.matching.router import router as matching_router
from employer_api.national.router import router as national_router
from employer_api.placement.router import router as placement_router
from employer_api.platform.router import router as platform_router
from employer_api.privacy.router import router as privacy_router
from employer_api.staff.router import router as staff_router
from employer_api.support.router import router as support_router
from employer_api.vacancy.router import router as vacancy_router
from polku_kit.webhooks import event_router, subscription_router

router = APIRouter(prefix="/v1")
router.include_router(employer_router)
router.include_router(staff_router)
router.include_router(vacancy_router)
router.include_router(matching_router)
router.include_router(placement_router)
router.include_router(support_router)
router.include_router(candidate_router)
router.include_router(privacy_router)
router.include_router(platform_router)
router.include_router(national_router)
router.include_router(subscription_router)
# Offers and their outcomes name the client as client_id: the audit of a fetch names them (decision 0042).
router.include_router(event_router())
