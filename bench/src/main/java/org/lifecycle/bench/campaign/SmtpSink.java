package org.lifecycle.bench.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real SMTP server on the loopback interface that accepts every message and counts it: what the benchmark mails
 * through. It speaks the commands a mail client uses (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong received = new AtomicLong();
    private final Thread acceptor;

    SmtpSink() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("smtp-sink").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    long received() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bench.local ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench.local\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message body is read and dropped
                        }
                        received.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
    }
}
