"""Template filters every app uses: member-written Markdown, sanitised."""

from django import template

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render member-written Markdown through the sanitiser."""
    return render_markdown(text)
