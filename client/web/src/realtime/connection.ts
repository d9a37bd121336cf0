import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../src/protocol/events.js';
import { SERVER_EVENT_SCHEMAS } from '../../../../src/protocol/server-message-schemas.js';
import { createStore } from '../state/store.js';

export type PokerClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly reason: string }
  | { readonly state: 'refused'; readonly message: string };

/**
 * The one Socket.IO connection of the page. Socket.IO reconnects by itself after a dropped
 * connection (with growing delays); this module reports what it is doing, so the page can show it,
 * and tells the pages each time the connection is (re)established, so they join their table again
 * and fetch a fresh view: whatever happened while offline is then on screen.
 */
export const connectionStore = createStore<ConnectionStatus>({ state: 'idle' });

type ServerEvent = keyof ServerToClientEvents;
type Listener = { event: ServerEvent; handler: (...args: never[]) => void };

let socket: PokerClientSocket | null = null;
const listeners = new Set<Listener>();
const connectedCallbacks = new Set<() => void>();
let onRefused: (message: string) => void = () => {};

/** What to do when the server refuses the session at the handshake (log in again). */
export function whenConnectionRefused(handler: (message: string) => void): void {
  onRefused = handler;
}

export function currentSocket(): PokerClientSocket | null {
  return socket;
}

export function startConnection(token: string): void {
  stopConnection();
  const created: PokerClientSocket = io({
    auth: { token },
    // WebSocket first; long-polling if a proxy refuses WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  socket = created;
  connectionStore.set({ state: 'connecting' });
  for (const listener of listeners) created.on(listener.event, listener.handler as never);

  created.on('connect', () => {
    connectionStore.set({ state: 'connected' });
    for (const callback of [...connectedCallbacks]) callback();
  });
  created.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    connectionStore.set({ state: 'reconnecting', attempt: 0, reason });
    // The server closed this socket on purpose (e.g. too many refused events): Socket.IO does not
    // come back by itself then, so try again after a pause.
    if (reason === 'io server disconnect') setTimeout(() => socket === created && created.connect(), 2_000);
  });
  created.io.on('reconnect_attempt', (attempt) => {
    const current = connectionStore.get();
    const reason = current.state === 'reconnecting' ? current.reason : 'connection lost';
    connectionStore.set({ state: 'reconnecting', attempt, reason });
  });
  created.on('connect_error', (error) => {
    const data = (error as Error & { data?: { code?: string; message?: string } }).data;
    if (data?.code === 'realtime/unauthenticated' || error.message === 'realtime/unauthenticated') {
      connectionStore.set({ state: 'refused', message: data?.message ?? 'the session is no longer valid' });
      onRefused(data?.message ?? 'the session is no longer valid');
      return;
    }
    if (!created.active) {
      connectionStore.set({ state: 'refused', message: error.message });
      return;
    }
    const current = connectionStore.get();
    connectionStore.set({
      state: 'reconnecting',
      attempt: current.state === 'reconnecting' ? current.attempt : 0,
      reason: 'the server cannot be reached',
    });
  });
  created.on('system:error', (error) => {
    console.warn(`server: ${error.code}: ${error.message}`);
  });
}

export function stopConnection(): void {
  if (!socket) return;
  const old = socket;
  socket = null;
  old.removeAllListeners();
  old.io.removeAllListeners();
  old.disconnect();
  connectionStore.set({ state: 'idle' });
}

/**
 * Listens to a server event on the current socket and on any later one. Each payload is checked
 * with the protocol's strict schema first: a message this page does not understand is dropped
 * (and logged) rather than half-shown.
 */
export function onServerEvent<E extends ServerEvent>(event: E, handler: ServerToClientEvents[E]): () => void {
  const checked = (payload: unknown) => {
    const parsed = SERVER_EVENT_SCHEMAS[event].safeParse(payload);
    if (!parsed.success) {
      console.error(`dropped a malformed "${event}" message`, parsed.error.issues[0]);
      return;
    }
    (handler as (payload: unknown) => void)(payload);
  };
  const listener: Listener = { event, handler: checked };
  listeners.add(listener);
  socket?.on(event, checked as never);
  return () => {
    listeners.delete(listener);
    socket?.off(event, checked as never);
  };
}

/** Runs `callback` now if connected, and again after every reconnection. */
export function onConnected(callback: () => void): () => void {
  connectedCallbacks.add(callback);
  if (socket?.connected) callback();
  return () => connectedCallbacks.delete(callback);
}
