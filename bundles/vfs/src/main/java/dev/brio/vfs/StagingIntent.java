package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The staging files a commit is about to create in the base, written durably before the first of
 * them, so that recovery can delete them when the commit died before its journal was complete.
 */
record StagingIntent(Path base, List<String> stages) {

  private static final String MAGIC = "brio-staging-1";

  StagingIntent {
    stages = List.copyOf(stages);
  }

  void write(Path file) throws IOException {
    DurableFiles.writeNew(
        file,
        ChecksummedRecord.encode(
            MAGIC,
            out -> {
              ChecksummedRecord.writeString(out, base.toString());
              out.writeInt(stages.size());
              for (String stage : stages) {
                ChecksummedRecord.writeString(out, stage);
              }
            }));
  }

  static StagingIntent read(Path file) throws IOException {
    return ChecksummedRecord.decode(
        MAGIC,
        Files.readAllBytes(file),
        in -> {
          Path base = Path.of(ChecksummedRecord.readString(in));
          int count = in.readInt();
          List<String> stages = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            stages.add(ChecksummedRecord.readString(in));
          }
          return new StagingIntent(base, stages);
        });
  }
}
