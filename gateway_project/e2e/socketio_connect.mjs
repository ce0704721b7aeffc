// One connection of the real npm socket.io-client at its default options (long-polling first, then the
// WebSocket upgrade) to the running gateway: node socketio_connect.mjs URL COOKIE -> one JSON line.
import { io } from "socket.io-client";

const [url, cookie] = process.argv.slice(2);
const done = (result) => { console.log(JSON.stringify(result)); process.exit(0); };
const socket = io(url, { extraHeaders: { Cookie: cookie }, reconnection: false, timeout: 8000 });

socket.on("connect_error", (error) => done({ connected: false, error: error.message, data: error.data ?? null }));
socket.on("connect", () => {
  const engine = socket.io.engine;
  const finish = () => { const transport = engine.transport.name; socket.close(); done({ connected: true, transport }); };
  if (engine.transport.name === "websocket") return finish();
  engine.once("upgrade", finish);
  setTimeout(finish, 3000);  // no upgrade within 3 s: report what it stayed on
});
setTimeout(() => done({ connected: socket.connected, timeout: true }), 15000);
