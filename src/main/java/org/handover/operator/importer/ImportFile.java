package org.handover.operator.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file to import, read once as a stream; its size in bytes tells progress how far it is. */
public record ImportFile(Source source, long size) {

  /** Opens the content. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /** A file on disk. */
  public static ImportFile of(Path path) throws IOException {
    long size = Files.size(path);
    return new ImportFile(() -> Files.newInputStream(path), size);
  }

  /** Counts the bytes read through it. */
  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
