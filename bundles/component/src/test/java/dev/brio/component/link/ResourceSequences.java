package dev.brio.component.link;

import dev.brio.component.link.DifferentialTest.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DifferentialTest's resource cases: sequences of calls on fresh instances of resource-wit.wat and
 * resource-instances.wat, where own handles are bound to names, passed on as owns (moved) or
 * borrows, and dropped, and the destructors' effects are read back through the components' own
 * counters. A sequence's name says what it exercises.
 */
final class ResourceSequences {
  private ResourceSequences() {}

  private static final String THINGS = "brio:fixtures/things@0.1.0#";
  private static final String BORROWERS = "brio:fixtures/borrowers@0.1.0#";

  /** jco's idempotent dispose, where dropping an invalid handle traps. */
  private static final String JCO_IDEMPOTENT_DISPOSE =
      "jco's Symbol.dispose of a resource object that was already dropped or moved does nothing"
          + " (JS's convention for dispose), where Brio's ComponentInstance.drop traps on the"
          + " handle that is no longer in its table, as canon_resource_drop does (Table.remove)";

  /** jco does not look up the handle a guest returns as an own. */
  private static final String JCO_UNCHECKED_OWN_RESULT =
      "jco wraps the i32 a guest returns for an own in a resource object without looking it up"
          + " (it fails only when the object is used), where CanonicalABI.md's lift_own traps"
          + " (handles.remove of an index that holds no handle); Brio traps";

  /** jco looks a host's handle up by index in whichever table the callee uses. */
  private static final String JCO_UNTYPED_HANDLES =
      "jco finds the handle of a resource object by its index in the callee's table without"
          + " checking the resource type, so instance a's handle 1 passed to instance b's"
          + " function reads b's handle 1; CanonicalABI.md's lift_borrow traps (h.rt is not rt);"
          + " Brio traps";

  /** jco lends a host's borrow to an importer through the importer's table. */
  private static final String JCO_FOREIGN_BORROW =
      "jco lowers a host's borrow into a component that imports the resource type by looking"
          + " the object's handle up in that component's table (empty), not the exporter's, and"
          + " throws 'Not a valid \"Thing\" resource'; lower_borrow gives the importer a borrow"
          + " handle of its own; Brio does";

  /** jco keeps a rep in its table with a flag bit. */
  private static final String JCO_REP_FLAG =
      "jco keeps a handle's rep in its table ORed with a flag bit (1 << 30) and takes rep 0 for"
          + " an empty slot, so a rep of 0 or with bit 30 set comes back wrong: resource.rep traps"
          + " on 0 ('unknown handle index'), 2^30 reads as 0, 0xffffffff as 0xbfffffff; a rep is"
          + " any i32 (CanonicalABI.md's resource.new stores it as it is); Brio keeps it";

  /** jco does not count a host's lends. */
  private static final String JCO_NO_LENDS =
      "jco lowers a borrow from the host without counting the lend, so the same handle can be"
          + " moved as an own in the same call; CanonicalABI.md's lift_own traps while"
          + " h.num_lends != 0 (lift_borrow counted one); Brio traps";

  /** One step: a call, a call that binds its handle result, or a drop. */
  sealed interface Step {
    String instance();
  }

  /**
   * A call of {@code function} in the named instance; {@code args} are WAVE texts, or the bound
   * name for an own or borrow parameter; a handle result is bound to {@code bind}.
   */
  record Call(String instance, String function, List<String> args, String bind) implements Step {
    @Override
    public String toString() {
      String call = function + "(" + String.join(", ", args) + ")";
      return (bind == null ? "" : bind + " = ") + call + at(instance);
    }
  }

  /**
   * The host drops a bound own handle from the named instance's table, and its destructor runs
   * (jco's resource object drops itself, in the instance that made it).
   */
  record Drop(String instance, String handle) implements Step {
    @Override
    public String toString() {
      return "drop " + handle + at(instance);
    }
  }

