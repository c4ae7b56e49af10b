from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ rows|get_item:key }}: a dict's value by a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def index(sequence, position: int):
    """{{ items|index:n }}: the n-th item (None past the end)."""
    try:
        return sequence[int(position)]
    except (IndexError, TypeError, ValueError):
        return None
