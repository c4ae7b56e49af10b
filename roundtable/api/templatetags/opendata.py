"""`{% feed_links "minutes" %}` in a list page's <head>: the `<link rel="alternate">` tags that let a feed
reader find the page's RSS and Atom feeds; `{% feed_links group=group %}` for the three feeds of a group."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from roundtable.api.opendata.feeds import FEEDS

register = template.Library()

TYPES = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom")}


@register.simple_tag
def feed_links(*kinds: str, group=None) -> str:
    links = []
    for kind in kinds or FEEDS:
        title = FEEDS[kind]().title(group)
        for suffix, (mime, name) in TYPES.items():
            if group is None:
                url = reverse("opendata:feed", args=[kind, suffix])
            else:
                url = reverse("opendata:group_feed", args=[kind, group.code, suffix])
            links.append((mime, f"{title} ({name})", url))
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', links)
