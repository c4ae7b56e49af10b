from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The administrators' site (IT staff): named after the platform rather than Django.
admin.site.site_header = _("Round Table Process: administration")
admin.site.site_title = _("Round Table Process administration")
admin.site.index_title = _("Accounts and records")
