from django.urls import path

from .views import checklist, scorecard, templates

app_name = "compliance"

cell = "<int:year>/<slug:code>/<slug:obligation>/"

urlpatterns = [
    path("", scorecard.public, name="public"),
    path("scorecard.xlsx", scorecard.public_xlsx, name="public_xlsx"),
    path(cell, checklist.public_cell, name="public_cell"),
    path("secretariat/", scorecard.scorecard, name="scorecard"),
    path("secretariat/scorecard.xlsx", scorecard.scorecard_xlsx, name="scorecard_xlsx"),
    path("secretariat/" + cell, checklist.cell, name="cell"),
    path("groups/<slug:code>/", checklist.group_checklist, name="group"),
    path("groups/<slug:code>/<int:year>/<slug:obligation>/tick/", checklist.tick, name="tick"),
    path("ticks/<int:pk>/withdraw/", checklist.withdraw, name="withdraw"),
    path("ticks/<int:pk>/evidence/", checklist.evidence, name="evidence"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/<slug:kind>/", templates.template_detail, name="template"),
    path("templates/<slug:kind>/new/", templates.obligation_add, name="obligation_add"),
    path("templates/<slug:kind>/<slug:code>/", templates.obligation_edit, name="obligation_edit"),
]
