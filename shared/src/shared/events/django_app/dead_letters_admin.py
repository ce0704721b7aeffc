"""The dead-letter page of every service's admin: list, show, replay and discard parked messages.

The messages live in the broker, not in a table, so this ModelAdmin replaces
the changelist and change views with its own, over shared.events.deadletters.
Replay and discard each ask for confirmation first.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from shared.events import deadletters
from shared.events.bus import celery_app, declare_topology

ACTIONS = {"replay": "has_change_permission", "discard": "has_delete_permission"}


class DeadLetterAdmin(admin.ModelAdmin):
    limit = 1000

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("", wrap(self.list_view), name="events_deadletter_changelist"),
            path("confirm/<str:action>/", wrap(self.confirm_view), name="events_deadletter_confirm"),
            path("<str:ident>/", wrap(self.show_view), name="events_deadletter_change"),
        ]

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "service": settings.SERVICE_NAME,
            "can_replay": self.has_change_permission(request),
            "can_discard": self.has_delete_permission(request),
            **extra,
        }

    def _letters(self):
        celery_app()
        declare_topology()
        return deadletters.list_dead_letters(settings.SERVICE_NAME, self.limit)

    def list_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        letters = self._letters()
        return TemplateResponse(
            request,
            "events/dead_letters.html",
            self._context(
                request,
                title="Dead letters",
                letters=letters,
                queue=f"{settings.SERVICE_NAME}.events.dead",
                count=len(letters),
            ),
        )

    def show_view(self, request, ident):
        if not self.has_view_permission(request):
            raise PermissionDenied
        letter = next((item for item in self._letters() if item.id == ident), None)
        if letter is None:
            raise Http404("No such parked message (replayed or discarded meanwhile?)")
        return TemplateResponse(
            request,
            "events/dead_letter.html",
            self._context(
                request,
                title=f"Dead letter {ident}",
                letter=letter,
                envelope_json=json.dumps(letter.envelope, indent=2, ensure_ascii=False) if letter.envelope else "",
                headers_json=json.dumps(letter.headers, indent=2, ensure_ascii=False),
            ),
        )

    def confirm_view(self, request, action):
        if action not in ACTIONS:
            raise Http404("No such action")
        if not getattr(self, ACTIONS[action])(request):
            raise PermissionDenied
        ids = request.POST.getlist("ids") or request.GET.getlist("ids")
        changelist = reverse(f"{self.admin_site.name}:events_deadletter_changelist")
        if not ids:
            messages.warning(request, "Select the messages first.")
            return HttpResponseRedirect(changelist)
        if request.method == "POST" and request.POST.get("confirmed") == "yes":
            return self._perform(request, action, ids, changelist)
        letters = [item for item in self._letters() if item.id in ids]
        return TemplateResponse(
            request,
            "events/dead_letter_confirm.html",
            self._context(
                request,
                title=f"{action.capitalize()} {len(letters)} parked messages?",
                action=action,
                letters=letters,
                ids=ids,
            ),
        )

    def _perform(self, request, action, ids, changelist):
        service = settings.SERVICE_NAME
        celery_app()
        if action == "replay":
            done, _skipped = deadletters.replay_dead_letters(service, ids, self.limit)
            messages.success(request, f"Replayed {done} messages to {service}.events.")
        else:
            done = deadletters.discard_dead_letters(service, ids, self.limit)
            messages.success(request, f"Discarded {done} messages.")
        return HttpResponseRedirect(changelist)
