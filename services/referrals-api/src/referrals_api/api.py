"""The /v1 API of referrals-api."""

from fastapi import APIRouter

from polku_kit.webhooks import subscription_router
from referrals_api.directory.router import router as directory_router
from referrals_api.organisation.router import router as organisation_router
from referrals_api.privacy.router import router as privacy_router
from referrals_api.referral.router import joint_router
from referrals_api.referral.router import router as referral_router
from referrals_api.report.router import router as report_router

router = APIRouter(prefix="/v1")
router.include_router(organisation_router)
router.include_router(directory_router)
router.include_router(referral_router)
router.include_router(joint_router)
router.include_router(report_router)
router.include_router(privacy_router)
router.include_router(subscription_router)
