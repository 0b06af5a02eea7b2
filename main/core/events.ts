import { EventEmitter } from 'node:events';
import type { Events } from '../../shared/contract';

/** Typed events from the core to whoever shows them (Electron window, browser host, CLI). */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
