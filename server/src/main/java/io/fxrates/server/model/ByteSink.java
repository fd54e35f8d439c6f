package io.fxrates.server.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes of a response as they are written: into memory (an answer to keep), or through a buffer
 * to a stream (a long range, written as it is computed). ASCII only: everything the API writes
 * besides names is digits, codes, dates and punctuation; text that may hold more goes through
 * {@link #writeUtf8(String)}.
 */
public final class ByteSink {

    private static final int STREAM_BUFFER = 64 * 1024;

    private final OutputStream out;
    private byte[] buffer;
    private int position;
    private final byte[] digits = new byte[20];

    private ByteSink(OutputStream out, int capacity) {
        this.out = out;
        this.buffer = new byte[capacity];
    }

    /** Collects everything in memory; {@link #toByteArray()} gives it. */
    public static ByteSink inMemory(int expectedSize) {
        return new ByteSink(null, Math.max(64, expectedSize));
    }

    /** Writes through a 64 kB buffer to {@code out}; {@link #close()} flushes. */
    public static ByteSink to(OutputStream out) {
        return new ByteSink(out, STREAM_BUFFER);
    }

    private void ensure(int bytes) {
        if (position + bytes <= buffer.length) {
            return;
        }
        if (out != null) {
            flushBuffer();
            if (bytes <= buffer.length) {
                return;
            }
        }
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
    }

    public ByteSink writeByte(int b) {
        ensure(1);
        buffer[position++] = (byte) b;
        return this;
    }

    public ByteSink write(byte[] bytes) {
        if (out != null && bytes.length > buffer.length) {
            flushBuffer();
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** Writes {@code text}, which must be ASCII (codes, dates, numbers, punctuation). */
    public ByteSink writeAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) text.charAt(i);
        }
        return this;
    }

    public ByteSink writeUtf8(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a non-negative {@code value} in decimal. */
    public ByteSink writeLong(long value) {
        if (value == 0) {
            return writeByte('0');
        }
        int i = digits.length;
        long rest = value;
        while (rest > 0) {
            digits[--i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        int count = digits.length - i;
        ensure(count);
        System.arraycopy(digits, i, buffer, position, count);
        position += count;
        return this;
    }

    /** What was written, when in memory. */
    public byte[] toByteArray() {
        if (out != null) {
            throw new IllegalStateException("a streaming sink keeps nothing");
        }
        return Arrays.copyOf(buffer, position);
    }

    /** Bytes written so far (in memory). */
    public int size() {
        return position;
    }

    private void flushBuffer() {
        try {
            out.write(buffer, 0, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
    }

    /** Flushes a streaming sink's buffer and closes its stream. */
    public void close() {
        if (out == null) {
            return;
        }
        flushBuffer();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
