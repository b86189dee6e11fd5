/**
 * Set when whoever asked for a read has gone away (an HTTP client that hung up). A read
 * not yet started is refused, and a running one has its statement cancelled on the server,
 * so an abandoned aggregate over all history stops holding a connection and a core.
 *
 * Not an AbortSignal: a read subscribes and unsubscribes once per statement on the hot
 * path, and EventTarget's listeners cost microseconds each; this costs an array push.
 */
export class ReadCancel {
  #aborted = false;
  #listeners: Array<() => void> = [];

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Marks the reads abandoned and tells each running one, once. */
  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  /** Calls `listener` on abort (never when already aborted); returns what stops listening. */
  listen(listener: () => void): () => void {
    if (this.#aborted) return () => undefined;
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }
}

/** What a response tells of its client; Node's ServerResponse is one. */
interface Answer {
  once(event: 'close', listener: () => void): unknown;
  readonly writableFinished: boolean;
}

/**
 * Fires when the client hangs up before its answer is complete ('close' without a finished
 * response), so the reads still running for it are cancelled on the server.
 */
export function cancelOnHangUp(res: Answer): ReadCancel {
  const cancel = new ReadCancel();
  res.once('close', () => {
    if (!res.writableFinished) cancel.abort();
  });
  return cancel;
}
