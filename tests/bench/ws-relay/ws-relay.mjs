// ws-relay.mjs — a plain Node.js `ws` relay, the baseline of bench-consultd:
// every text frame a client sends goes to every client of the same room
// (the room named by the client's first message, {"type":"hello","room":R}).
// No tokens, no log, no seq: the least a relay can do.
//
//   node ws-relay.mjs            prints "listening on ws://127.0.0.1:PORT"
//
// SPDX-License-Identifier: GPL-3.0-or-later
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/session',
                                     maxPayload: 64 * 1024 });

server.on('connection', (socket) => {
  let room = null;
  socket.on('message', (data, isBinary) => {
    if (room === null) {
      room = JSON.parse(data.toString()).room ?? 'default';
      if (!rooms.has(room))
        rooms.set(room, new Set());
      rooms.get(room).add(socket);
      return;
    }
    for (const member of rooms.get(room))
      member.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    if (room !== null)
      rooms.get(room).delete(socket);
  });
});

server.on('listening', () => {
  process.stdout.write(`listening on ws://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
