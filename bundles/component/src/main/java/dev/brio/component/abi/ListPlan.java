package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code list<T>}: a pointer and a length ({@code load_list_from_range}, {@code
 * store_list_into_range}). Lists of integers and floats move as one bulk copy ({@link
 * PackedLists}).
 */
final class ListPlan implements TypePlan {
  private static final CoreValType[] FLAT = {CoreValType.I32, CoreValType.I32};

  private final ListType type;
  private final TypePlan element;

  /** The element type when the list moves in bulk, else null. */
  private final PrimitiveType packed;

  ListPlan(ListType type, TypePlan element) {
    this.type = type;
    this.element = element;
    this.packed = type.element() instanceof PrimitiveType p && PackedLists.packs(p) ? p : null;
  }

  @Override
  public int size() {
    return 8;
  }

  @Override
  public int alignment() {
    return 4;
  }

  @Override
  public CoreValType[] flat() {
    return FLAT;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    long ptr = in.nextU32();
    long length = in.nextU32();
    return loadList(cx, ptr, length);
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    return loadList(
        cx, Integer.toUnsignedLong(m.readInt(p)), Integer.toUnsignedLong(m.readInt(p + 4)));
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    long[] range = storeList(cx, TypePlan.as(v, ListValue.class, type));
    out.addI32(range[0]);
    out.addI32(range[1]);
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    long[] range = storeList(cx, TypePlan.as(v, ListValue.class, type));
    cx.memory().writeI32(p, (int) range[0]);
    cx.memory().writeI32(p + 4, (int) range[1]);
  }

  /** {@code load_list_from_range}. */
  private Value loadList(AbiContext cx, long ptr, long length) {
    int size = element.size();
    long byteLength = length * size;
    Trap.trapIf(
        byteLength > Layout.MAX_LIST_BYTE_LENGTH,
        () -> "list: byte length " + byteLength + " exceeds MAX_LIST_BYTE_LENGTH");
    cx.checkRange(ptr, byteLength, element.alignment(), "list");
    if (packed != null) {
      return PackedLists.load(cx.memory(), packed, (int) ptr, (int) length, size);
    }
    List<Value> out = new ArrayList<>((int) length);
    for (long i = 0; i < length; i++) {
      out.add(element.load(cx, (int) (ptr + i * size)));
    }
    return new ListValue(out);
  }

  /** {@code store_list_into_range}: returns {ptr, length}. */
  private long[] storeList(AbiContext cx, ListValue list) {
    List<Value> elements = list.elements();
    int size = element.size();
    long byteLength = (long) elements.size() * size;
    Trap.trapIf(
        byteLength > Layout.MAX_LIST_BYTE_LENGTH,
        () -> "list: byte length " + byteLength + " exceeds MAX_LIST_BYTE_LENGTH");
    int alignment = element.alignment();
    long ptr = Integer.toUnsignedLong(cx.allocate(alignment, byteLength, "list"));
    cx.checkRange(ptr, byteLength, alignment, "list from realloc");
    if (packed == null || !PackedLists.store(cx.memory(), packed, list, (int) ptr, size)) {
      for (int i = 0; i < elements.size(); i++) {
        element.store(cx, elements.get(i), (int) (ptr + (long) i * size));
      }
    }
    return new long[] {ptr, elements.size()};
  }
}
