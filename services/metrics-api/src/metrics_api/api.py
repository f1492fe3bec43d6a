"""The /v1 API of metrics-api."""

from fastapi import APIRouter

from metrics_api.feed.router import router as feed_router
from metrics_api.indicator.router import router as indicator_router
from metrics_api.statistics.router import router as statistics_router
from polku_kit.webhooks import subscription_router

router = APIRouter(prefix="/v1")
router.include_router(subscription_router)
router.include_router(feed_router)
router.include_router(indicator_router)
router.include_router(statistics_router)
