package io.shopsense.recommend.mf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD forms of {@link MfKernels}, on the JDK's incubating Vector API. Only loaded when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}; HotSpot's auto-vectorizer cannot
 * help here because the operands sit at unrelated offsets of float arrays it must assume overlap.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
  private static final VectorSpecies<Short> SH = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));

  private VectorKernels() {}

  static int lanes() {
    return L;
  }

  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int k = 0;
    // four accumulators hide the fused multiply-add latency
    for (; k + 4 * L <= n; k += 4 * L) {
      s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
      s1 = FloatVector.fromArray(S, a, ao + k + L).fma(FloatVector.fromArray(S, b, bo + k + L), s1);
      s2 = FloatVector.fromArray(S, a, ao + k + 2 * L).fma(FloatVector.fromArray(S, b, bo + k + 2 * L), s2);
      s3 = FloatVector.fromArray(S, a, ao + k + 3 * L).fma(FloatVector.fromArray(S, b, bo + k + 3 * L), s3);
    }
    for (; k + L <= n; k += L) s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) s += a[ao + k] * b[bo + k];
    return s;
  }

  static float dotDiff(float[] u, int uo, float[] v, int io, int jo, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    int k = 0;
    for (; k + 2 * L <= n; k += 2 * L) {
      s0 = FloatVector.fromArray(S, v, io + k).sub(FloatVector.fromArray(S, v, jo + k))
          .fma(FloatVector.fromArray(S, u, uo + k), s0);
      s1 = FloatVector.fromArray(S, v, io + k + L).sub(FloatVector.fromArray(S, v, jo + k + L))
          .fma(FloatVector.fromArray(S, u, uo + k + L), s1);
    }
    for (; k + L <= n; k += L) {
      s0 = FloatVector.fromArray(S, v, io + k).sub(FloatVector.fromArray(S, v, jo + k))
          .fma(FloatVector.fromArray(S, u, uo + k), s0);
    }
    return s0.add(s1).reduceLanes(VectorOperators.ADD) + MfKernels.dotDiffScalar(u, uo, v, io, jo, k, n);
  }

  static void axpy(float[] y, int yo, float s, float[] x, int xo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, xo + k).fma(sv, FloatVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
    }
    for (; k < n; k++) y[yo + k] += s * x[xo + k];
  }

  static void scoreBlock(float[] u, int uo, int f, short[] blk, int base, int stride, float[] out, int oo, int len) {
    int j = 0;
    for (; j + 4 * L <= len; j += 4 * L) {
      FloatVector a0 = FloatVector.fromArray(S, out, oo + j);
      FloatVector a1 = FloatVector.fromArray(S, out, oo + j + L);
      FloatVector a2 = FloatVector.fromArray(S, out, oo + j + 2 * L);
      FloatVector a3 = FloatVector.fromArray(S, out, oo + j + 3 * L);
      for (int k = 0, o = base + j; k < f; k++, o += stride) {
        FloatVector uk = FloatVector.broadcast(S, u[uo + k]);
        a0 = bf16(blk, o).fma(uk, a0);
        a1 = bf16(blk, o + L).fma(uk, a1);
        a2 = bf16(blk, o + 2 * L).fma(uk, a2);
        a3 = bf16(blk, o + 3 * L).fma(uk, a3);
      }
      a0.intoArray(out, oo + j);
      a1.intoArray(out, oo + j + L);
      a2.intoArray(out, oo + j + 2 * L);
      a3.intoArray(out, oo + j + 3 * L);
    }
    for (; j + L <= len; j += L) {
      FloatVector a = FloatVector.fromArray(S, out, oo + j);
      for (int k = 0, o = base + j; k < f; k++, o += stride) a = bf16(blk, o).fma(FloatVector.broadcast(S, u[uo + k]), a);
      a.intoArray(out, oo + j);
    }
    MfKernels.scoreBlockScalar(u, uo, f, blk, base, stride, out, oo, j, len);
  }

  /** L bfloat16 values widened to floats: sign-extend to int, shift into the high half. */
  private static FloatVector bf16(short[] a, int o) {
    return ((IntVector) ShortVector.fromArray(SH, a, o).convertShape(VectorOperators.S2I, I, 0))
        .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
  }

  static void bprStep(float[] u, int uo, float[] v, int io, int jo, int n, float z, float lr, float reg) {
    FloatVector g = FloatVector.broadcast(S, z * lr);
    FloatVector decay = FloatVector.broadcast(S, 1f - lr * reg);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector uf = FloatVector.fromArray(S, u, uo + k);
      FloatVector vi = FloatVector.fromArray(S, v, io + k);
      FloatVector vj = FloatVector.fromArray(S, v, jo + k);
      uf.mul(decay).add(vi.sub(vj).mul(g)).intoArray(u, uo + k);
      vi.mul(decay).add(uf.mul(g)).intoArray(v, io + k);
      vj.mul(decay).sub(uf.mul(g)).intoArray(v, jo + k);
    }
    MfKernels.bprStepScalar(u, uo, v, io, jo, k, n, z, lr, reg);
  }
}
