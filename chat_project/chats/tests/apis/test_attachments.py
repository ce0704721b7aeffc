"""POST /api/v1/chat/messages as multipart with a file; GET /chat/messages/{id}/attachment for participants."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chats.attachments import attachments_sweep
from chats.documents import Message

URL = "/api/v1/chat/messages"
PDF = b"%PDF-1.7 brief " + bytes(range(256)) * 100


def send(client, **fields):
    return client.post_multipart(URL, fields)


def test_a_file_reaches_the_other_participant_and_nobody_else(
    as_alice, as_bob, as_carol, api, bob, carol, file_storage
):
    response = send(as_alice, receiver_username="bob", body="The brief", file=SimpleUploadedFile("brief.pdf", PDF))

    assert response.status_code == HTTPStatus.CREATED, response.content
    message = response.json()
    attachment = message["attachment"]
    assert attachment == {
        "name": "brief.pdf",
        "size": len(PDF),
        "content_type": "application/pdf",
        "url": f"/api/v1/chat/messages/{message['id']}/attachment",
    }
    [listed] = as_bob.get(f"/api/v1/chat/conversations/{message['conversation_id']}/messages").json()["items"]
    assert listed["attachment"] == attachment
    for participant in (as_bob, as_alice):
        download = participant.get(attachment["url"])
        assert download.status_code == HTTPStatus.OK
        assert b"".join(download) == PDF
        assert download["Content-Disposition"] == 'attachment; filename="brief.pdf"'
        assert download["X-Content-Type-Options"] == "nosniff"
    assert as_carol.get(attachment["url"]).status_code == HTTPStatus.NOT_FOUND
    assert api.get(attachment["url"]).status_code == HTTPStatus.UNAUTHORIZED


def test_a_blank_body_becomes_the_files_name_and_the_conversation_id_works(as_alice, as_bob, bob, file_storage):
    first = send(as_alice, receiver_username="bob", body="hi", file=SimpleUploadedFile("a.txt", b"a")).json()

    reply = send(as_bob, conversation_id=first["conversation_id"], file=SimpleUploadedFile("notes.txt", b"notes"))

    assert reply.status_code == HTTPStatus.CREATED
    assert reply.json()["body"] == "notes.txt" and reply.json()["conversation_id"] == first["conversation_id"]


@pytest.mark.parametrize(
    "content",
    [b"<html><script>1</script>", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"\x89PNG\r\n\x1a\n<script>", b""],
)
def test_pages_svg_polyglots_and_empty_files_are_refused_and_nothing_is_kept(as_alice, bob, content, file_storage):
    response = send(as_alice, receiver_username="bob", body="x", file=SimpleUploadedFile("x.png", content))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "file" in response.json()["fields"]
    assert Message.objects.count() == 0


def test_a_file_over_the_limit_is_refused(as_alice, bob, settings, file_storage):
    settings.CHAT_ATTACHMENT_MAX_BYTES = 10

    response = send(as_alice, receiver_username="bob", file=SimpleUploadedFile("a.txt", b"x" * 11))

    assert response.status_code == HTTPStatus.BAD_REQUEST and "a.txt" in response.json()["fields"]["file"][0]


def test_bad_form_fields_are_named(as_alice, bob, file_storage):
    no_file = send(as_alice, receiver_username="bob", body="x")
    no_target = send(as_alice, body="x", file=SimpleUploadedFile("a.txt", b"a"))
    unknown = send(as_alice, receiver_username="nobody", file=SimpleUploadedFile("a.txt", b"a"))
    too_long = send(as_alice, receiver_username="bob", body="x" * 5001, file=SimpleUploadedFile("a.txt", b"a"))

    assert no_file.status_code == HTTPStatus.BAD_REQUEST and "file" in no_file.json()["fields"]
    assert no_target.status_code == HTTPStatus.BAD_REQUEST and "receiver_username" in no_target.json()["fields"]
    assert unknown.status_code == HTTPStatus.NOT_FOUND
    assert too_long.status_code == HTTPStatus.UNPROCESSABLE_ENTITY and "body" in too_long.json()["fields"]
    assert list(file_storage.listdir("chat-attachments")[0]) in ([], ["1"])
    assert Message.objects.count() == 0


def test_a_message_without_a_file_or_an_unknown_id_has_no_attachment(as_alice, bob, file_storage):
    message = as_alice.post(URL, {"receiver_username": "bob", "body": "plain"}).json()

    assert message["attachment"] is None
    assert as_alice.get(f"{URL}/{message['id']}/attachment").status_code == HTTPStatus.NOT_FOUND
    assert as_alice.get(f"{URL}/not-an-id/attachment").status_code == HTTPStatus.NOT_FOUND


def test_the_sweep_takes_files_no_message_holds(as_alice, bob, file_storage):
    kept = send(as_alice, receiver_username="bob", file=SimpleUploadedFile("a.txt", b"a")).json()["attachment"]
    orphan = file_storage.save("chat-attachments/1/lost.txt", SimpleUploadedFile("x", b"x"))

    assert attachments_sweep() == []
    assert attachments_sweep(grace=timedelta(seconds=-60)) == [orphan]
    assert as_alice.get(kept["url"]).status_code == HTTPStatus.OK
