package dev.brio.component.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
  private static final String A = "aaaaaaaaaaaaaaaa";
  private static final String B = "bbbbbbbbbbbbbbbb";
  private static final String C = "cccccccccccccccc";

  @TempDir Path dir;

  private static byte[] payload(int size, int seed) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) seed);
    return b;
  }

  @Test
  void theDirectoryIsTheOwnersAlone() throws IOException {
    Path cache = dir.resolve("compiled");
    DiskCache.open(cache, 1 << 20);
    assertEquals(
        PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(cache));
  }

  @Test
  void storesAndReadsBackAcrossInstances() {
    assertTrue(DiskCache.open(dir, 1 << 20).putIfAbsent(A, payload(1000, 7)));
    assertArrayEquals(payload(1000, 7), DiskCache.open(dir, 1 << 20).get(A).orElseThrow());
    assertTrue(DiskCache.open(dir, 1 << 20).get(B).isEmpty());
  }

  @Test
  void aTruncatedOrFlippedEntryIsAMissAndIsDeleted() throws IOException {
    DiskCache cache = DiskCache.open(dir, 1 << 20);
    cache.putIfAbsent(A, payload(1000, 1));
    cache.putIfAbsent(B, payload(1000, 2));
    Path a = dir.resolve(A + ".bin");
    Path b = dir.resolve(B + ".bin");
    Files.write(a, Arrays.copyOf(Files.readAllBytes(a), 500));
    byte[] flipped = Files.readAllBytes(b);
    flipped[flipped.length - 1] ^= 1;
    Files.write(b, flipped);
    assertTrue(cache.get(A).isEmpty());
    assertTrue(cache.get(B).isEmpty());
    assertEquals(2, cache.corruptEntries());
    assertFalse(Files.exists(a));
    assertFalse(Files.exists(b));
    // a rewrite after the miss is whole again
    cache.putIfAbsent(A, payload(1000, 3));
    assertArrayEquals(payload(1000, 3), cache.get(A).orElseThrow());
  }

  @Test
  void anEntryWithBytesAfterItsPayloadOrAForeignHeaderIsAMiss() throws IOException {
    DiskCache cache = DiskCache.open(dir, 1 << 20);
    cache.putIfAbsent(A, payload(1000, 1));
    cache.putIfAbsent(B, payload(1000, 2));
    Path a = dir.resolve(A + ".bin");
    Path b = dir.resolve(B + ".bin");
    Files.write(a, Arrays.copyOf(Files.readAllBytes(a), 1000 + 20 + 1)); // one byte appended
    byte[] foreign = Files.readAllBytes(b);
    foreign[0] ^= 1; // the magic number
    Files.write(b, foreign);
    assertTrue(cache.get(A).isEmpty());
    assertTrue(cache.get(B).isEmpty());
    assertEquals(2, cache.corruptEntries());
    assertFalse(Files.exists(a));
    assertFalse(Files.exists(b));
  }

  @Test
  void theLeastRecentlyUsedEntriesGoFirstPastTheLimit() throws IOException {
    DiskCache cache = DiskCache.open(dir, 2500);
    cache.putIfAbsent(A, payload(1000, 1));
    cache.putIfAbsent(B, payload(1000, 2));
    // A is older but read since: B is the least recently used
    Files.setLastModifiedTime(
        dir.resolve(A + ".bin"), FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(
        dir.resolve(B + ".bin"), FileTime.from(Instant.now().minusSeconds(30)));
    cache.get(A);
    cache.putIfAbsent(C, payload(1000, 3));
    assertTrue(cache.get(A).isPresent());
    assertTrue(cache.get(B).isEmpty(), "evicted");
    assertTrue(cache.get(C).isPresent());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void keysAreDigestsNeverPaths() {
    DiskCache cache = DiskCache.open(dir, 1 << 20);
    assertThrows(IllegalArgumentException.class, () -> cache.get("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> cache.putIfAbsent("ABC", new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> DiskCache.open(dir, 0));
  }
}
