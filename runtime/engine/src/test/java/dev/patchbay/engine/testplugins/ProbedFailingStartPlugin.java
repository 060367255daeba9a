package dev.patchbay.engine.testplugins;

/** A plugin that reports its class loader, then fails in {@code start()}. */
public class ProbedFailingStartPlugin extends ProbedPlugin {

  @Override
  public void start() {
    throw new IllegalStateException("the widget service is unreachable");
  }
}
