package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static int check(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
    return Utf8.firstInvalid(b, 0, b.length);
  }

  @Test
  void acceptsValidText() {
    byte[] b = "abc 男士跑步鞋 é 😀".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(-1);
  }

  @Test
  void rejectsInvalidSequences() {
    assertThat(check('a', 0xFF)).isEqualTo(1); // never valid
    assertThat(check('a', 0xC0, 0x80)).isEqualTo(1); // overlong lead
    assertThat(check(0xE0, 0x80, 0x80)).isEqualTo(0); // overlong 3-byte
    assertThat(check(0xED, 0xA0, 0x80)).isEqualTo(0); // surrogate U+D800
    assertThat(check(0xF4, 0x90, 0x80, 0x80)).isEqualTo(0); // above U+10FFFF
    assertThat(check('x', 0xE4, 0xB8)).isEqualTo(1); // truncated at end
    assertThat(check(0xE4, 'a', 'b')).isEqualTo(0); // bad continuation
    assertThat(check(0x80)).isEqualTo(0); // lone continuation
  }
}
