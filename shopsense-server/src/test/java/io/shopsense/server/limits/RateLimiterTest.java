package io.shopsense.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void burstThenRefillAtTheRate() {
    AtomicLong now = new AtomicLong(0);
    RateLimiter r = new RateLimiter(2, 4, 100, now::get);
    for (int i = 0; i < 4; i++) assertThat(r.acquire("a")).isZero();
    assertThat(r.acquire("a")).as("bucket empty: wait whole seconds").isEqualTo(1);
    assertThat(r.acquire("b")).as("other keys have their own bucket").isZero();
    now.addAndGet(500_000_000L); // half a second at 2/s = one token
    assertThat(r.acquire("a")).isZero();
    assertThat(r.acquire("a")).isEqualTo(1);
  }

  @Test
  void memoryIsBounded() {
    AtomicLong now = new AtomicLong(0);
    RateLimiter r = new RateLimiter(1, 1, 50, now::get);
    for (int i = 0; i < 10_000; i++) r.acquire("client-" + i);
    assertThat(r.size()).isLessThanOrEqualTo(50);
  }

  @Test
  void zeroRateSwitchesItOff() {
    RateLimiter r = new RateLimiter(0, 1, 10);
    for (int i = 0; i < 1000; i++) assertThat(r.acquire("a")).isZero();
    assertThat(r.size()).isZero();
  }
}
