"""What the meetings app adds to other pages: the group page's meetings, "My work"'s next meetings and
invitations (imported by MeetingsConfig.ready())."""

from roundtable.core.sections import dashboard_sections, group_sections

from .dashboard import my_meetings
from .group_sections import meetings_section

group_sections.register(meetings_section, order=40)
dashboard_sections.register(my_meetings, order=30)
