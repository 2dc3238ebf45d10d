/**
 * Loopback TCP servers that misbehave the way networks and hosts do: one that accepts and never
 * answers, and a proxy to a real server whose streams can be cut. Not part of the package build.
 */
import net from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export interface CuttableProxy extends LoopbackServer {
  /** Resets every open stream, both ways, as a failing network would. */
  cut(): void;
}

async function listen(onConnection: (socket: net.Socket, sockets: Set<net.Socket>) => void): Promise<LoopbackServer & { sockets: Set<net.Socket> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket, sockets);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and never says a word: a host that hangs during the handshake. */
export async function silentServer(): Promise<LoopbackServer> {
  const { sockets: _, ...server } = await listen(() => undefined);
  return server;
}

/** Forwards every connection to `host:port` until `cut()`. */
export async function cuttableProxy(host: string, port: number): Promise<CuttableProxy> {
  const server = await listen((client, sockets) => {
    const upstream = net.connect(port, host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const { sockets, ...rest } = server;
  return {
    ...rest,
    cut() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
  };
}
