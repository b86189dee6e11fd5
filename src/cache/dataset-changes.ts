type Listener = (datasetId: string | undefined) => void;

/**
 * The process's one place that hears "a dataset changed": from the LISTEN feed on
 * PostgreSQL (every process's writes), and from nothing else on PGlite (one process, whose
 * writers invalidate directly). `undefined` means "anything may have changed" (the feed
 * was down). Each cache that must forget subscribes here.
 */
export class DatasetChanges {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(datasetId: string | undefined): void {
    for (const l of this.listeners) l(datasetId);
  }
}
