package com.aap.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CPU time and memory from Linux's /proc: the whole machine's busy CPU time, and a process
 * tree's proportional set size (PSS), which shares each page among the processes that map it, so
 * Chromium's many processes are not counted many times over as a sum of RSS would.
 */
final class Machine {

  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private Machine() {
  }

  /** CPU seconds the machine has spent busy (user, nice, system, irq, softirq) since boot. */
  static double busyCpuSeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
          + Long.parseLong(f[6]) + Long.parseLong(f[7]);
      return busy / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Proportional memory of a process and all its descendants, in bytes. */
  static long treePssBytes(long rootPid, boolean includeRoot) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(dir.getFileName().toString());
          children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      });
    } catch (IOException e) {
      return 0;
    }
    long total = includeRoot ? pssBytes(rootPid) : 0;
    var pending = new ArrayList<>(children.getOrDefault(rootPid, List.of()));
    while (!pending.isEmpty()) {
      long pid = pending.remove(pending.size() - 1);
      total += pssBytes(pid);
      pending.addAll(children.getOrDefault(pid, List.of()));
    }
    return total;
  }

  private static long pssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended while we looked
    }
    return 0;
  }

  /** Samples a process tree's memory in the background and keeps the peak. */
  static final class PeakMemory implements AutoCloseable {
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    PeakMemory(long rootPid, boolean includeRoot) {
      sampler = new Thread(() -> {
        while (running) {
          peak = Math.max(peak, treePssBytes(rootPid, includeRoot));
          sleep(200);
        }
      }, "memory-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    long peakBytes() {
      return peak;
    }

    @Override
    public void close() {
      running = false;
    }
  }

  /** A port nothing listens on now. */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
