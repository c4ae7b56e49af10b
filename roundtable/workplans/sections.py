"""What the work plans add to other pages: the group page's plans and "My work"'s plans waiting for the
user (imported by WorkplansConfig.ready())."""

from roundtable.core.sections import dashboard_sections, group_sections

from .dashboard import my_workplans
from .group_section import workplans_section

group_sections.register(workplans_section, order=20)
dashboard_sections.register(my_workplans, order=20)
