package dev.brio.wasi;

import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.TupleType;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * {@code wasi:random/random}, {@code wasi:random/insecure} and {@code wasi:random/insecure-seed}
 * (WASI 0.2): cryptographically secure bytes from a {@link SecureRandom}, insecure ones from a
 * {@link Random}, and a seed fixed for the lifetime of this object.
 */
public final class WasiRandom {
  /** The most bytes one call may ask for (the guest allocates them): 64 MiB. */
  public static final long MAX_BYTES = 64L << 20;

  static final FuncType BYTES =
      new FuncType(
          List.of(new FuncType.Param("len", PrimitiveType.U64)),
          Optional.of(new ListType(PrimitiveType.U8)));
  static final FuncType U64 = new FuncType(List.of(), Optional.of(PrimitiveType.U64));
  static final FuncType SEED =
      new FuncType(
          List.of(), Optional.of(new TupleType(List.of(PrimitiveType.U64, PrimitiveType.U64))));

  private final Random secure;
  private final Random insecure;
  private final long seed0;
  private final long seed1;

  /** Secure bytes from a new {@link SecureRandom}, insecure ones and the seed from another. */
  public WasiRandom() {
    this(new SecureRandom(), new Random());
  }

  public WasiRandom(Random secure, Random insecure) {
    this.secure = Objects.requireNonNull(secure, "secure");
    this.insecure = Objects.requireNonNull(insecure, "insecure");
    this.seed0 = secure.nextLong();
    this.seed1 = secure.nextLong();
  }

  /** Defines {@code wasi:random/random@version}. */
  public void defineRandom(Linker linker, String version) {
    String iface = "wasi:random/random@" + version;
    linker.define(iface, "get-random-bytes", BYTES, args -> bytes(secure, args.get(0)));
    linker.define(
        iface, "get-random-u64", U64, args -> Optional.of(new U64Value(secure.nextLong())));
  }

  /** Defines {@code wasi:random/insecure@version}. */
  public void defineInsecure(Linker linker, String version) {
    String iface = "wasi:random/insecure@" + version;
    linker.define(iface, "get-insecure-random-bytes", BYTES, args -> bytes(insecure, args.get(0)));
    linker.define(
        iface,
        "get-insecure-random-u64",
        U64,
        args -> Optional.of(new U64Value(insecure.nextLong())));
  }

  /** Defines {@code wasi:random/insecure-seed@version}. */
  public void defineInsecureSeed(Linker linker, String version) {
    linker.define(
        "wasi:random/insecure-seed@" + version,
        "insecure-seed",
        SEED,
        args -> Optional.of(new TupleValue(List.of(new U64Value(seed0), new U64Value(seed1)))));
  }

  private static Optional<Value> bytes(Random random, Value len) {
    long n = ((U64Value) len).bits();
    if (n < 0 || n > MAX_BYTES) {
      throw new IllegalArgumentException(
          "random bytes: " + Long.toUnsignedString(n) + " bytes asked, at most " + MAX_BYTES);
    }
    byte[] b = new byte[(int) n];
    random.nextBytes(b);
    List<Value> out = new ArrayList<>(b.length);
    for (byte x : b) {
      out.add(new U8Value(x & 0xff));
    }
    return Optional.of(new ListValue(out));
  }
}
