package dev.brio.wasi.filesystem;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * {@code wasi:filesystem/types.metadata-hash-value}: 128 bits that are equal for the same object
 * (device and inode) during this process. The hash is keyed with a per-process secret so guests
 * learn nothing about host inode numbers.
 */
public record MetadataHash(long lower, long upper) {
  private static final byte[] KEY = key();

  private static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static MetadataHash of(DescriptorStat stat) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(KEY);
      sha.update(ByteBuffer.allocate(16).putLong(stat.device()).putLong(stat.inode()).array());
      ByteBuffer digest = ByteBuffer.wrap(sha.digest());
      return new MetadataHash(digest.getLong(), digest.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
