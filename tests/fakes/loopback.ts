import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fake platform's HTTP server on 127.0.0.1, on a port of its own. */
export interface LoopbackServer {
  url: string;
  /** Keeps a request unanswered (a `hang` fault) until `releaseHung()` or `close()`. */
  hold(socket: Socket): void;
  /** Drops the connections held unanswered. */
  releaseHung(): void;
  /** Stops listening and drops every open connection, held ones included. */
  close(): Promise<void>;
}

/** Starts `handle` on 127.0.0.1 (port 0): the one way every fake server listens and stops. */
export async function listenOnLoopback(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<LoopbackServer> {
  const server = createServer(handle);
  const held = new Set<Socket>();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (socket) => void held.add(socket),
    releaseHung() {
      for (const socket of held) socket.destroy();
      held.clear();
    },
    async close() {
      if (closed) return;
      closed = true;
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
