"""Socket.IO at /socket.io/ (filled in below)."""


def socketio_application():
    return None
