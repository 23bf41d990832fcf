package io.shopsense.engine.experiment;

import io.shopsense.engine.api.Experiment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sticky assignment: a shopper's variant is a pure function of (experiment id, shopper id), so it is
 * the same on every request, on every server replica and after a restart, with nothing stored. The
 * pair is hashed (64-bit FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser to spread the
 * low bits) to a point in [0, 1) that falls into the variants' cumulative traffic shares. O(length of
 * the ids + variants).
 */
public final class Assigner {
  private Assigner() {}

  /** The variant of {@code user} in {@code e}. */
  public static Experiment.Variant variantOf(Experiment e, String user) {
    List<Experiment.Variant> vs = e.variants();
    double total = 0;
    for (Experiment.Variant v : vs) total += v.weight();
    double point = unit(e.id(), user) * total;
    double acc = 0;
    for (Experiment.Variant v : vs) {
      acc += v.weight();
      if (point < acc) return v;
    }
    return vs.get(vs.size() - 1); // rounding at the top end
  }

  /** A uniform point in [0, 1) for the pair. */
  static double unit(String experimentId, String user) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, experimentId.getBytes(StandardCharsets.UTF_8));
    h = (h ^ 0xff) * 0x100000001b3L; // separator: ("ab","c") and ("a","bc") differ
    h = fnv(h, user.getBytes(StandardCharsets.UTF_8));
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
  }

  private static long fnv(long h, byte[] bytes) {
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
