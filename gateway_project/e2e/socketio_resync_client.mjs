// The real npm socket.io-client reconnecting with what it saw last:
//   node socketio_resync_client.mjs URL COOKIE AUTH_JSON
// Prints the chat.message and notification events it gets until both services said resync is done.
import { io } from "socket.io-client";

const [url, cookie, auth] = process.argv.slice(2);
const events = [];
const resynced = {};
const done = (result) => { console.log(JSON.stringify(result)); process.exit(0); };
const socket = io(url, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false, timeout: 5000,
  auth: JSON.parse(auth) });

socket.on("connect_error", (error) => done({ connected: false, error: error.message, events }));
socket.on("chat.message", (data) => events.push({ type: "chat.message", id: data.message.id, body: data.message.body }));
socket.on("notification", (data) => events.push({ type: "notification", id: data.notification.id, kind: data.notification.kind }));
for (const name of ["chat.resync", "notification.resync"]) {
  socket.on(name, (data) => {
    resynced[name] = data;
    if (Object.keys(resynced).length === 2) { socket.close(); done({ connected: true, events, resynced }); }
  });
}
setTimeout(() => done({ connected: socket.connected, timeout: true, events, resynced }), 15000);