  private static String at(String instance) {
    return instance.equals("1") ? "" : " in instance " + instance;
  }

  private static Call call(String function, String... args) {
    return new Call("1", function, Arrays.asList(args), null);
  }

  private static Call bind(String name, String function, String... args) {
    return new Call("1", function, Arrays.asList(args), name);
  }

  private static Call in(String instance, Call c) {
    return new Call(instance, c.function(), c.args(), c.bind());
  }

  private static Drop drop(String handle) {
    return new Drop("1", handle);
  }

  private static Call thing(String name, long v) {
    return bind(name, THINGS + "[constructor]thing", Long.toString(v));
  }

  private static Call get(String handle) {
    return call(THINGS + "[method]thing.get", handle);
  }

  private static Call things(String function, String... args) {
    return call(THINGS + function, args);
  }

  private static Call dropped() {
    return things("dropped");
  }

  private static Call lastDropped() {
    return things("last-dropped");
  }

  private static Sequence sequence(String name, Step... steps) {
    return new Sequence("resource-wit", name, List.of(steps), null);
  }

  private static Sequence sequenceKnown(String reason, String name, Step... steps) {
    return new Sequence("resource-wit", name, List.of(steps), reason);
  }

  static List<Sequence> sequences() {
    List<Sequence> s = new ArrayList<>();
    s.add(
        sequence(
            "constructor, methods and a static function",
            thing("t", 5),
            get("t"),
            bind("u", THINGS + "[static]thing.twice", "4"),
            get("u"),
            things("[method]thing.add", "t", "u"),
            // one handle lent twice to one call
            things("[method]thing.add", "t", "t"),
            dropped()));
    // a rep is any i32: read through a borrow, resource.rep, and the destructor
    for (long v : new long[] {1, 0x3fff_ffffL, 0x8000_0000L}) {
      s.add(sequence("rep " + v, repRoundTrip(v)));
    }
    for (long v : new long[] {0, 0x4000_0000L, 0xffff_ffffL}) {
      s.add(sequenceKnown(JCO_REP_FLAG, "rep " + v, repRoundTrip(v)));
    }
    s.add(
        sequence(
            "an own moved into a call that drops it: the destructor runs in the call and the"
                + " host's handle is gone",
            thing("t", 5),
            things("consume", "t"),
            dropped(),
            lastDropped(),
            get("t")));
    s.add(
        sequence(
            "an own passed through and handed back, then dropped by the host",
            thing("t", 6),
            bind("m", THINGS + "pass", "t"),
            get("m"),
            dropped(),
            drop("m"),
            dropped(),
            lastDropped()));
    s.add(
        sequence(
            "a drop runs the destructor once, and the dropped handle is gone",
            thing("t", 7),
            thing("u", 8),
            dropped(),
            drop("t"),
            dropped(),
            lastDropped(),
            get("u"),
            get("t")));
    s.add(
        sequenceKnown(
            JCO_IDEMPOTENT_DISPOSE,
            "a handle dropped twice",
            thing("t", 7),
            drop("t"),
            drop("t"),
            dropped()));
    s.add(
        sequenceKnown(
            JCO_IDEMPOTENT_DISPOSE,
            "a handle dropped after it moved",
            thing("t", 7),
            things("keep", "t"),
            drop("t"),
            dropped()));
    s.add(
        sequence(
            "two owns merged into a new one: both destructors run",
            thing("a", 2),
            thing("b", 3),
            bind("m", THINGS + "merge", "a", "b"),
            get("m"),
            dropped(),
            lastDropped(),
            get("a")));
    s.add(
        sequence(
            "one own passed twice to one call: the second is gone when it is lowered",
            thing("t", 2),
            bind("m", THINGS + "merge", "t", "t")));
    s.add(
        sequence(
            "a borrow and a different own in one call",
            thing("t", 2),
            thing("u", 40),
            things("[method]thing.absorb", "t", "u"),
            dropped(),
            lastDropped(),
            get("t")));
    s.add(
        sequence(
            "an own the guest keeps, then releases: the destructor runs at the release",
            thing("t", 9),
            things("keep", "t"),
            things("kept"),
            dropped(),
            things("release"),
            dropped(),
            lastDropped(),
            things("kept")));
    s.add(
        sequence(
            "a kept own replaced by the next: the first one's destructor runs",
            thing("a", 1),
            things("keep", "a"),
            thing("b", 2),
            things("keep", "b"),
            dropped(),
            lastDropped(),
            things("kept")));
    s.add(
        sequence(
            "a kept own given back to the host",
            thing("t", 11),
            things("keep", "t"),
            bind("g", THINGS + "give"),
            get("g"),
            things("kept"),
            drop("g"),
            dropped(),
            lastDropped()));
    s.add(
        sequenceKnown(
            JCO_UNCHECKED_OWN_RESULT,
            "an own result that is no handle in the guest's table",
            thing("t", 1),
            bind("f", THINGS + "forge"),
            get("f")));
    s.add(
        sequenceKnown(
            JCO_UNCHECKED_OWN_RESULT,
            "an own result of index 0",
            bind("g", THINGS + "give"),
            get("g")));
    s.add(
        sequence(
            "a handle passed to another instance of the component that holds none",
            thing("t", 5),
            in("2", get("t"))));
    s.add(
        sequence(
            "an own moved to another instance of the component that holds none",
            thing("t", 5),
            in("2", things("consume", "t"))));
    s.add(
        sequenceKnown(
            JCO_FOREIGN_BORROW,
            "a borrow lent to a component that imports the type",
            thing("t", 5),
            call(BORROWERS + "peek", "t"),
            dropped()));
    // one component, instantiated twice inside resource-instances: a type per instance
    s.add(
        instances(
            "each instance's handles, read and dropped through their own type",
            bind("t", "a#make", "3"),
            bind("u", "b#make", "4"),
            call("a#get", "t"),
            call("b#get", "u"),
            drop("t"),
            call("a#dropped"),
            call("a#last"),
            call("b#dropped")));
    s.add(
        instances(
            "instance a's handle lent to instance b, which holds none",
            bind("t", "a#make", "3"),
            call("b#get", "t")));
    s.add(
        new Sequence(
            "resource-instances",
            "instance a's handle lent to instance b, which holds a handle of the same index",
            List.of(bind("u", "b#make", "10"), bind("t", "a#make", "3"), call("b#get", "t")),
            JCO_UNTYPED_HANDLES));
    // the host's own handle rules (HostHandleRulesTest has them Brio-only)
    s.add(
        sequenceKnown(
            JCO_NO_LENDS,
            "one handle lent and moved in one call",
            thing("t", 2),
            things("[method]thing.absorb", "t", "t"),
            dropped()));
    s.add(
        sequence(
            "a moved own used after the handle it came back as took its index",
            thing("t", 6),
            bind("m", THINGS + "pass", "t"),
            get("t")));
    s.add(
        sequence(
            "a dropped own used after a new handle took its index",
            thing("t", 7),
            drop("t"),
            thing("u", 8),
            get("t")));
    s.add(
        sequence(
            "a handle passed to another instance of the component that holds one at its index",
            thing("t", 5),
            in("2", thing("u", 7)),
            in("2", get("t"))));
    s.add(
        sequenceKnown(
            JCO_IDEMPOTENT_DISPOSE,
            "a moved own dropped after a new handle took its index",
            thing("t", 7),
            things("keep", "t"),
            thing("u", 8),
            drop("t"),
            dropped(),
            get("u")));
    return s;
  }

  private static Step[] repRoundTrip(long v) {
    return new Step[] {
      thing("t", v), get("t"), things("consume", "t"), lastDropped(),
    };
  }

  private static Sequence instances(String name, Step... steps) {
    return new Sequence("resource-instances", name, List.of(steps), null);
  }
}
