package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guests handing back invalid values trap where CanonicalABI.md traps. */
class TrapTest {
  private ComponentInstance abi;

  @BeforeEach
  void instantiate() throws Exception {
    abi = new Linker().instantiate(Fixtures.parse("abi"));
  }

  /** Every trap here happens while lifting the guest's result, and says so. */
  private void assertTrap(String function, String expected) {
    Trap t = assertThrows(Trap.class, () -> abi.call(function));
    assertEquals(function + ": lifting the result: " + expected, t.getMessage());
  }

  @Test
  void invalidUtf8() {
    assertTrap("bad-utf8", "string: invalid UTF-8 at 0x1e0");
  }

  @Test
  void outOfBoundsPointer() {
    assertTrap(
        "oob-string", "string: range [0xffff0000, +16) is out of bounds of memory (65536 bytes)");
  }

  @Test
  void misalignedReturnPointer() {
    assertTrap("misaligned-return", "spilled values: pointer 0x2 is not aligned to 4");
  }

  @Test
  void misalignedListPointer() {
    assertTrap("misaligned-list", "list: pointer 0x102 is not aligned to 4");
  }

  @Test
  void misalignedUtf16Pointer() {
    assertTrap("misaligned-utf16", "string: pointer 0x1e9 is not aligned to 2");
  }

  @Test
  void loneSurrogateInUtf16() {
    assertTrap("lone-surrogate", "string: invalid UTF-16 (lone surrogate) at 0x1e8");
  }

  @Test
  void listLengthOverflow() {
    assertTrap("long-list", "list: byte length 2147483648 exceeds MAX_LIST_BYTE_LENGTH");
  }

  @Test
  void badDiscriminants() {
    assertTrap("bad-option", "invalid discriminant 2 for option with 2 cases");
    assertTrap("bad-enum", "invalid discriminant 5 for enum with 3 cases");
  }

  @Test
  void invalidChars() {
    assertTrap("surrogate-char", "char: 0xd800 is a surrogate");
    assertTrap("beyond-char", "char: 0x110000 is beyond U+10FFFF");
  }

  @Test
  void aValueOfTheWrongTypeIsAHostError() {
    assertThrows(IllegalArgumentException.class, () -> abi.call("id-u8", new StringValue("x")));
  }
}
