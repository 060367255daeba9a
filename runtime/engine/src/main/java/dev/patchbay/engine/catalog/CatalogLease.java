package dev.patchbay.engine.catalog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connector taken from the catalog for one call: until the lease is closed, its plugin stays loaded even if it is
 * replaced or removed meanwhile (new calls then go to the new version, or are refused).
 */
public final class CatalogLease implements AutoCloseable {

  private final CatalogEntry entry;
  private final PluginUsage usage;
  private final AtomicBoolean closed = new AtomicBoolean();

  CatalogLease(CatalogEntry entry, PluginUsage usage) {
    this.entry = entry;
    this.usage = usage;
  }

  public CatalogEntry entry() {
    return entry;
  }

  /**
   * A second lease on the same plugin, for work that may outlive this one: plugin code abandoned past its deadline
   * keeps running on its thread, and its plugin must stay loaded until it returns.
   */
  public CatalogLease retain() {
    if (closed.get() || !usage.tryEnter()) {
      throw new IllegalStateException("the lease on " + entry.id() + " is closed already");
    }
    return new CatalogLease(entry, usage);
  }

  /**
   * Runs {@code action} when the lease's plugin is unloaded: once it has left the catalog (replaced or removed) and
   * its last call has returned. For what must end with the plugin, such as threads that ran its code.
   */
  public void whenPluginUnloads(Runnable action) {
    usage.whenDone(action);
  }

  /** Ends this lease; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      usage.exit();
    }
  }
}
