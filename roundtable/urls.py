from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from roundtable.core.sitemaps import sitemap_index, sitemap_section
from roundtable.core.views import healthz

urlpatterns = [
    path("", RedirectView.as_view(url="/lo/", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("roundtable.api.urls")),
    path("feeds/", include("roundtable.meetings.feed_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("roundtable.website.urls")),
    path("accounts/", include("roundtable.accounts.urls")),
    path("directory/", include("roundtable.directory.urls")),
    path("groups/", include("roundtable.groups.urls")),
    path("frameworks/", include("roundtable.frameworks.urls")),
    path("workplans/", include("roundtable.workplans.urls")),
    path("meetings/", include("roundtable.meetings.urls")),
    path("minutes/", include("roundtable.minutes.urls")),
    path("aid/", include("roundtable.aid.urls")),
    path("jobs/", include("roundtable.core.jobs.urls")),
    path("round-table/", include("roundtable.reports.urls")),
    path("compliance/", include("roundtable.compliance.urls")),
    path("search/", include("roundtable.search.urls")),
    path("data/", include("roundtable.api.opendata.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
