package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
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

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    String[] pieces = {"abcdefgh", "男士跑步鞋", "é", "😀", "{\"user\":\"u1\"}", " "};
    for (int round = 0; round < 20_000; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int parts = rnd.nextInt(8);
      for (int p = 0; p < parts; p++) {
        if (rnd.nextInt(5) == 0) out.write(rnd.nextInt(256));
        else out.writeBytes(pieces[rnd.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
      }
      byte[] b = out.toByteArray();
      boolean jdkValid;
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
        jdkValid = true;
      } catch (CharacterCodingException e) {
        jdkValid = false;
      }
      assertThat(Utf8.firstInvalid(b, 0, b.length) < 0).as("seed %d, bytes %s", seed, Arrays.toString(b))
          .isEqualTo(jdkValid);
    }
  }
}
