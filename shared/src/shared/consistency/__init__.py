"""Read-your-writes across services (docs/decisions/0006-read-your-writes.md).

A write's answer names the events it committed (``X-Events-Published``); the
gateway keeps them for the signed-in user a short while and sends the ones a
service consumes along with that user's later requests (``X-Events-Pending``);
the service waits, at most ``CONSISTENCY_WAIT_SECONDS``, until its consumer
has applied them, then answers. Other users' requests carry no pending ids
and never wait.

- ``wire``: the header format, shared by the gateway and the services;
- ``collector``: which events the current request committed (a context variable);
- ``marks``: "service S has applied event E" in Redis (a key and a pub/sub message),
  and waiting for it;
- ``middleware``: the Django middleware every service gets from the common settings.
"""
