package org.handover.operator.importer;

/** Told after each batch of rows how far the import has read a file. */
@FunctionalInterface
public interface ImportProgress {

  /** Nobody listens. */
  ImportProgress NONE = (file, rows, bytesRead, size) -> {};

  /**
   * @param file {@code accounts} or {@code services}
   * @param rows rows read so far from that file
   * @param bytesRead bytes read so far from that file
   * @param size the file's size in bytes
   */
  void update(String file, long rows, long bytesRead, long size);
}
