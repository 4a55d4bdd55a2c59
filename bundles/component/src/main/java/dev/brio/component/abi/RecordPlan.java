package dev.brio.component.abi;

import dev.brio.component.types.CoreValType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code record} and {@code tuple} (and a function's spilled parameters or results, a tuple): the
 * fields in order, each at its precomputed offset.
 */
final class RecordPlan implements TypePlan {
  private final ValueType type;

  /** The field names of a record; null for a tuple. */
  private final String[] names;

  private final TypePlan[] fields;
  private final int[] offsets;
  private final int size;
  private final int alignment;
  private final CoreValType[] flat;

  private RecordPlan(ValueType type, String[] names, TypePlan[] fields) {
    this.type = type;
    this.names = names;
    this.fields = fields;
    this.offsets = new int[fields.length];
    int s = 0;
    int a = 1;
    for (int i = 0; i < fields.length; i++) {
      s = Layout.alignTo(s, fields[i].alignment());
      offsets[i] = s;
      s += fields[i].size();
      a = Math.max(a, fields[i].alignment());
    }
    this.size = Layout.alignTo(s, a);
    this.alignment = a;
    this.flat = TypePlans.concat(fields);
  }

  static RecordPlan record(RecordType r, TypePlan[] fields) {
    return new RecordPlan(
        r, r.fields().stream().map(RecordType.Field::name).toArray(String[]::new), fields);
  }

  static RecordPlan tuple(TupleType u, TypePlan[] elements) {
    return new RecordPlan(u, null, elements);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int alignment() {
    return alignment;
  }

  @Override
  public CoreValType[] flat() {
    return flat;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    List<Value> values = new ArrayList<>(fields.length);
    for (TypePlan f : fields) {
      values.add(f.liftFlat(cx, in));
    }
    return wrap(values);
  }

  @Override
  public Value load(AbiContext cx, int p) {
    return wrap(loadElements(cx, p));
  }

  /** The fields' values, loaded from {@code p} in order. */
  List<Value> loadElements(AbiContext cx, int p) {
    List<Value> values = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      values.add(fields[i].load(cx, p + offsets[i]));
    }
    return values;
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    List<Value> values = unwrap(v);
    for (int i = 0; i < fields.length; i++) {
      fields[i].lowerFlat(cx, values.get(i), out);
    }
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    storeElements(cx, unwrap(v), p);
  }

  /** Stores one value per field at {@code p}. */
  void storeElements(AbiContext cx, List<Value> values, int p) {
    for (int i = 0; i < fields.length; i++) {
      fields[i].store(cx, values.get(i), p + offsets[i]);
    }
  }

  private Value wrap(List<Value> values) {
    if (names == null) {
      return new TupleValue(values);
    }
    List<RecordValue.Field> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      out.add(new RecordValue.Field(names[i], values.get(i)));
    }
    return new RecordValue(out);
  }

  /** The values in field order: a record's by name (in any order), a tuple's by position. */
  private List<Value> unwrap(Value v) {
    if (names == null) {
      List<Value> elements = TypePlan.as(v, TupleValue.class, type).elements();
      if (elements.size() != fields.length) {
        throw new IllegalArgumentException("tuple arity mismatch for " + type);
      }
      return elements;
    }
    List<RecordValue.Field> given = TypePlan.as(v, RecordValue.class, type).fields();
    List<Value> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      out.add(field(given, i));
    }
    return out;
  }

  private Value field(List<RecordValue.Field> given, int i) {
    if (i < given.size() && given.get(i).name().equals(names[i])) {
      return given.get(i).value();
    }
    for (RecordValue.Field f : given) {
      if (f.name().equals(names[i])) {
        return f.value();
      }
    }
    throw new IllegalArgumentException("missing field " + names[i]);
  }
}
