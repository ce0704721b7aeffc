"""Message ids follow time to the microsecond, whichever process made them (resync and paging rely on it)."""

from datetime import datetime, timedelta, timezone

from chats import documents


def test_ids_sort_by_their_moment_not_by_process(monkeypatch):
    moment = datetime(2026, 12, 1, 9, 0, 0, 500, tzinfo=timezone.utc)
    monkeypatch.setattr(documents, "_PROCESS_TAG", b"\xff\xff")
    earlier = documents.message_id_at(moment)
    monkeypatch.setattr(documents, "_PROCESS_TAG", b"\x00\x00")
    later = documents.message_id_at(moment + timedelta(microseconds=1))

    assert earlier < later
    assert later.generation_time == moment.replace(microsecond=0)


def test_ids_made_in_the_same_microsecond_differ():
    moment = datetime(2026, 12, 1, 9, 0, 0, tzinfo=timezone.utc)

    assert len({documents.message_id_at(moment) for _ in range(1000)}) == 1000
