"""Addresses of the indicators' monitoring, included by frameworks/urls.py (namespace `frameworks`)."""

from django.urls import path

from . import indicator_views as views

PREFIX = "<slug:code>/indicators/<str:item>/"

urlpatterns = [
    path("indicators/review/", views.review_queue, name="indicator_review"),
    path("<slug:code>/indicators/", views.monitoring, name="monitoring"),
    path(PREFIX, views.indicator_detail, name="indicator"),
    path(PREFIX + "edit/", views.indicator_edit, name="indicator_edit"),
    path(PREFIX + "values/", views.indicator_values, name="indicator_values"),
    path(PREFIX + "values/add/", views.value_add, name="value_add"),
    path(PREFIX + "values/<int:year>/edit/", views.value_edit, name="value_edit"),
    path(PREFIX + "values/<int:year>/evidence/", views.value_evidence, name="value_evidence"),
    path(PREFIX + "values/<int:year>/<slug:step>/", views.value_step, name="value_step"),
]
