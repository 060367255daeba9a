package dev.patchbay.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark's process per operation, minus the JIT compiler threads': on a 2-core machine the
 * compiler threads of a client that has not settled take a visible share, and wall-clock timing carries whatever
 * else the machine does, while CPU per call is what the client itself costs. Only meaningful when the server runs in
 * another process ({@link FakeZoomProcess}). Use with {@code -prof dev.patchbay.bench.ClientCpuProfiler}.
 *
 * <p>The compiler threads' time is read from {@code /proc/self/task/<tid>/stat} (Linux, 10 ms ticks), since the JVM
 * hides them from {@code ThreadMXBean} and {@code CompilationMXBean} counts wall time, waits included. Forks run
 * with {@code -XX:-UseDynamicNumberOfCompilerThreads}, so no compiler thread ends, taking its ticks with it, during
 * an iteration.
 */
public final class ClientCpuProfiler implements InternalProfiler {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long MICROS_PER_TICK = 10_000;

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuNanosAtStart;
  private long jitTicksAtStart;
  private long switchesAtStart;

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    switchesAtStart = voluntarySwitches();
    jitTicksAtStart = compilerTicks();
    cpuNanosAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    double cpuMicros = (os.getProcessCpuTime() - cpuNanosAtStart) / 1_000.0;
    double jitMicros = (compilerTicks() - jitTicksAtStart) * (double) MICROS_PER_TICK;
    long switches = voluntarySwitches() - switchesAtStart;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops == 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("client.cpu.per.op", (cpuMicros - jitMicros) / ops, "us/op", AggregationPolicy.AVG),
        new ScalarResult("jit.cpu.share", jitMicros / Math.max(cpuMicros, 1), "ratio", AggregationPolicy.AVG),
        new ScalarResult("wakeups.per.op", (double) switches / ops, "#/op", AggregationPolicy.AVG));
  }

  /**
   * Times the process's threads other than the compiler's went to sleep (voluntary context switches): per call, the
   * caller waiting for the answer plus every other thread the call woke, so the thread hand-offs a call costs.
   */
  static long voluntarySwitches() {
    return sumOverThreads((task, compiler) -> {
      if (compiler) {
        return 0;
      }
      for (String line : Files.readAllLines(task.resolve("status"))) {
        if (line.startsWith("voluntary_ctxt_switches:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      return 0;
    });
  }

  /** User and system ticks of the JIT compiler threads now alive. */
  static long compilerTicks() {
    return sumOverThreads((task, compiler) -> {
      if (!compiler) {
        return 0;
      }
      String stat = Files.readString(task.resolve("stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime field 14
      // and stime field 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    });
  }

  /** A count read from one thread's {@code /proc} folder. */
  @FunctionalInterface
  private interface ThreadCount {
    long of(Path task, boolean compiler) throws IOException;
  }

  /** {@code count} summed over the threads now alive; a thread that ends while being read counts nothing. */
  private static long sumOverThreads(ThreadCount count) {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          sum += count.of(task, name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
        } catch (IOException | RuntimeException e) {
          // a thread that ended while being read
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TASKS + " (ClientCpuProfiler needs Linux)", e);
    }
    return sum;
  }

  @Override
  public String getDescription() {
    return "process CPU time per operation, minus the JIT compiler threads', and thread wake-ups per operation";
  }
}
