"""Extension points of the website's own pages, the same mechanism as the group page's
(`roundtable.groups.sections`, whose docstring explains the rules):

- `home_sections`: blocks of the public home page, e.g. the next meetings or the latest minutes.
  Functions take `(request)`; they must return only public data.
- `dashboard_sections`: blocks of a logged-in user's "My work" page, e.g. drafts waiting for them.
  Functions take `(request)`; `request.user` is logged in.
- `secretariat_sections`: blocks of the RTP Secretariat's overview, e.g. work plans not yet submitted.
  Functions take `(request)`; only the RTP Secretariat reaches that page.

    from roundtable.website.sections import home_sections

    @home_sections.register(order=20)
    def next_meetings(request):
        return {"template": "meetings/_home_next.html", "context": {"meetings": ...}}
"""

from roundtable.groups.sections import SectionRegistry

home_sections = SectionRegistry()
dashboard_sections = SectionRegistry()
secretariat_sections = SectionRegistry()
