package com.aap.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 on a bare socket, for what {@link JsonHttp} cannot do: send a request's headers and only part of
 * its body, come from another loopback address (127.0.0.2: another client as far as per-address limits
 * go), and see when the server closes the connection.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** A connection to {@code baseUrl}'s server from the loopback address {@code from}. */
  public static RawHttp connect(String baseUrl, String from) throws IOException {
    URI uri = URI.create(baseUrl);
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 5000);
    socket.setSoTimeout(30_000);
    return new RawHttp(socket);
  }

  public static RawHttp connect(String baseUrl) throws IOException {
    return connect(baseUrl, "127.0.0.1");
  }

  /** Writes a request's line and headers (Host and Connection added); the body is up to the caller. */
  public RawHttp head(String method, String path, Map<String, String> headers) throws IOException {
    StringBuilder text = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  public RawHttp write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A whole request with a JSON (or other) body. */
  public RawHttp request(String method, String path, Map<String, String> headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Length", String.valueOf(bytes.length));
    return head(method, path, all).write(bytes);
  }

  /** Reads a response's status line and headers, and its body if it has a Content-Length. */
  public Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) throw new IOException("the server closed the connection without an answer");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
    }
    String body = "";
    if (headers.containsKey("content-length")) {
      body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
    }
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
  }

  /** The next line of the response (for event streams), or null at the end of the connection. */
  public String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') return line.toString(StandardCharsets.UTF_8).replaceAll("\r$", "");
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** Whether the server closes the connection within {@code millis} (anything it still sends is skipped). */
  public boolean closedWithin(long millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    socket.setSoTimeout((int) Math.max(1, millis));
    try {
      while (System.currentTimeMillis() < deadline) {
        if (in.read() == -1) return true;
      }
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  public record Response(int status, Map<String, String> headers, String body) {
  }
}
