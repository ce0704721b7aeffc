"""WhiteNoise's middleware, able to run async: a request for no static file passes on without a thread hop.

WhiteNoise 6.9 is sync-only, so under ASGI Django ran the whole middleware chain
above it in a worker thread and switched back to the event loop below it: two
thread hops on every API request, for a dictionary lookup that finds nothing.
The files it serves, and how, are WhiteNoise's own (a file is served in a thread).
"""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, **kwargs):
        super().__init__(get_response, **kwargs)
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self._async:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request):
        path = request.path_info
        if self.autorefresh:
            # Looking a file up touches the disk only for paths under a static root (candidate_paths_for_url).
            under_a_root = any(path.startswith(prefix) for _root, prefix in self.directories)
            static_file = await sync_to_async(self.find_file)(path) if under_a_root else None
        else:
            static_file = self.files.get(path)
        if static_file is not None:
            return await sync_to_async(self.serve)(static_file, request)
        return await self.get_response(request)
