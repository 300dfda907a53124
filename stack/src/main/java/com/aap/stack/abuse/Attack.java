package com.aap.stack.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anonymous clients hitting the API over bare sockets, each from a loopback address of its own kind
 * (127.0.0.2 floods sign-ins, 127.0.0.3 uploads slowly), until stopped: counts their answers by status.
 * {@link Abuse} runs it as a process of its own at the lowest CPU priority, standing in for clients on
 * other machines: on a shared machine, hundreds of attacking threads would otherwise take the API's CPU
 * by sheer number rather than by what they send.
 */
public final class Attack implements AutoCloseable {

  static final String FLOOD_FROM = "127.0.0.2";
  static final String UPLOADS_FROM = "127.0.0.3";

  private final int port;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  final AtomicLong uploadBytesSent = new AtomicLong();

  Attack(int port) {
    this.port = port;
  }

  /**
   * {@code PORT UPLOADS FLOOD EMAIL}: attacks until its standard input ends, then prints each kind of answer
   * and its count, tab-separated, then {@code uploadKiB} and the KiB the slow uploads trickled.
   */
  public static void main(String[] args) throws IOException {
    try (Attack attack = new Attack(Integer.parseInt(args[0]))) {
      attack.slowUploads(Integer.parseInt(args[1]));
      attack.floodSignIns(Integer.parseInt(args[2]), args[3]);
      while (System.in.read() != -1) {
        // until the parent closes our input
      }
      attack.close();
      attack.answersByKind().forEach((kind, count) -> System.out.println(kind + "\t" + count));
      System.out.println("uploadKiB\t" + (attack.uploadBytesSent.get() >> 10));
    }
    System.exit(0);
  }

  /** {@code clients} loops of wrong sign-ins for one account, as fast as the API answers. */
  void floodSignIns(int clients, String email) {
    String body = "{\"email\":\"" + email + "\",\"password\":\"not-the-password\"}";
    for (int i = 0; i < clients; i++) {
      spawn("flood-" + i, () -> {
        try (Socket socket = connect(FLOOD_FROM)) {
          OutputStream out = socket.getOutputStream();
          out.write(("POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.UTF_8));
          out.flush();
          count("sign-in flood", status(socket.getInputStream()));
        }
      });
    }
  }

  /**
   * {@code clients} uploads that announce a big body and trickle it, 64 bytes every 200 ms: half to
   * {@code POST /api/batches} (16 MiB announced) without credentials, half to {@code POST /api/session}
   * (60 KiB), which reads a body before it knows who is calling. Each client starts over when answered.
   */
  void slowUploads(int clients) {
    for (int i = 0; i < clients; i++) {
      boolean batches = i % 2 == 0;
      String head = batches
          ? "POST /api/batches HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: 16777216\r\n\r\n"
          : "POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 61440\r\n\r\n";
      String kind = batches ? "slow upload to /api/batches" : "slow upload to /api/session";
      spawn("upload-" + i, () -> {
        try (Socket socket = connect(UPLOADS_FROM)) {
          OutputStream out = socket.getOutputStream();
          InputStream in = socket.getInputStream();
          out.write(head.getBytes(StandardCharsets.ISO_8859_1));
          byte[] trickle = new byte[64];
          java.util.Arrays.fill(trickle, (byte) 'x');
          while (running && in.available() == 0) {
            out.write(trickle);
            out.flush();
            uploadBytesSent.addAndGet(trickle.length);
            AbuseStack.sleep(200);
          }
          if (running) count(kind, status(in));
        } catch (IOException closed) {
          if (running) count(kind, "connection closed");
        }
      });
    }
  }

  private Socket connect(String from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(120_000);
    return socket;
  }

  private static String status(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) line.append((char) b);
    String[] parts = line.toString().split(" ");
    return parts.length > 1 ? parts[1] : "no answer";
  }

  private void count(String kind, String status) {
    answers.computeIfAbsent(kind + ": " + status, k -> new AtomicLong()).incrementAndGet();
  }

  private interface Attempt {
    void run() throws IOException;
  }

  private void spawn(String name, Attempt attempt) {
    Thread thread = new Thread(() -> {
      while (running) {
        try {
          attempt.run();
        } catch (IOException e) {
          AbuseStack.sleep(50);
        }
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
  }

  Map<String, Long> answersByKind() {
    Map<String, Long> sorted = new TreeMap<>();
    answers.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted;
  }

  @Override
  public void close() {
    running = false;
    for (Thread thread : threads) thread.interrupt();
  }
}
