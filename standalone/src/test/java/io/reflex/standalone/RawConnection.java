package io.reflex.standalone;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A TCP connection to the gateway driven byte by byte, for what no real client library does:
 * dribbling a request, staying silent, or speaking WebSocket by hand and choosing whether to answer
 * the server's pings.
 */
final class RawConnection implements AutoCloseable {

  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Random masks = new Random(7);

  /** A frame the server sent. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawConnection open(int port) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setTcpNoDelay(true);
      return new RawConnection(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a connection and completes a WebSocket upgrade on {@code /ws} at once. */
  static RawConnection webSocket(int port) {
    RawConnection connection = open(port);
    String key =
        Base64.getEncoder().encodeToString("raw-websocket-key".getBytes(StandardCharsets.US_ASCII));
    connection.write(
        ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    String head = connection.readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new AssertionError("upgrade refused: " + head);
    }
    return connection;
  }

  void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one masked frame, as a client must. */
  void send(int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    masks.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    write(frame.toByteArray());
  }

  /** The response head (status line and headers) up to the blank line. */
  String readHead() {
    StringBuilder head = new StringBuilder();
    try {
      socket.setSoTimeout(10_000);
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("connection closed after " + head);
        }
        head.append((char) b);
      }
      return head.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The next frame from the server, waiting at most {@code timeoutMs}; null when the server closed
   * the connection (end of stream or reset).
   */
  Frame readFrame(long timeoutMs) throws SocketTimeoutException {
    try {
      socket.setSoTimeout((int) timeoutMs);
      int first = in.read();
      if (first < 0) {
        return null;
      }
      DataInputStream data = new DataInputStream(in);
      int length = data.readUnsignedByte() & 0x7F;
      if (length == 126) {
        length = data.readUnsignedShort();
      } else if (length == 127) {
        length = (int) data.readLong();
      }
      byte[] payload = new byte[length];
      data.readFully(payload);
      return new Frame(first & 0x0F, payload);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the server has closed the connection: true on end of stream or a reset, false when
   * nothing arrived within {@code timeoutMs}. Anything the server sent meanwhile is read and
   * discarded.
   */
  boolean closedByServer(long timeoutMs) {
    try {
      socket.setSoTimeout((int) timeoutMs);
      byte[] buffer = new byte[1024];
      return in.read(buffer) < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
