// The real npm socket.io-client against the gateway: node socketio_client.mjs URL COOKIE TRANSPORTS [AUTH_JSON] [QUERY_JSON]
// (TRANSPORTS "default" leaves the client's own defaults: long-polling first, then the WebSocket upgrade).
import { io } from "socket.io-client";

const [url, cookie, transports, auth, query] = process.argv.slice(2);
const seen = [];
const done = (result) => { console.log(JSON.stringify(result)); process.exit(0); };
const options = { extraHeaders: { Cookie: cookie }, reconnection: false, timeout: 5000,
  auth: auth ? JSON.parse(auth) : undefined, query: query ? JSON.parse(query) : undefined };
if (transports !== "default") options.transports = transports.split(",");
const socket = io(url, options);

socket.on("connect_error", (error) => done({ connected: false, error: error.message, data: error.data ?? null, seen }));
socket.on("hello", (data) => {
  seen.push(data);
  if (seen.length === 2) socket.emit("chat.message", { receiver_username: "judy", body: "hi over socket.io" });
});
socket.on("echo", (data) => { socket.close(); done({ connected: true, seen, echo: data, transport: socket.io.engine?.transport?.name ?? null }); });
setTimeout(() => done({ connected: socket.connected, timeout: true, seen }), 8000);
