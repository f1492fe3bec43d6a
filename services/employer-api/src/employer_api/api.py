"""The /v1 API of employer-api."""

from fastapi import APIRouter

from employer_api.employer.router import router as employer_router
from employer_api.vacancy.router import router as vacancy_router
from polku_kit.webhooks import subscription_router

router = APIRouter(prefix="/v1")
router.include_router(employer_router)
router.include_router(vacancy_router)
router.include_router(subscription_router)
