"""What keeps a page light on a slow link: htmx (16 KB compressed) only on the pages that use it.

`{% htmx_if_used %}…{% endhtmx_if_used %}` around the page's body renders it, and adds the htmx script
before `</body>` only when the rendered HTML carries an htmx attribute (`hx-get`, `hx-post`, `hx-headers`…):
a page's own templates decide by using htmx, with nothing to declare and nothing to forget.
"""

import re

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

HTMX_ATTRIBUTE = re.compile(r"\shx-[a-z]")


class HtmxIfUsedNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context) -> str:
        html = self.nodelist.render(context)
        if not HTMX_ATTRIBUTE.search(html):
            return html
        script = format_html('<script src="{}" defer></script>\n', static("js/htmx.min.js"))
        head, tag, tail = html.rpartition("</body>")
        if not tag:
            return mark_safe(html + script)
        return mark_safe(head + script + tag + tail)


@register.tag
def htmx_if_used(parser, token) -> HtmxIfUsedNode:
    nodelist = parser.parse(("endhtmx_if_used",))
    parser.delete_first_token()
    return HtmxIfUsedNode(nodelist)
