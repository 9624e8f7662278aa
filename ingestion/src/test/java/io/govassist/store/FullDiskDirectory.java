package io.govassist.store;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FilterIndexOutput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A directory on a disk with a settable amount of free space: once the bytes written exceed it, every further write
 * fails with the IOException a full Linux disk gives ({@code No space left on device}), as an
 * {@code FSDirectory} on a full file system would.
 */
final class FullDiskDirectory extends FilterDirectory {

    private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);

    FullDiskDirectory(Directory in) {
        super(in);
    }

    /** Bytes that may still be written; {@code Long.MAX_VALUE} for no limit. */
    void setFreeBytes(long bytes) {
        free.set(bytes);
    }

    void unlimited() {
        free.set(Long.MAX_VALUE);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        take(0, name);
        return new Limited(in.createOutput(name, context));
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        take(0, prefix);
        return new Limited(in.createTempOutput(prefix, suffix, context));
    }

    private void take(long bytes, String name) throws IOException {
        long left = free.get();
        if (left == Long.MAX_VALUE) {
            return;
        }
        if (left < bytes || (bytes == 0 && left == 0)) {
            free.set(0);
            throw new IOException(name + ": No space left on device");
        }
        free.addAndGet(-bytes);
    }

    private final class Limited extends FilterIndexOutput {

        Limited(IndexOutput out) {
            super("full-disk(" + out + ")", out.getName(), out);
        }

        @Override
        public void writeByte(byte b) throws IOException {
            take(1, getName());
            out.writeByte(b);
        }

        @Override
        public void writeBytes(byte[] b, int offset, int length) throws IOException {
            take(length, getName());
            out.writeBytes(b, offset, length);
        }
    }
}
