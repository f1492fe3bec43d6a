"""The /v1 API of referrals-api."""

from fastapi import APIRouter

from polku_kit.webhooks import subscription_router

router = APIRouter(prefix="/v1")
router.include_router(subscription_router)
