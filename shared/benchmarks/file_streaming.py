"""Peak memory while a 64 MB stored file is sent: shared.files.StreamedFileResponse against Django's FileResponse.

    cd shared && ../.venv/bin/python benchmarks/file_streaming.py

Consumes each response the way Django's handlers do (ASGI: ``aiter``, WSGI:
``iter``) and prints the traced peak allocation of each, and their ratio,
measured in this one run.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import tracemalloc

import django
from django.conf import settings

SIZE = 64 * 1024 * 1024


def _peak(consume) -> int:
    tracemalloc.start()
    consume()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _asgi(response) -> None:
    async def drain():
        async for _chunk in response:
            pass

    asyncio.run(drain())
    response.close()


def _wsgi(response) -> None:
    for _chunk in response:
        pass
    response.close()


def main() -> None:
    settings.configure(MEDIA_ROOT=tempfile.mkdtemp(), USE_TZ=True)
    django.setup()
    from django.core.files.storage import FileSystemStorage
    from django.http import FileResponse

    from shared.files import download_response

    storage = FileSystemStorage()
    with open(os.path.join(settings.MEDIA_ROOT, "big.bin"), "wb") as out:
        out.write(os.urandom(SIZE))
    ours_asgi = _peak(
        lambda: _asgi(download_response(storage, "big.bin", filename="b", content_type="application/pdf"))
    )
    ours_wsgi = _peak(
        lambda: _wsgi(download_response(storage, "big.bin", filename="b", content_type="application/pdf"))
    )
    django_asgi = _peak(lambda: _asgi(FileResponse(storage.open("big.bin"))))
    print(f"file of {SIZE // (1024 * 1024)} MB, peak traced memory while sending it:")
    print(f"  StreamedFileResponse  ASGI {ours_asgi / 1024:9.0f} KB   WSGI {ours_wsgi / 1024:9.0f} KB")
    print(f"  Django FileResponse   ASGI {django_asgi / 1024:9.0f} KB")
    print(f"  ratio Django/ours under ASGI: {django_asgi / max(ours_asgi, 1):.0f}x")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    main()
