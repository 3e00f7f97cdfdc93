"""Comments on an idea: post or reply, edit your own, delete your own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from core.forms import form_status, submit
from ideasbank import permissions, services
from ideasbank.forms import CommentForm
from ideasbank.models import Comment
from ideasbank.views.ideas import idea_page
from ideasbank.views.lookups import get_visible_idea, idea_action


@idea_action
def comment_create(request, pk: int):
    idea = get_visible_idea(request, pk)
    form = CommentForm(request.POST, idea=idea)
    if form.is_valid():
        comment = submit(
            form, services.comment_create, idea=idea, author=request.user, **form.cleaned_data
        )
        if comment is not None:
            messages.success(request, "Your comment has been posted.")
            return redirect(comment.get_absolute_url())
    return idea_page(request, idea, comment_form=form, status=form_status(form))


def _own_comment(request, pk: int, comment_pk: int) -> Comment:
    idea = get_visible_idea(request, pk)
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=comment_pk, idea=idea)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied("You can only change your own comments.")
    return comment


def comment_edit(request, pk: int, comment_pk: int):
    comment = _own_comment(request, pk, comment_pk)
    form = CommentForm(request.POST or None, idea=comment.idea, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if submit(form, services.comment_edit, comment=comment, actor=request.user, body=body):
            messages.success(request, "Your comment has been updated.")
            return redirect(comment.get_absolute_url())
    context = {"form": form, "idea": comment.idea, "comment": comment}
    return render(request, "ideasbank/comment_form.html", context, status=form_status(form))


@idea_action
def comment_delete(request, pk: int, comment_pk: int):
    comment = _own_comment(request, pk, comment_pk)
    services.comment_delete(comment=comment, actor=request.user)
    messages.success(request, "Your comment has been deleted.")
    return redirect(f"{comment.idea.get_absolute_url()}#comments")
